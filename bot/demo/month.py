"""The demo's month, step by step: each person taps and types as they would on their phone,
and each step checks that what should have happened did."""

from __future__ import annotations

import re

from bot.demo import cast
from bot.demo.cast import COORDINATOR, GROUP_ID, Organization
from bot.demo.stage import Person, Received, Show, Stage, by_language
from bot.i18n.calendar import normalize_digits

JOIN_MARKER = "?start=join-"
NUMBER = re.compile(r"#\s*([0-9۰-۹]+)")
CHECKIN_CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")
CHECKIN_LINK = re.compile(r"\?start=(checkin-[A-Za-z0-9_-]+)")


async def play(stage: Stage) -> None:
    """The whole month, from an empty network to the outcome of its meeting."""
    for person in cast.PEOPLE:
        stage.cast(person)
    await the_network_forms(stage)
    await members_join(stage)
    await the_meeting_is_scheduled(stage)
    await concerns_are_raised(stage)
    await concerns_are_reviewed(stage)
    await invitations_go_out(stage)
    await dots_go_on_the_agenda(stage)
    await the_undecided_are_nudged(stage)
    await a_notice_is_broadcast(stage)
    await reminders_come(stage)
    await a_motion_is_opened(stage)
    await the_meeting_starts(stage)
    await people_check_in(stage)
    await members_vote(stage)
    await the_outcome_is_recorded(stage)
    await the_meeting_ends(stage)
    await the_summary_is_posted(stage)
    await the_data_is_exported(stage)
    await nothing_is_posted_twice(stage)
    await an_owner_is_reminded(stage)


def number_in(message: Received) -> int:
    """The number the bot gave something (#12, or #۱۲ in Dari and Pashto)."""
    found = NUMBER.search(message.text)
    if found is None:
        raise AssertionError(f"no number in {message.text!r}")
    return int(normalize_digits(found.group(1)))


def organization_of(person: Person) -> Organization:
    return next(org for org in cast.ORGANIZATIONS if person in (org.admin, *org.members))


# --- day 1: organizations register ------------------------------------------------------------


async def the_network_forms(stage: Stage) -> None:
    await stage.at(1, "09:00")
    stage.scene("The coordinator starts the bot and makes a Telegram group the coordination group")
    await stage.type(COORDINATOR, "/start")
    await stage.tap(COORDINATOR, "lang:set:en")
    stage.group(GROUP_ID, cast.GROUP_TITLE)
    bound = await stage.type(COORDINATOR, "/bindgroup", group=GROUP_ID)
    stage.expect(bound, "/bindgroup got no answer in the group")

    await stage.at(1, "10:30")
    first, *others = cast.ORGANIZATIONS
    stage.scene(f"{first.admin.name} registers «{first.name}», one question at a time")
    await register(stage, first, show="all")
    stage.scene("The coordinator approves it")
    await approve(stage, first, show="all")
    for clock, org in zip(("11:15", "13:40", "15:05"), others, strict=True):
        await stage.at(1, clock)
        stage.scene(f"{org.admin.name} registers «{org.name}»; the coordinator approves it")
        await register(stage, org, show="none")
        stage.show(await approve(stage, org, show="none"), to=org.admin.label)


async def register(stage: Stage, org: Organization, *, show: Show) -> None:
    admin = org.admin
    await stage.type(admin, "/start", show=show)
    await stage.tap(admin, f"lang:set:{admin.lang}", show=show)
    await stage.type(admin, "/register", show=show)
    await stage.type(admin, org.name, show=show)
    await stage.tap(admin, f"reg:kind:{org.kind}", show=show)
    for answer in ("بلخ", org.district, org.focus, org.contact):
        await stage.type(admin, answer, show=show)
    sent = await stage.tap(admin, "reg:submit", show=show)
    stage.expect(
        any(m.chat_id == COORDINATOR.tg_user_id and org.name in m.text for m in sent),
        f"the coordinator was not sent «{org.name}» to review",
    )


async def approve(stage: Stage, org: Organization, *, show: Show) -> Received:
    told = await stage.tap(COORDINATOR, "org:ok:", on=org.name, show=show)
    return told_to(stage, told, org.admin, f"«{org.name}» was approved")


def reached(
    stage: Stage,
    messages: list[Received],
    people: tuple[Person, ...] | list[Person],
    what: str,
    *,
    lines: int = 2,
    buttons: bool = False,
) -> None:
    """`messages` reached exactly `people` (the demo fails otherwise); one message in each
    language is shown."""
    missing = [p.name for p in people if p.tg_user_id not in {m.chat_id for m in messages}]
    stage.expect(not missing, f"the {what} did not reach {', '.join(missing)}")
    others = {m.chat_id for m in messages} - {p.tg_user_id for p in people}
    stage.expect(not others, f"the {what} reached {sorted(map(stage.who, others))} too")
    if len(messages) == 1:
        stage.note(f"One {what.removesuffix('s')}, in its reader's language:")
    else:
        stage.note(f"{len(messages)} {what}, each in its reader's language; for example:")
    for message in by_language(messages, stage):
        stage.show(message, to=stage.who(message.chat_id), lines=lines)
        if buttons:
            stage.line(f"        buttons: {' · '.join(message.buttons)}")


def told_to(stage: Stage, messages: list[Received], person: Person, what: str) -> Received:
    """The message among `messages` that told `person` `what`; the demo fails without one."""
    found = [m for m in messages if m.chat_id == person.tg_user_id]
    stage.expect(found, f"{person.name} was not told that {what}")
    return found[-1]


# --- day 2: members join by their organization's link -----------------------------------------


async def members_join(stage: Stage) -> None:
    await stage.at(2, "09:00")
    for org in cast.ORGANIZATIONS:
        stage.scene(f"{org.admin.name} sends the invite link of «{org.name}» to its members")
        [link] = await stage.type(org.admin, "/invite", show="none")
        stage.show(link, to=org.admin.label, lines=2)
        code = link.text[link.text.index(JOIN_MARKER) + len(JOIN_MARKER) :].split()[0]
        for member in org.members:
            replies = await stage.type(member, f"/start join-{code}", show="none")
            stage.expect(
                replies and org.name in replies[0].text, f"{member.name} did not join «{org.name}»"
            )
            stage.show(replies[0], to=member.label)
            await stage.tap(member, f"lang:set:{member.lang}", show="none")


# --- day 3: the meeting is scheduled ----------------------------------------------------------


async def the_meeting_is_scheduled(stage: Stage) -> None:
    await stage.at(3, "10:00")
    stage.scene("The coordinator schedules the month's meeting with /newmeeting")
    await schedule(stage, cast.MEETING_DATE, show="input")
    stage.note("Invitations wait until a week before the meeting (SHURA_INVITATION_LEAD=7d).")


async def schedule(stage: Stage, when: str, *, show: Show) -> None:
    """The coordinator answers /newmeeting's questions: title, time, venue, agenda."""
    for answer in ("/newmeeting", cast.MEETING_TITLE, when, cast.MEETING_VENUE):
        await stage.type(COORDINATOR, answer, show=show)
    await stage.tap(COORDINATOR, "mtg:skip:place", show="none")  # no map location
    await stage.type(COORDINATOR, cast.MEETING_AGENDA, show=show)
    await stage.tap(COORDINATOR, "mtg:skip:capacity", "mtg:skip:deadline", show="none")
    saved = await stage.tap(
        COORDINATOR, "mtg:save", lines=4, show="all" if show != "none" else "none"
    )
    stage.expect(any("Scheduled" in m.text for m in saved), "the meeting was not scheduled")
    stage.expect(any(m.chat_id == GROUP_ID for m in saved), "the coordination group was not told")


# --- days 4 to 9: concerns, then moderation ---------------------------------------------------


async def concerns_are_raised(stage: Stage) -> None:
    for day, concern in zip((4, 5, 6, 7, 8, 8), cast.CONCERNS, strict=True):
        await stage.at(day, "20:15" if concern is cast.INFORMATION else "18:30")
        kind = "a voice note" if concern.text is None else "a concern"
        privacy = "anonymously" if concern.anonymous else "with their name"
        stage.scene(f"{concern.person.name} raises {kind} {privacy}")
        person = concern.person
        await stage.type(person, "/concern", show="input")
        if concern.text is None:
            await stage.voice(person, show="input")
        else:
            await stage.type(person, concern.text, show="input")
        privacy = "cnc:who:anon" if concern.anonymous else "cnc:who:named"
        sent = await stage.tap(person, f"cnc:topic:{concern.topic}", privacy, "cnc:send")
        numbered = [m for m in sent if NUMBER.search(m.text)]
        stage.expect(numbered, f"{person.name}'s concern was not given a number")
        stage.numbers[concern] = number_in(numbered[-1])


async def concerns_are_reviewed(stage: Stage) -> None:
    await stage.at(9, "09:00")
    stage.scene("The coordinator reviews the concerns with /review")
    cards = await stage.type(COORDINATOR, "/review", show="input")
    threats = stage.numbers[cast.THREATS]
    [card] = [m for m in cards if f"#{threats} " in m.text]
    stage.note(f"The anonymous concern #{threats} reaches the coordinator without a name:")
    stage.show(card, lines=3)
    stage.expect(cast.ZARGHUNA.name not in card.text, "the anonymous concern names its sender")
    for concern in (cast.COORDINATION, cast.MONOPOLY, cast.THREATS, cast.VOICE, cast.INFORMATION):
        number = stage.numbers[concern]
        if not stage.has_button(COORDINATOR, f"rev:ok:{number}"):
            await stage.tap(COORDINATOR, "rev:more:", show="input")
        told = await stage.tap(COORDINATOR, f"rev:ok:{number}")
        told_to(stage, told, concern.person, f"concern #{number} was approved")
        if concern.anonymous:
            stage.note(
                f"{concern.person.name} is told through the link only the bot keeps; "
                "the coordinator never sees it."
            )
    duplicate, into = stage.numbers[cast.SAME_AGAIN], stage.numbers[cast.COORDINATION]
    stage.note(f"#{duplicate} says what #{into} says: the coordinator merges them")
    told = await stage.tap(COORDINATOR, f"rev:merge:{duplicate}", f"rev:into:{duplicate}:{into}")
    told_to(stage, told, cast.SAME_AGAIN.person, f"concern #{duplicate} was merged")


# --- day 16: invitations and answers ----------------------------------------------------------


async def invitations_go_out(stage: Stage) -> None:
    await stage.at(16, "10:00")
    invited = [m for m in stage.news_seen if m.method == "sendMessage" and m.buttons]
    stage.scene("A week before the meeting, the invitations go out")
    reached(stage, invited, cast.MEMBERS, "invitations", lines=3, buttons=True)

    stage.scene("People answer with a tap")
    for person, answer in cast.ANSWERS.items():
        show: Show = "all" if person in cast.SHOWN_ANSWERS else "none"
        answered = await stage.tap(person, f"rsvp:{answer}:", show=show)
        stage.expect(
            any(m.method == "answerCallbackQuery" for m in answered),
            f"{person.name}'s answer was not confirmed",
        )
    waiting = [p.name for p in cast.MEMBERS if p not in cast.ANSWERS]
    stage.note(f"{len(cast.ANSWERS)} of {len(cast.MEMBERS)} have answered; not yet: {waiting}.")


# --- day 17: dots on the agenda ---------------------------------------------------------------


async def dots_go_on_the_agenda(stage: Stage) -> None:
    await stage.at(17, "19:00")
    stage.scene("Members put their dots on the concerns they want discussed (/agenda)")
    for person, picks in cast.DOTS.items():
        show: Show = "all" if person is cast.MARIAM else "none"
        await stage.type(person, "/agenda", show=show, lines=3)
        for concern in picks:
            await stage.tap(person, f"agd:add:{stage.numbers[concern]}:", show=show)
    stage.note("Omid, who cannot come, looks at the ranking:")
    board = await stage.type(cast.OMID, "/agenda", lines=9)
    top = stage.numbers[cast.THREATS]
    stage.expect(
        any(
            line.strip().startswith("1.") and f"(#{top})" in line
            for message in board
            for line in message.text.splitlines()
        ),
        f"/agenda does not rank #{top} with the most dots",
    )


# --- days 20 and 22: the nudge and the reminders ----------------------------------------------


async def the_undecided_are_nudged(stage: Stage) -> None:
    await stage.at(20, "10:00")
    nudged = [m for m in stage.news_seen if m.method == "sendMessage" and m.buttons]
    stage.scene("Three days before, whoever has not answered gets one nudge")
    for message in nudged:
        stage.show(message, to=stage.who(message.chat_id))
    stage.expect(
        {m.chat_id for m in nudged} == {cast.NAZIRA.tg_user_id},
        "the nudge should reach Nazira alone, the only one who had not answered",
    )
    await stage.tap(cast.NAZIRA, "rsvp:go:")


async def a_notice_is_broadcast(stage: Stage) -> None:
    await stage.at(21, "16:00")
    stage.scene("The coordinator sends a notice to everyone going, with /broadcast")
    await stage.type(COORDINATOR, "/broadcast", show="input")
    await stage.type(COORDINATOR, cast.NOTICE, show="input")
    going = [p for p in cast.MEMBERS if cast.ANSWERS.get(p, "go") == "go"]
    preview = await stage.tap(COORDINATOR, "bc:to:going", lines=6)
    stage.expect(
        any(str(len(going)) in m.text for m in preview),
        f"the preview should count the {len(going)} people going",
    )
    sent = await stage.tap(COORDINATOR, "bc:send:", show="input")
    await stage.at(21, "16:01")
    sent += stage.news_seen
    reached(stage, [m for m in sent if m.chat_id != COORDINATOR.tg_user_id], going, "notices")
    [report] = [m for m in sent if m.chat_id == COORDINATOR.tg_user_id][-1:]
    stage.note("The coordinator's status message ends with the delivery report:")
    stage.show(report, lines=4)


async def reminders_come(stage: Stage) -> None:
    await stage.at(22, "10:00")
    stage.scene("The day before, everyone coming (or maybe coming) is reminded")
    reminded(stage)


def reminded(stage: Stage) -> None:
    """Those going or maybe going are reminded; Omid, who can't go, is not."""
    messages = [m for m in stage.news_seen if m.method == "sendMessage"]
    coming = [p for p in cast.MEMBERS if cast.ANSWERS.get(p, "go") != "no"]
    reached(stage, messages, coming, "reminders")


# --- day 23: the meeting ----------------------------------------------------------------------


async def a_motion_is_opened(stage: Stage) -> None:
    await stage.at(23, "08:00")
    stage.scene("Two hours before: the last reminder")
    reminded(stage)

    await stage.at(23, "09:30")
    stage.scene("The coordinator opens a motion for the meeting to vote on")
    await stage.type(COORDINATOR, "/motion", show="input")
    await stage.type(COORDINATOR, cast.MOTION, show="input")
    choices = ("mo:std", "mo:who:m", "mo:sec:p", "mo:q:50", "mo:cl:end")
    await stage.tap(COORDINATOR, *choices, lines=9)
    opened = await stage.tap(COORDINATOR, "mo:save", show="input")
    confirmation = told_to(stage, opened, COORDINATOR, "the motion is open")
    stage.show(confirmation)
    stage.numbers[cast.MOTION] = number_in(confirmation)
    ballots = [m for m in opened if m.chat_id != COORDINATOR.tg_user_id and m.buttons]
    reached(stage, ballots, cast.MEMBERS, "ballots")


async def the_meeting_starts(stage: Stage) -> None:
    await stage.at(23, "10:00")
    stage.scene("The meeting starts: the agenda closes, and every card shows its top concerns")
    cards = [m for m in stage.news_seen if m.edited]
    stage.expect(len(cards) >= len(cast.MEMBERS), "the cards were not edited with the agenda")
    for message in by_language(cards, stage):
        stage.show(message, to=stage.who(message.chat_id), lines=6)


async def people_check_in(stage: Stage) -> None:
    stage.scene("The coordinator opens check-in: a code and a QR image to show on the screen")
    opened = await stage.type(COORDINATOR, "/checkin", lines=3)
    [qr] = [m for m in opened if m.file is not None]
    code, link = CHECKIN_CODE.search(qr.text), CHECKIN_LINK.search(qr.text)
    if qr.file is None or code is None or link is None:
        stage.expect(False, "the check-in message shows no code, link or QR image")
        return
    stage.save("checkin-qr.png", qr.file.content)

    stage.scene("People check in: most type the code, one scans the QR code")
    for person in cast.CHECK_INS:
        typed = f"/start {link.group(1)}" if person is cast.WAHIDA else f"/checkin {code.group(1)}"
        show: Show = "all" if person in (cast.MARIAM, cast.WAHIDA, cast.YAMA) else "none"
        done = await stage.type(person, typed, show=show)
        org = organization_of(person)
        stage.expect(any(org.name in m.text for m in done), f"{person.name} could not check in")

    stage.scene("Nazira's phone is broken: the coordinator checks her in")
    await stage.tap(COORDINATOR, "chk:add:", show="input")
    await stage.tap(COORDINATOR, "chk:org:", label=cast.WOMEN.name, show="input")
    await stage.tap(COORDINATOR, "chk:who:", label=cast.NAZIRA.name)
    counts = await stage.tap(COORDINATOR, "chk:n:", lines=3)
    present = len(cast.CHECK_INS) + 1
    stage.expect(
        any(f"checked in: {present}" in m.text for m in counts),
        f"the coordinator's counts should show {present} people checked in",
    )


async def members_vote(stage: Stage) -> None:
    await stage.at(23, "11:00")
    stage.scene("During the meeting, members vote on the motion")
    motion = stage.numbers[cast.MOTION]
    for person, choice in cast.VOTES.items():
        show: Show = "all" if person in (cast.GUL_AHMAD, cast.FATIMA, cast.YAMA) else "none"
        voted = await stage.tap(person, f"mo:v:{motion}:{choice}:", show=show)
        stage.expect(
            any(m.method == "answerCallbackQuery" for m in voted),
            f"{person.name}'s ballot was not confirmed",
        )


async def the_outcome_is_recorded(stage: Stage) -> None:
    await stage.at(23, "11:30")
    stage.scene("The coordinator records what the meeting decided and who does what (/outcome)")
    await stage.type(COORDINATOR, "/outcome", show="input")
    for decision in cast.DECISIONS:
        await stage.tap(COORDINATOR, "oc:add:", label="Decision", show="input")
        recorded = await stage.type(COORDINATOR, decision, show="input")
        stage.expect(
            any("Decision recorded" in m.text for m in recorded), "a decision was not recorded"
        )
    for action in cast.ACTIONS:
        await stage.tap(COORDINATOR, "oc:add:", label="Action item", show="input")
        await stage.type(COORDINATOR, action.text, show="input")
        await stage.tap(COORDINATOR, "oc:own:", label=action.owner.name, show="input")
        day = f"dp:day:{stage.local(action.due_day, '00:00'):%Y%m%d}"
        if not stage.has_button(COORDINATOR, day):
            await stage.tap(COORDINATOR, "dp:mon:", label="Next month", show="input")
        recorded = await stage.tap(COORDINATOR, day, show="input")
        confirmed = [m for m in recorded if "Action item recorded" in m.text]
        stage.expect(confirmed, f"the action item for «{action.owner.name}» was not recorded")
        stage.show(confirmed[0])
    stage.note("What the coordinator's /outcome now lists:")
    stage.show(recorded[-1], lines=12)


async def the_meeting_ends(stage: Stage) -> None:
    await stage.at(23, "12:00")
    stage.scene("The meeting ends: the motion closes and its result goes to the coordination group")
    results = [m for m in stage.news_seen if m.chat_id == GROUP_ID]
    stage.expect(len(results) == 1, f"the group got {len(results)} results, not one")
    stage.show(results[0], to=stage.who(GROUP_ID), lines=6)


async def the_summary_is_posted(stage: Stage) -> None:
    await stage.at(23, "12:30")
    stage.scene("The coordinator schedules next month's meeting")
    await schedule(stage, cast.NEXT_MEETING_DATE, show="none")
    stage.note(f"Farhad › /newmeeting … {cast.NEXT_MEETING_DATE} … ✅ Scheduled")

    await stage.at(23, "14:00")
    stage.scene("Two hours after the end, the outcome summary and its chart go to the group")
    posted = [m for m in stage.news_seen if m.chat_id == GROUP_ID]
    text = [m for m in posted if m.file is None]
    charts = [m for m in posted if m.file is not None]
    stage.expect(text and len(charts) == 1, "the group did not get the summary and its chart")
    for message in text:
        stage.show(message, to=stage.who(GROUP_ID), lines=12)
    chart = charts[0]
    assert chart.file is not None
    stage.show(chart, to=stage.who(GROUP_ID))
    stage.summary = [*(m.text for m in text)]
    stage.chart = stage.save("summary-chart.png", chart.file.content)
    stage.line(f"   ↳ 📈 the chart: {stage.chart}")
    coordinator = [m for m in stage.news_seen if m.chat_id == COORDINATOR.tg_user_id]
    stage.expect(coordinator, "the coordinator did not get the summary")


async def nothing_is_posted_twice(stage: Stage) -> None:
    await stage.at(24, "09:00")
    stage.scene("The next morning: the scheduler has run again, and nothing is posted twice")
    again = [m for m in stage.news_seen if m.chat_id == GROUP_ID]
    stage.expect(not again, f"the group got {len(again)} more messages after the summary")
    stage.note("The coordination group got the motion's result once and the summary once.")


async def an_owner_is_reminded(stage: Stage) -> None:
    action = cast.ACTIONS[0]
    await stage.at(action.due_day - 2, "09:00")
    stage.scene(f"Two days before an action item is due, «{action.owner.name}» is reminded")
    reminders = [m for m in stage.news_seen if m.method == "sendMessage"]
    # The organization's admins and delegate; here its admin, who named no delegate.
    reached(stage, reminders, [action.owner.admin], "reminders", lines=3)


async def the_data_is_exported(stage: Stage) -> None:
    await stage.at(23, "15:00")
    stage.scene("The coordinator takes the network's data with /export: CSV files and a calendar")
    await stage.type(COORDINATOR, "/export", lines=2)
    files = []
    for button in ("exp:net:organizations", "exp:net:members", "exp:all:"):
        files += [m.file for m in await stage.tap(COORDINATOR, button, show="input") if m.file]
    for file in files:
        path = stage.save(file.filename, file.content)
        stage.line(f"   ↳ 📎 {path.name} ({len(file.content):,} bytes)")
    names = sorted(file.filename for file in files)
    stage.expect(
        len(names) == 8 and any(name.endswith(".ics") for name in names),
        f"the export should bring 7 CSV files and a calendar file, not {names}",
    )
    [concerns] = [file for file in files if file.filename.endswith("concerns.csv")]
    stage.expect(
        cast.ZARGHUNA.name not in concerns.content.decode("utf-8-sig"),
        "the concerns file names the sender of the anonymous concern",
    )
