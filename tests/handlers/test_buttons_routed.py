"""Every button action has its own handler; buttons already in people's chats keep working."""

from __future__ import annotations

import pytest

from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.helpers import onboard
from tests.handlers.network import Member, add_members

ADMIN = 4_300_000


async def test_a_long_member_list_pages_forward_and_back(bot: Harness) -> None:
    people = tuple(Member(ADMIN + n, "en", f"Member {n:02d}") for n in range(25))
    org_id = await add_members(bot, people)
    await bot.send(ADMIN, "/members")
    assert f"mem:org:{org_id}:1" in bot.data(ADMIN)
    assert "Member 24" not in bot.labels(ADMIN)

    await bot.press(ADMIN, f"mem:org:{org_id}:1")
    assert any("Member 24" in label for label in bot.labels(ADMIN))
    assert f"mem:org:{org_id}:0" in bot.data(ADMIN)
    # The Back button of a member card carries no page: the first page.
    await bot.press_label(ADMIN, "Member 24")
    await bot.press(ADMIN, f"mem:org:{org_id}")
    assert any("Member 00" in label for label in bot.labels(ADMIN))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("lang:set:", id="language-missing"),
        pytest.param("lang:pick:en", id="language-unknown-action"),
        pytest.param("reg:kind:spaceship", id="unknown-kind"),
        pytest.param("org:ok:x", id="approve-not-a-number"),
        pytest.param("mem:who:1:2", id="member-extra-argument"),
        pytest.param("mem:org:1:2:3", id="member-page-extra"),
        pytest.param("inv:drop:1", id="invite-unknown-action"),
        pytest.param("leave:yes:", id="leave-without-id"),
        pytest.param("forget:yes:99999999999", id="forget-id-too-long"),
        pytest.param("crd:promote:-1", id="promote-negative"),
    ],
)
async def test_malformed_or_unknown_button_data_gets_the_stale_toast(
    bot: Harness, data: str
) -> None:
    await onboard(bot, COORDINATOR)
    await bot.forge(COORDINATOR, data)
    answer = bot.answers()[-1]
    assert answer["show_alert"] is True
    assert "no longer valid" in answer["text"]
