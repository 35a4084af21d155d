# Shura — English messages.
# Messages are Telegram HTML: only <b>, <i>, <u>, <s>, <code>, <pre>, <a href>, <blockquote>.
# Every { $placeholder } is filled in by the bot; text people typed arrives already escaped.

## Roles, kinds and statuses (used inside other messages)

role-member = member
role-admin = admin
role-delegate = delegate
role-admin-delegate = admin and delegate
kind-ngo = NGO
kind-media = Media
kind-university = University or student group
kind-union = Union or network
kind-other = Other
status-pending = waiting for approval
status-approved = approved
status-rejected = rejected
status-suspended = suspended

## Commands (shown in Telegram's command menu and in /help; plain text)

cmd-start = Start, or see what you can do
cmd-help = List the commands you can use
cmd-language = Change the language
cmd-myorgs = Your organizations
cmd-orgs = Organizations in the network
cmd-join = Join an organization with an invite code
cmd-register = Register your organization
cmd-cancel = Stop what you are doing
cmd-invite = Your organization's invite link
cmd-members = Manage your organization's members
cmd-pending = Organizations waiting for approval
cmd-promote = Make someone a coordinator
cmd-demote = Take the coordinator role back
cmd-bindgroup = Make this group the coordination group

## Buttons (plain text)

button-approve = ✅ Approve
button-reject = ❌ Reject
button-skip = Skip
button-submit = ✅ Submit
button-cancel = Cancel
button-revoke-invite = 🔄 New link (old one stops working)
button-make-delegate = Make delegate
button-make-admin = Make admin
button-remove-admin = Remove admin role
button-remove-member = Remove from organization
button-confirm-remove = Yes, remove
button-back = ‹ Back

## Start, language, help

language-choose = Choose your language · زبان خود را انتخاب کنید · خپله ژبه وټاکئ
language-set = Language set to English.
welcome =
    Hello { $name }! I am Shura, the assistant for your network's monthly coordination meeting.

    { $intro }

    /help lists everything you can do.
welcome-newcomer = To take part, join your organization with the invite link from its admin (or /join with the code), or register a new organization with /register.
welcome-member = You are a member of an organization in the network. /myorgs shows your organizations.
welcome-admin = You manage an organization: /invite gives you its invite link and /members lets you manage its members.
welcome-coordinator = You are a coordinator: you approve organizations (/pending) and run the network's meetings.
help =
    <b>What you can do</b>
    { $commands }
cancel-done = Cancelled. Nothing was saved.
cancel-nothing = There is nothing to cancel.

## Registering an organization

register-ask-name = What is your organization's name? (up to { $limit } characters; /cancel to stop)
register-name-taken = An organization named “{ $name }” is already registered. If it is yours, ask its admin for the invite link; otherwise choose a different name.
register-ask-kind = What kind of organization is it?
register-use-buttons = Please choose with the buttons above, or /cancel to stop.
register-kind-chosen = Kind: { $kind }
register-ask-province = Which province is it in? (up to { $limit } characters)
register-ask-district = Which district?
register-ask-focus = In one line, what does your organization work on? (up to { $limit } characters)
register-ask-contact = A contact for the coordinators (phone, email or website), up to { $limit } characters, or Skip.
register-contact-skipped = No contact given.
register-summary =
    <b>Please check your application</b>
    Name: { $name }
    Kind: { $kind }
    Province: { $province }
    District: { $district }
    Focus: { $focus }
    Contact: { $contact }
register-submitted = Your application for <b>{ $name }</b> was sent to the coordinators. I will tell you when they decide.

## Coordinators deciding

org-review =
    <b>New organization waiting for approval</b>
    Name: { $name }
    Kind: { $kind }
    Province: { $province }
    District: { $district }
    Focus: { $focus }
    Contact: { $contact }
    Registered by: { $registrant } ({ $username })
pending-none = No organization is waiting for approval.
pending-count = { $count ->
    [one] One organization is waiting for approval:
   *[other] { $count } organizations are waiting for approval:
}
org-approved-done = ✅ You approved <b>{ $name }</b>.
org-approved = 🎉 <b>{ $name }</b> was approved! You are its admin. Send /invite to get the link your members join with.
org-ask-reason = Why is <b>{ $name }</b> rejected? Write the reason in one message; the registrant will read it. (/cancel to stop)
org-rejected-done = ❌ You rejected <b>{ $name }</b>. The registrant was told why.
org-rejected =
    Your application for <b>{ $name }</b> was not approved.
    Reason: { $reason }
    You can correct it and apply again with /register.
org-already-decided = { $name } was already decided: { $status }.

## Invites and members

pick-organization = Which organization?
invite-link =
    Invite link for <b>{ $name }</b>:
    { $link }

    Or send the code <code>{ $code }</code> with /join. It works until { $expires }. Share it only with your members.
invite-revoked = The old link no longer works.
join-usage = Send the code like this: /join abc234xyz9 — or open the invite link your organization's admin shared.
join-code-missing = That invite link has no code in it. Ask your organization's admin for the link again.
join-code-unknown = That invite code does not exist. Check it, or ask your organization's admin for a new link.
join-code-revoked = That invite link for { $name } was replaced by a new one. Ask the admin for the current link.
join-code-expired = That invite link for { $name } has expired. Ask the admin for a new one.
join-already-member = You are already a member of { $name }.
join-done = Welcome to <b>{ $name }</b>! You are now a member. You will get the meeting invitations here.
myorgs-none = You are not in any organization yet. Join with your organization's invite link, or register one with /register.
myorgs =
    <b>Your organizations</b>
    { $lines }
myorgs-line = • { $name } — { $role } ({ $status })
myorgs-application = • { $name } — your application: { $status }
orgs-none = No organization has been approved yet.
orgs =
    <b>Organizations in the network ({ $count })</b>
    { $lines }
orgs-line = • <b>{ $name }</b> — { $kind }, { $district }, { $province }
members-list = <b>{ $name }</b>: { $count ->
    [one] { $count } member
   *[other] { $count } members
} (page { $page } of { $pages }). Tap a member to manage them. ★ admin, ✋ delegate.
member-card =
    <b>{ $name }</b> ({ $username })
    { $org }: { $role }
member-remove-confirm = Remove <b>{ $name }</b> from { $org }?
member-removed = { $name } was removed.
member-now-delegate = { $name } is now the delegate.
member-now-admin = { $name } is now an admin.
member-no-longer-admin = { $name } is no longer an admin.
members-gone = That member is no longer in the organization.
members-last-admin = An organization needs at least one admin. Make someone else admin first.

## Coordinators

promote-usage = Send /promote with the person's Telegram id or @username, for example /promote @username. They must have started the bot.
demote-usage = Send /demote with the person's Telegram id or @username.
promote-unknown-person = I do not know { $reference }. They must start the bot first; then try again.
promote-already = { $name } is already a coordinator.
promote-done = { $name } is now a coordinator.
promote-notice = You are now a coordinator of the network. /help shows your new commands.
demote-done = { $name } is no longer a coordinator.
demote-notice = You are no longer a coordinator of the network.
demote-configured = { $name } is a coordinator by the bot's settings (SHURA_COORDINATORS); only whoever runs the bot can change that.
demote-not-coordinator = { $name } is not a coordinator.
group-bound = This group is now the network's coordination group. I will post meeting notices, results and summaries here. Personal messages (invitations, votes, concerns) stay in private chats.

## Mistakes and refusals

error-private-only = Please use this command in a private chat with me.
error-group-only = This command works only in a group: send it in the group you mean.
error-stale-button = That button is no longer valid. Please start again.
error-coordinators-only = Only coordinators can do that.
error-org-admins-only = Only admins of { $name } can do that.
error-not-org-admin = You are not an admin of any organization. Register one with /register, or ask your organization's admin.
error-org-not-active = { $name } is not active in the network right now.
error-empty = That was empty. Please write an answer, or /cancel to stop.
error-too-long = That is { $length } characters; please keep it to at most { $limit }.
error-no-conversation = I did not understand that. /help shows what you can do.
error-text-only = Please answer with text, or /cancel to stop.
error-unknown-command = I do not know that command. /help shows what you can do.
error-internal = Sorry, something went wrong on my side. Please try again in a moment.

## Meetings: commands and buttons

cmd-next = The next meeting, and your answer
cmd-meetings = Upcoming meetings
cmd-newmeeting = Schedule a meeting
cmd-series = Set or stop the monthly meeting rule
cmd-editmeeting = Change a meeting's time, venue, agenda or seats
cmd-cancelmeeting = Cancel a meeting
cmd-attendance = Who is coming to a meeting
cmd-deliveries = What was sent for a meeting
button-going = ✅ Going
button-maybe = 🤔 Maybe
button-cant-go = ❌ Can't go
button-calendar = 📅 Add to calendar
button-schedule = ✅ Schedule
button-confirm-cancel-meeting = Yes, cancel the meeting
button-keep-meeting = No, keep it
button-no-limit = No limit
button-edit-time = 🗓 Date and time
button-edit-venue = 📍 Venue
button-edit-agenda = 📝 Agenda
button-edit-capacity = 🪑 Seats
blank = { "" }
skipped = Skipped.

## Meetings: what a meeting looks like

meeting-card =
    <b>{ $title }</b>
    🗓 { $when }
    📍 { $venue }{ $agenda }{ $capacity }{ $deadline }
meeting-agenda-line = { "" }
    📝 { $agenda }
meeting-capacity-line = { "" }
    🪑 { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }
meeting-seats-line = { "" }
    🪑 { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }, { $free } free
meeting-deadline-line = { "" }
    ⏳ Please answer by { $deadline }
meeting-button = { $title } · { $when }
rsvp-answer-none = You have not answered yet.
rsvp-answer-going = Your answer: ✅ Going
rsvp-answer-maybe = Your answer: 🤔 Maybe
rsvp-answer-declined = Your answer: ❌ Can't go
rsvp-answer-waitlist = The meeting is full: you are number { $position } on the waitlist. I will tell you when a seat frees up.

## Meetings: messages people receive

invitation =
    📩 <b>You are invited to the network's meeting</b>

    { $card }

    { $answer }
reminder =
    ⏰ <b>Reminder</b>

    { $card }

    { $answer }
nudge =
    📩 <b>Will you come?</b> Please tap an answer so the coordinators can plan.

    { $card }

    { $answer }
update =
    ✏️ <b>The meeting was changed</b>

    { $card }

    { $answer }
promotion =
    🎉 <b>A seat freed up: you are going!</b>

    { $card }

    { $answer }
next-meeting =
    <b>Next meeting</b>

    { $card }

    { $answer }
rsvp-card =
    { $card }

    { $answer }
meeting-cancelled-notice = ❌ <b>Cancelled:</b> { $title }, { $when }. The meeting will not take place.
calendar-caption = Open this file to add “{ $title }” to your calendar. If the meeting changes, open the new file: it updates the same entry.

## Meetings: coordinators

meeting-ask-title = What is the meeting's title? (up to { $limit } characters; /cancel to stop)
meeting-ask-when =
    When is it? Write the date and time in { $zone }, either
    • Solar Hijri: <code>1405-09-30 14:00</code>, or
    • Gregorian: <code>2026-12-21 14:00</code>
meeting-ask-venue = Where? A place or an online link (up to { $limit } characters).
meeting-ask-agenda = A short agenda note (up to { $limit } characters), or Skip.
meeting-ask-capacity = How many seats? Send a number, or tap the button below if there is no limit.
meeting-ask-deadline = Until when may people answer? Date and time in { $zone } like <code>1405-09-28 18:00</code>, or Skip to allow answers until the meeting starts.
meeting-preview =
    <b>Please check the meeting</b>

    { $card }
meeting-scheduled =
    ✅ Scheduled (#{ $id }):

    { $card }

    { $people ->
        [one] The invitation will go to the { $people } member of the approved organizations.
       *[other] Invitations will go to the { $people } members of the approved organizations.
    }
meeting-edit-what =
    What do you want to change?

    { $card }
meeting-edited =
    ✅ Changed. Everyone who was invited is told.

    { $card }
meeting-cancel-confirm =
    Cancel this meeting? Everyone who was invited will be told.

    { $card }
meeting-cancelled-done = ❌ { $title } is cancelled. Everyone who was invited is being told.
meeting-kept = { $title } stays as it is.
meetings-none = No meeting is scheduled.
meetings-list =
    <b>Upcoming meetings</b>
    { $lines }
meetings-line = • #{ $id } { $title } — { $when }
pick-meeting = Which meeting?
meeting-id-invalid = “{ $text }” is not a meeting number. /meetings shows them.
attendance =
    <b>Attendance: { $title }</b>
    { $when }{ $capacity }

    { $total }

    By organization:
    { $lines }
attendance-total = ✅ { $going } going · 🤔 { $maybe } maybe · ❌ { $declined } can't · ⏳ { $waitlist } waiting · ❔ { $none } no answer
attendance-org = • { $name }: ✅ { $going } · 🤔 { $maybe } · ❌ { $declined } · ⏳ { $waitlist } · ❔ { $none }
deliveries =
    <b>Deliveries: { $title }</b>
    { $when }

    📨 Sent: { $sent }
    ⏳ Pending: { $pending }
    🚫 Unreachable (blocked the bot or never started it): { $unreachable }
    ⚠️ Failed after retries: { $failed }
    ⏭ Skipped (no longer useful): { $skipped }

## Monthly series

series-week-1 = first
series-week-2 = second
series-week-3 = third
series-week-4 = fourth
series-week--1 = last
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
series-rule = the { $week } { $weekday } of every { $calendar } month at { $time }
series-none = No monthly rule is set.
series-current =
    Monthly rule: { $rule }.
    Title: { $title }
    Next meeting: { $next }
series-ask-week = To set a new rule, choose the week of the month (or send /series off to stop the current one):
series-ask-weekday = The { $week } … which day?
series-ask-time = At what time, in { $zone }? Like <code>14:00</code>.
series-time-invalid = Please write the time like 14:00.
series-stopped = The monthly rule for “{ $title }” is stopped. Meetings already created stay.
series-created-meeting =
    ✅ The next meeting is created:

    { $card }
series-will-create = The next meeting will be created { $lead ->
    [one] { $lead } day
   *[other] { $lead } days
} before it takes place.

## Meetings: mistakes

date-format = I could not read “{ $text }”. Please write it like <code>1405-09-30 14:00</code> or <code>2026-12-21 14:00</code>.
date-nonexistent = “{ $text }” is not a real date and time. Please check the day and the month.
date-past = That time has already passed. Please choose a time in the future.
meeting-capacity-invalid = “{ $text }” is not a number of seats. Send a whole number such as 40, or Skip.
meeting-deadline-after-start = The answer deadline must be before the meeting starts.
meeting-is-cancelled = { $title } was cancelled.
meeting-is-past = { $title } has already started; it can no longer be changed or answered.
rsvp-closed = Answers for { $title } are closed: the deadline has passed.
rsvp-not-invited = Only members of the network's organizations can answer. Join your organization with its invite link first.

## Meetings: the coordination group

group-meeting-scheduled =
    📅 <b>New meeting</b>

    { $card }

    Members get their invitation in a private chat with me.
group-meeting-changed =
    ✏️ <b>The meeting was changed</b>

    { $card }
group-meeting-cancelled =
    ❌ <b>The meeting is cancelled</b>

    { $card }

## Monthly series: whose months

series-ask-calendar = Which months: Solar Hijri (Hamal, Sawr, …) or Gregorian (January, February, …)?
series-calendar-solar_hijri = Solar Hijri
series-calendar-gregorian = Gregorian
button-calendar-solar_hijri = Solar Hijri months
button-calendar-gregorian = Gregorian months
