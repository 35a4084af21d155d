"""The board in a real browser: headless Chromium (Debian's) driven by Playwright, opened the way
Telegram opens it, with signed launch data in the address and no network but the bot's server.

Screenshots go to artifacts/board/ (not in git). Without Chromium these tests are skipped here,
and fail in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.clock import FakeClock
from bot.web.board import LIVE_SECONDS
from bot.web.server import WebServer, build_web_app
from db.models import AgendaVote, Concern, ConcernStatus
from db.session import transaction
from tests.conftest import Database
from tests.handlers.conftest import COORDINATOR, TOKEN, Harness, start_harness, stop_harness
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule
from tests.web.conftest import WEB_URL
from tests.web.initdata import fragment, launch_data
from tests.web.test_concerns_queue import raise_concern

DARI_CONCERNS = (
    "ایست‌های بازرسی در راه بلخ رفت‌وآمد کارمندان را دشوار کرده است.",
    "بودجهٔ مکتب بهاری هنوز نرسیده است.",
    "برنامهٔ رادیویی زنان به وقت بهتری نیاز دارد.",
    "دفتر ما در ولسوالی دولت‌آباد امنیت ندارد.",
)
CHROMIUM = Path(os.environ.get("SHURA_TEST_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "board"
PHONE = {"width": 360, "height": 780}
# Telegram's night theme, as its Android client passes it.
DARK_THEME = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "link_color": "#6ab3f3",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#232e3c",
}

try:
    from playwright.async_api import Browser, Page, async_playwright
except ImportError:  # the dev extras bring it
    async_playwright = None  # type: ignore[assignment]


def _need_chromium() -> None:
    missing = (
        "Playwright is not installed (pip install -e '.[dev]')"
        if async_playwright is None
        else f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if not CHROMIUM.exists()
        else None
    )
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing}: .ci/run must install it, so browser tests run in CI")
    pytest.skip(f"browser test skipped: {missing}")


@dataclass
class Live:
    """The bot, its board on a real port, and a headless Chromium with no other network."""

    bot: Harness
    server: WebServer
    browser: Browser
    foreign: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def open(
        self,
        user_id: int | None,
        page: str,
        *,
        lang: str = "en",
        theme: dict[str, str] | None = None,
        init_data: str | None = None,
        viewport: dict[str, int] = PHONE,
    ) -> Page:
        """A tab on the board (phone-sized unless told), as Telegram opens it for `user_id`."""
        context = await self.browser.new_context(viewport=viewport, device_scale_factor=2)
        await context.route("**/*", self._only_the_board)
        tab = await context.new_page()
        # Timers are the page's clock: the live refresh happens when the test moves it.
        await tab.clock.install()
        address = f"{self.base}/board?page={page}"
        if init_data is None and user_id is not None:
            init_data = launch_data(user_id, TOKEN, self.bot.clock.now(), language_code=lang)
        if init_data is not None:
            address += fragment(init_data, theme)
        await tab.goto(address)
        return tab

    async def _only_the_board(self, route: Any) -> None:
        if route.request.url.startswith(self.base + "/"):
            await route.continue_()
        else:
            # Telegram's script, or anything else from outside: never fetched in tests.
            self.foreign.append(route.request.url)
            await route.abort()


@pytest.fixture
async def live(database: Database, clock: FakeClock) -> AsyncIterator[Live]:
    _need_chromium()
    assert async_playwright is not None
    bot = await start_harness(database, clock, SHURA_WEB_URL=WEB_URL)
    server = WebServer(build_web_app(bot.app), "127.0.0.1:0")
    await server.start()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            running = Live(bot, server, browser)
            try:
                yield running
            finally:
                await browser.close()
        # Nothing but Telegram's own script was asked for outside the board.
        assert all(url.startswith("https://telegram.org/js/") for url in running.foreign)
    finally:
        await server.stop()
        await stop_harness(bot)
    assert not bot.errors, f"handlers raised: {bot.errors!r}"
    bot.api.assert_no_problems()


async def shot(tab: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await tab.screenshot(path=str(path), full_page=True)
    return path


async def fits_a_phone(tab: Page) -> None:
    """Readable at 360 pixels: nothing wider than the screen, so no sideways scrolling."""
    width = await tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


async def concerns_of(bot: Harness) -> list[Concern]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Concern).order_by(Concern.id)))


async def set_language(bot: Harness, user_id: int, lang: str) -> None:
    await bot.send(user_id, "/language")
    await bot.press(user_id, f"lang:set:{lang}")


async def test_the_attendance_page_counts_answers_and_refreshes_by_itself(live: Live) -> None:
    bot = live.bot
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-03 10:00")
    await bot.forge(JOHN, f"rsvp:go:{meeting}")
    tab = await live.open(COORDINATOR, "attendance", theme=DARK_THEME)
    total = tab.locator(".attendance .total")
    await total.wait_for()
    assert re.search(r"✅\s*1 going", await total.inner_text())
    assert "John" in await tab.locator(".org .going").inner_text()
    assert await tab.evaluate("document.documentElement.dir") == "ltr"
    # Telegram's theme, from the launch address.
    background = await tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"

    await bot.forge(AMIR, f"rsvp:go:{meeting}")
    await tab.clock.run_for(LIVE_SECONDS * 1000 + 100)
    await tab.locator(".attendance .total", has_text="2 going").wait_for()
    assert "Amir" in await tab.locator(".org .going").inner_text()
    await fits_a_phone(tab)
    await shot(tab, "attendance-en")


async def test_a_coordinator_approves_rejects_and_merges_concerns_by_clicking(live: Live) -> None:
    bot = live.bot
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await raise_concern(bot, JOHN, "Checkpoints on the Balkh road", anonymous=True)
    await raise_concern(bot, AMIR, "Funding for the spring school", "funding", anonymous=False)
    await raise_concern(bot, ZAHRA, None, "media", anonymous=True)
    await raise_concern(bot, JOHN, "Roads again: checkpoints", anonymous=True)
    road, funding, voice, again = await concerns_of(bot)

    tab = await live.open(COORDINATOR, "concerns")
    row = tab.locator(f'li[data-concern="{road.id}"]')
    await row.wait_for()
    assert "🕶 anonymous" in await row.inner_text()
    await shot(tab, "concerns-en")

    await row.get_by_role("button", name="✅ Approve").click()
    await tab.locator("#notice", has_text="Approved").wait_for()
    await row.wait_for(state="detached")
    assert (await concerns_of(bot))[0].status == ConcernStatus.APPROVED
    assert "was approved" in bot.last(JOHN)

    # The voice note plays through the bot, as a blob the page made from the proxied file.
    voice_row = tab.locator(f'li[data-concern="{voice.id}"]')
    await voice_row.get_by_role("button", name="Play the voice note").click()
    audio = voice_row.locator("audio")
    await audio.wait_for(state="attached")
    assert (await audio.get_attribute("src") or "").startswith("blob:")

    # Rejecting asks for a reason, said to the sender.
    funding_row = tab.locator(f'li[data-concern="{funding.id}"]')
    await funding_row.locator("summary").click()
    await funding_row.get_by_placeholder("Reason").fill("Raise it with the funding group")
    await funding_row.get_by_role("button", name="Reject with this reason").click()
    await funding_row.wait_for(state="detached")
    assert (await concerns_of(bot))[1].status == ConcernStatus.REJECTED
    assert "Raise it with the funding group" in bot.last(AMIR)

    # Several at once: tick, choose the concern to merge into, merge.
    await tab.locator(f'input[name="pick"][value="{again.id}"]').check()
    await tab.locator(f'input[name="pick"][value="{voice.id}"]').check()
    await tab.locator(".bulk select[name=target]").select_option(str(road.id))
    await tab.locator(".bulk").get_by_role("button", name="🔗 Merge").click()
    await tab.locator("#notice", has_text="Merged").wait_for()
    merged = [c for c in await concerns_of(bot) if c.status == ConcernStatus.MERGED]
    assert {c.id for c in merged} == {again.id, voice.id}
    assert "No concern matches." in await tab.locator(".concerns").inner_text()
    await fits_a_phone(tab)


async def test_the_dari_queue_reads_right_to_left_with_persian_digits(live: Live) -> None:
    bot = live.bot
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await set_language(bot, COORDINATOR, "fa")
    for number in range(12):
        await raise_concern(bot, AMIR, DARI_CONCERNS[number % 4], anonymous=True)
    await raise_concern(bot, JOHN, None, "funding", anonymous=False)
    tab = await live.open(COORDINATOR, "concerns", lang="fa")
    await tab.locator(".queue").wait_for()
    assert await tab.evaluate("document.documentElement.dir") == "rtl"
    assert await tab.evaluate("document.documentElement.lang") == "fa"
    heads = await tab.locator(".concern .head").all_inner_texts()
    assert "نگرانی #۱۲" in heads[11] and not re.search("[0-9]", "".join(heads))
    assert "تأیید" in await tab.locator(".bulk").inner_text()
    direction = await tab.evaluate("getComputedStyle(document.querySelector('.queue')).direction")
    assert direction == "rtl"
    # The Dari letters come from the font the bot serves, not from the internet.
    await tab.evaluate("document.fonts.ready")
    loaded = await tab.evaluate(
        "Array.from(document.fonts).some(f => f.family.includes('Shura Arabic')"
        " && f.status === 'loaded')"
    )
    assert loaded
    await fits_a_phone(tab)
    await shot(tab, "concerns-fa")


async def test_a_member_ranks_the_agenda_and_sees_no_coordinator_page(live: Live) -> None:
    bot = live.bot
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    for text in ("Security of the office", "Budget for the spring", "Radio programme"):
        await raise_concern(bot, JOHN, text, anonymous=True)
    await bot.send(COORDINATOR, "/review")
    for concern in await concerns_of(bot):
        await bot.press(COORDINATOR, f"rev:ok:{concern.id}")

    tab = await live.open(ZAHRA, "concerns", lang="ps")
    # Only the agenda is hers: asking for the queue lands on the agenda.
    await tab.locator(".agenda").wait_for()
    assert await tab.locator("nav [data-page]").count() == 1
    budget = tab.locator("li.item", has_text="Budget for the spring")
    await budget.get_by_role("button").click()
    await tab.locator("li.item.mine", has_text="Budget for the spring").wait_for()
    async with transaction(runtime(bot.app).sessions) as session:
        votes = list(await session.scalars(select(AgendaVote.concern_id)))
    assert len(votes) == 1
    assert "۲" in await tab.locator(".dots-left").inner_text()  # two of three dots left
    assert await tab.evaluate("document.documentElement.dir") == "rtl"
    await fits_a_phone(tab)
    await shot(tab, "agenda-ps")


async def test_the_checkin_screen_shows_the_code_for_a_projector_and_the_count_going_up(
    live: Live,
) -> None:
    bot = live.bot
    await add_members(bot)
    # Half an hour before the meeting (Kabul 12:30): its check-in is open.
    await schedule(bot, "2026-12-01 13:00")
    tab = await live.open(COORDINATOR, "checkin", viewport={"width": 1280, "height": 720})
    await tab.get_by_role("button", name="Open check-in").click()
    shown = tab.locator(".checkin .code")
    await shown.wait_for()
    code = (await shown.inner_text()).replace("-", "")
    assert await tab.locator(".checkin .qr svg").count() == 1
    count = tab.locator(".checkin .count")
    assert "0 people checked in" in await count.inner_text()

    await bot.send(JOHN, f"/checkin {code}")
    await tab.clock.run_for(LIVE_SECONDS * 1000 + 100)
    await tab.locator(".checkin .count", has_text="One person checked in").wait_for()
    await tab.get_by_role("button", name="Full screen").click()
    assert await tab.evaluate("document.body.classList.contains('projector')")
    assert await tab.locator("#nav").is_hidden()
    # The QR code fills most of the screen's height, for the back of the room.
    height = await tab.evaluate("document.querySelector('.qr svg').getBoundingClientRect().height")
    assert height >= 720 * 0.5
    # …and the count is on the same screen, no scrolling.
    bottom = await tab.evaluate(
        "document.querySelector('.checkin .count').getBoundingClientRect().bottom"
    )
    assert bottom <= 720
    await shot(tab, "checkin-projector-en")


async def test_without_telegrams_launch_data_the_page_shows_nothing_but_where_to_open_it(
    live: Live,
) -> None:
    await add_members(live.bot)
    for init_data in (None, "user=%7B%22id%22%3A7000000001%7D&auth_date=1&hash=0"):
        tab = await live.open(None, "concerns", init_data=init_data)
        outside = tab.locator("#outside")
        await outside.wait_for()
        assert "Open this page from Telegram" in await outside.inner_text()
        assert await tab.locator("#nav").inner_html() == ""
