"""A person's own data through Telegram: /mydata shows it, /forgetme erases it, /leave leaves."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import func, select

from bot.app import runtime
from bot.jobs.retention import JOB_NAME as RETENTION_JOB
from bot.jobs.retention import retention_job
from db.models import (
    AuditLog,
    Dialog,
    Membership,
    Organization,
    OrgKind,
    Outbox,
    Person,
    Rsvp,
)
from db.session import reading, transaction
from tests.factories import make_org
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.helpers import onboard, org_id_from_review, register
from tests.handlers.languages import assert_reads
from tests.handlers.network import AMIR, JOHN, LATE, ZAHRA, add_members, schedule


def text(bot: Harness, lang: str, key: str, **params: object) -> str:
    """A catalog message as the tests read the bot's messages (without first-strong isolates)."""
    return plain(runtime(bot.app).catalog.text(lang, key, plain=True, **params))


async def mydata(bot: Harness, tg_user_id: int) -> str:
    """What /mydata shows the person (in one message)."""
    await bot.send(tg_user_id, "/mydata")
    return bot.last(tg_user_id)


async def person(bot: Harness, tg_user_id: int) -> Person | None:
    async with reading(runtime(bot.app).sessions) as session:
        found = await session.execute(select(Person).where(Person.tg_user_id == tg_user_id))
        return found.scalar_one_or_none()


async def membership_id(bot: Harness, tg_user_id: int) -> int:
    async with reading(runtime(bot.app).sessions) as session:
        found = await session.execute(
            select(Membership.id).join(Person).where(Person.tg_user_id == tg_user_id)
        )
        return found.scalars().first() or 0


async def count(bot: Harness, model: type[object], *where: object) -> int:
    async with reading(runtime(bot.app).sessions) as session:
        query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int((await session.execute(query)).scalar_one())


async def second_org(bot: Harness, tg_user_id: int, name: str = "Mazar Media Center") -> int:
    """Another approved organization, with `tg_user_id` as a plain member."""
    found = await person(bot, tg_user_id)
    assert found is not None
    async with transaction(runtime(bot.app).sessions) as session:
        org = await make_org(
            session,
            bot.clock,
            found,
            members=(found,),
            name=name,
            kind=OrgKind.MEDIA,
            focus="Local news",
        )
        return org.id


async def full_meeting(bot: Harness) -> None:
    """A one-seat meeting: John holds the seat, Amir waits for it."""
    await add_members(bot)
    await schedule(bot, "2026-12-03 10:00", capacity="1")
    await bot.dispatch()
    await bot.press(JOHN, "rsvp:go:1")
    await bot.press(AMIR, "rsvp:go:1")


# /mydata


async def test_mydata_shows_what_is_stored_about_the_person(bot: Harness) -> None:
    await full_meeting(bot)
    await bot.send(JOHN, "/register")
    await bot.send(JOHN, "Draft Org Name")
    shown = await mydata(bot, JOHN)
    assert "What Shura holds about you (1/1)" in shown
    assert "Name: John" in shown
    assert f"Telegram user id: {JOHN}" in shown
    assert "Language: English" in shown
    assert "Balkh Youth Network — member (approved), since" in shown
    assert "Monthly coordination meeting" in shown and "✅ Going" in shown
    assert "registering an organization" in shown and "Draft Org Name" in shown
    assert "Messages already sent to you, kept as a record of delivery: 1" in shown
    assert "30 days after sending" in shown
    assert "Messages reach you: yes" in shown
    # Nothing about anyone else: Amir waits for the same meeting.
    assert "Amir" not in shown


async def test_mydata_counts_audit_entries_and_waiting_messages(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, JOHN)
    await register(bot, JOHN, "Balkh Teachers Union")
    org_id = org_id_from_review(bot)
    await bot.press(COORDINATOR, f"org:ok:{org_id}")
    shown = await mydata(bot, JOHN)
    assert "Organizations you registered" in shown
    assert "Balkh Teachers Union (approved), registered" in shown
    assert "registered an organization: 1" in shown
    await bot.send(COORDINATOR, "/mydata")
    assert "approved an organization: 1" in bot.last(COORDINATOR)
    assert "You are a coordinator of the network." in bot.last(COORDINATOR)


async def test_mydata_in_dari_uses_persian_digits_throughout(bot: Harness) -> None:
    await full_meeting(bot)
    assert_reads(
        await mydata(bot, AMIR),
        "آنچه شورا از شما نگه می‌دارد (۱/۱)",
        "شناسه تلگرام: ۴۰۰۰۰۰۱",
        "⏳ در فهرست انتظار",
        "۳۰ روز",
    )


async def test_mydata_in_pashto(bot: Harness) -> None:
    await add_members(bot)
    assert_reads(
        await mydata(bot, ZAHRA),
        "هغه څه چې شورا ستاسو په اړه ساتي",
        "سازمان Balkh Youth Network — غړی",
    )


async def test_long_data_is_split_under_telegrams_limit(bot: Harness) -> None:
    await add_members(bot)
    for n in range(60):
        await second_org(bot, JOHN, f"{'Organization of the network of Balkh province ' * 2}{n}")
    await bot.send(JOHN, "/mydata")
    parts = [t for t in bot.texts(JOHN) if "What Shura holds about you" in t]
    assert len(parts) >= 2
    assert f"(1/{len(parts)})" in parts[0] and f"({len(parts)}/{len(parts)})" in parts[-1]
    assert all(len(part) <= 4096 for part in parts)
    # Each organization twice: John belongs to it and registered it.
    assert sum(part.count("Organization of the network") for part in parts) == 240


async def test_mydata_is_only_in_private(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/mydata", chat_id=-100_555, chat_type="group")
    assert "What Shura holds" not in " ".join(bot.texts(-100_555))


# /forgetme


async def test_forgetme_erases_the_person_and_gives_their_seat_to_the_waitlist(
    bot: Harness,
) -> None:
    await full_meeting(bot)
    await bot.send(JOHN, "/register")
    await bot.send(JOHN, "Half typed")
    john = await person(bot, JOHN)
    assert john is not None
    await bot.send(JOHN, "/forgetme")
    assert "Erase your data?" in bot.last(JOHN)
    assert bot.labels(JOHN) == ["🗑 Erase my data", "Keep my data"]
    await bot.press_label(JOHN, "Erase my data")
    assert "Your data has been erased" in bot.last(JOHN)

    await bot.dispatch()
    assert "🎉" in bot.last(AMIR)  # the seat went to the first person waiting
    assert await person(bot, JOHN) is None
    async with reading(runtime(bot.app).sessions) as session:
        tombstone = await session.get(Person, john.id)
    assert tombstone is not None
    assert tombstone.tg_user_id < 0
    assert (tombstone.first_name, tombstone.last_name, tombstone.username) == ("", None, None)
    assert tombstone.language is None and not tombstone.is_coordinator
    assert await count(bot, Membership, Membership.person_id == john.id) == 0
    assert await count(bot, Rsvp, Rsvp.person_id == john.id) == 0
    assert await count(bot, Dialog, Dialog.person_id == john.id) == 0
    assert await count(bot, Outbox, Outbox.person_id == john.id) == 0
    assert await count(bot, Outbox, Outbox.chat_id == JOHN) == 0
    assert await count(bot, AuditLog, AuditLog.action == "person.forgotten") == 1


async def test_after_forgetme_writing_again_starts_afresh(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/forgetme")
    await bot.press_label(JOHN, "Erase my data")
    await bot.send(JOHN, "/start")
    assert bot.data(JOHN) == ["lang:set:en", "lang:set:fa", "lang:set:ps"]  # asked again
    await bot.press(JOHN, "lang:set:en")
    shown = await mydata(bot, JOHN)
    assert "Balkh Youth Network" not in shown
    fresh = await person(bot, JOHN)
    assert fresh is not None and fresh.first_name == "John"


async def test_forgetme_can_be_cancelled(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/forgetme")
    await bot.press_label(JOHN, "Keep my data")
    assert bot.last(JOHN) == "Nothing was erased."
    assert await person(bot, JOHN) is not None
    assert await membership_id(bot, JOHN) != 0


async def test_the_only_admin_cannot_be_forgotten_until_another_admin_is_named(
    bot: Harness,
) -> None:
    await add_members(bot)
    await bot.send(AMIR, "/forgetme")
    refusal = bot.last(AMIR)
    assert refusal == text(bot, "fa", "forget-sole-admin", names="Balkh Youth Network")
    assert "\u2066/members\u2069" in bot.api.last_message(AMIR)["text"]
    assert bot.labels(AMIR) == [] or "🗑" not in "".join(bot.labels(AMIR))
    # A confirmation button made before (or forged) is refused the same way.
    amir = await person(bot, AMIR)
    assert amir is not None
    await bot.forge(AMIR, f"forget:yes:{amir.id}")
    assert "Balkh Youth Network" in bot.answers()[-1]["text"]
    assert (await person(bot, AMIR)) is not None

    # Once another member is an admin, it works.
    zahra_membership = await membership_id(bot, ZAHRA)
    await bot.send(AMIR, "/members")
    await bot.press(AMIR, f"mem:who:{zahra_membership}")
    await bot.press(AMIR, f"mem:adm:{zahra_membership}")
    await bot.send(AMIR, "/forgetme")
    await bot.press_label(AMIR, "🗑")
    assert await person(bot, AMIR) is None


async def test_someone_elses_forget_button_is_a_stale_button(bot: Harness) -> None:
    await add_members(bot)
    zahra = await person(bot, ZAHRA)
    assert zahra is not None
    await bot.send(JOHN, "/help")  # a message of the bot's to press on
    await bot.forge(JOHN, f"forget:yes:{zahra.id}")
    assert bot.answers()[-1]["text"] == text(bot, "en", "error-stale-button")
    assert await person(bot, ZAHRA) is not None
    assert await person(bot, JOHN) is not None
    for data in ("forget:yes:x", "forget:maybe", "forget:yes"):
        await bot.forge(JOHN, data)
        assert bot.answers()[-1]["text"] == text(bot, "en", "error-stale-button")


async def test_an_application_nobody_approved_goes_with_its_applicant(bot: Harness) -> None:
    await onboard(bot, COORDINATOR)
    await onboard(bot, LATE)
    await register(bot, LATE, "Never Approved Org")
    org_id = org_id_from_review(bot)
    await bot.send(LATE, "/forgetme")
    await bot.press_label(LATE, "Erase my data")
    assert await count(bot, Organization, Organization.id == org_id) == 0
    await bot.press(COORDINATOR, f"org:ok:{org_id}")
    assert bot.answers()[-1]["text"] == text(bot, "en", "error-stale-button")


async def test_forgetme_in_pashto(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(ZAHRA, "/forgetme")
    assert bot.last(ZAHRA).startswith("ستاسو معلومات پاک شي؟")
    await bot.press_label(ZAHRA, text(bot, "ps", "button-forget-confirm"))
    assert bot.last(ZAHRA) == text(bot, "ps", "forget-done")


# /leave


async def test_leaving_the_last_organization_frees_the_seat_and_says_so(bot: Harness) -> None:
    await full_meeting(bot)
    await bot.send(JOHN, "/leave")
    question = bot.last(JOHN)
    assert "Leave Balkh Youth Network?" in question
    assert "It is your last organization" in question
    assert bot.labels(JOHN) == ["Leave", "Stay"]
    await bot.press_label(JOHN, "Leave")
    done = bot.last(JOHN)
    assert "You left Balkh Youth Network." in done
    assert "You are no longer in the network" in done
    assert "Your seats went to the next people waiting: Monthly coordination meeting" in done
    await bot.dispatch()
    assert "🎉" in bot.last(AMIR)
    assert await membership_id(bot, JOHN) == 0
    assert await count(bot, AuditLog, AuditLog.action == "member.left") == 1
    await bot.send(JOHN, "/next")
    assert "Monthly coordination meeting" not in bot.last(JOHN)


async def test_leaving_one_of_several_organizations_asks_which_and_keeps_the_seat(
    bot: Harness,
) -> None:
    await full_meeting(bot)
    media = await second_org(bot, JOHN)
    await bot.send(JOHN, "/leave")
    assert bot.last(JOHN) == "Which organization do you want to leave?"
    assert bot.labels(JOHN) == ["Balkh Youth Network", "Mazar Media Center"]
    await bot.press_label(JOHN, "Mazar Media Center")
    question = bot.last(JOHN)
    assert "Leave Mazar Media Center?" in question
    assert "last organization" not in question
    await bot.press_label(JOHN, "Leave")
    assert bot.last(JOHN) == "You left Mazar Media Center."
    async with reading(runtime(bot.app).sessions) as session:
        seats = await session.execute(
            select(Rsvp.waitlisted).join(Person).where(Person.tg_user_id == JOHN)
        )
        assert seats.scalars().all() == [False]  # still in the network: the seat is kept
        left = await session.execute(select(Membership).where(Membership.organization_id == media))
        assert left.scalars().all() == []


async def test_the_last_admin_cannot_leave(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(AMIR, "/leave")
    assert bot.last(AMIR) == text(bot, "fa", "leave-last-admin", name="Balkh Youth Network")
    assert "\u2066/members\u2069" in bot.api.last_message(AMIR)["text"]
    await bot.forge(AMIR, f"leave:yes:{await membership_id(bot, AMIR)}")
    assert "Balkh Youth Network" in bot.answers()[-1]["text"]
    assert await membership_id(bot, AMIR) != 0


async def test_someone_elses_membership_is_a_stale_button(bot: Harness) -> None:
    await add_members(bot)
    zahra_membership = await membership_id(bot, ZAHRA)
    await bot.send(JOHN, "/help")  # a message of the bot's to press on
    for data in (f"leave:yes:{zahra_membership}", f"leave:ask:{zahra_membership}", "leave:yes:999"):
        await bot.forge(JOHN, data)
        assert bot.answers()[-1]["text"] == text(bot, "en", "error-stale-button")
    assert await membership_id(bot, ZAHRA) == zahra_membership
    assert not any("Balkh Youth Network" in t for t in bot.texts(JOHN)[1:])


async def test_leave_can_be_cancelled_and_needs_an_organization(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(JOHN, "/leave")
    await bot.press_label(JOHN, "Stay")
    assert bot.last(JOHN) == "You stay. Nothing changed."
    assert await membership_id(bot, JOHN) != 0
    await onboard(bot, LATE)
    await bot.send(LATE, "/leave")
    assert bot.last(LATE) == "You are not in any organization."


async def test_leaving_in_pashto(bot: Harness) -> None:
    await add_members(bot)
    await bot.send(ZAHRA, "/leave")
    assert bot.last(ZAHRA).startswith("له Balkh Youth Network څخه وځئ؟")
    await bot.press_label(ZAHRA, text(bot, "ps", "button-leave-confirm"))
    assert bot.last(ZAHRA).startswith("تاسو له Balkh Youth Network څخه ووتلئ.")
    assert text(bot, "ps", "leave-done-network") in bot.last(ZAHRA)


async def test_the_new_commands_are_in_everyones_menu(bot: Harness) -> None:
    menus = bot.api.sent("setMyCommands")
    default = [c["command"] for c in menus[0].params["commands"]]
    assert {"mydata", "forgetme", "leave"} <= set(default)


# Retention


async def test_a_dialog_left_unfinished_is_deleted_after_the_retention_period(
    bot: Harness,
) -> None:
    jobs = bot.app.job_queue.get_jobs_by_name(RETENTION_JOB) if bot.app.job_queue else ()
    assert len(jobs) == 1  # scheduled with the other recurring work
    await add_members(bot)
    await bot.send(JOHN, "/register")
    await bot.send(JOHN, "Typed a month ago")
    bot.clock.advance(timedelta(days=29))
    await retention_job(SimpleNamespace(application=bot.app))  # type: ignore[arg-type]
    await bot.send(JOHN, "/mydata")
    assert "Typed a month ago" in bot.last(JOHN)
    bot.clock.advance(timedelta(days=1, minutes=1))
    await retention_job(SimpleNamespace(application=bot.app))  # type: ignore[arg-type]
    await bot.send(JOHN, "/mydata")
    assert "Typed a month ago" not in bot.last(JOHN)
    assert "A conversation you have not finished\n(nothing)" in bot.last(JOHN)
