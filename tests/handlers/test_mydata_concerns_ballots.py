"""/mydata lists the person's concerns (through the link to the sender) and ballots."""

from __future__ import annotations

from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.languages import assert_reads
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule
from tests.handlers.test_concerns import concerns, raise_text
from tests.handlers.test_motions import open_motion
from tests.handlers.test_privacy import mydata


async def test_mydata_lists_concerns_and_ballots_in_english(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await raise_text(bot, JOHN, "Water in the camp", anonymous=False)
    await raise_text(bot, JOHN, "Roads to the district", anonymous=True)
    await raise_text(bot, AMIR, "Someone else's worry", anonymous=True)
    first, second, third = (c.id for c in await concerns(bot))
    await bot.send(COORDINATOR, "/review")
    await bot.press(COORDINATOR, f"rev:ok:{first}")
    motion = await open_motion(bot, quorum="0")
    await bot.dispatch()
    await bot.press(JOHN, f"mo:v:{motion}:1:0")

    shown = await mydata(bot, JOHN)
    assert "Concerns you raised" in shown
    assert f"#{first}: approved, named" in shown
    assert f"#{second}: waiting for a decision, anonymous" in shown
    assert f"#{third}" not in shown  # Amir's, not John's
    assert "Your ballots" in shown
    assert "Adopt the security plan?: No," in shown
    assert "recorded for you by a coordinator" not in shown


async def test_mydata_in_dari_marks_a_ballot_recorded_by_proxy(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await raise_text(bot, AMIR, "Security on the road", anonymous=True)
    await open_motion(bot, quorum="0")
    await bot.send(COORDINATOR, f"/proxy {AMIR}")
    await bot.press_label(COORDINATOR, "Adopt the security plan?")
    await bot.press_label(COORDINATOR, "Abstain")

    assert_reads(
        await mydata(bot, AMIR),
        "نگرانی‌هایی که مطرح کرده‌اید",
        "• نگرانی #۱: در انتظار تصمیم، بی‌نام",
        "رأی‌های شما",
        "• رأی شما دربارهٔ Adopt the security plan?: ممتنع،",
        "(هماهنگ‌کننده به جای شما ثبت کرد)",
    )


async def test_mydata_without_concerns_or_ballots(bot: Harness) -> None:
    await add_members(bot)
    shown = await mydata(bot, JOHN)
    assert "Concerns you raised\n(nothing)" in shown
    assert "Your ballots\n(nothing)" in shown


async def test_mydata_in_pashto(bot: Harness) -> None:
    await add_members(bot)
    await schedule(bot)
    await raise_text(bot, ZAHRA, "Security on the road", anonymous=False)
    assert_reads(
        await mydata(bot, ZAHRA),
        "هغه اندېښنې چې تاسو وړاندې کړې",
        "• اندېښنه #۱: د پرېکړې په تمه، په نوم",
    )
