## Check-in: the meeting's code and QR image, checking in, and counting who came

cmd-checkin = Check in at the meeting (coordinators: open check-in and show its QR code)

checkin-usage = To check in, scan the QR code the coordinators show at the meeting, or send /checkin with its code, for example <code>/checkin K7MX-3QPA</code>.
checkin-done = ✅ You are checked in to <b>{ $title }</b>, for { $org }. Welcome!
checkin-done-no-org = ✅ You are checked in to <b>{ $title }</b>. Welcome!
checkin-already = You were already checked in to <b>{ $title }</b>, for { $org }. Nothing more to do.
checkin-already-no-org = You were already checked in to <b>{ $title }</b>. Nothing more to do.
checkin-pick-seat = You are a member of more than one organization. Which one do you represent at <b>{ $title }</b>?
checkin-code-unknown = That check-in code is not right. Check it on the coordinators' screen and send it again, for example <code>/checkin K7MX-3QPA</code>.
checkin-closed = Check-in for <b>{ $title }</b> has closed: its code no longer works.
checkin-not-yet = Check-in for <b>{ $title }</b> opens { $opens }.

checkin-no-meeting = No meeting is scheduled, so there is nothing to check in to. Schedule one with /newmeeting.
checkin-pick-meeting = More than one meeting is open for check-in. Which one?
checkin-meeting-chosen = Check-in for <b>{ $title }</b>:
checkin-opened =
    ✅ Check-in for <b>{ $title }</b> is open until { $closes }.
    Code: <b>{ $code }</b>

    Scan the QR code with your phone's camera, or send <code>/checkin { $code }</code> to the bot, or open:
    { $link }
checkin-status =
    👥 Check-in for <b>{ $title }</b>
    People checked in: { $people } (added by name: { $walkins })
    Organizations represented: { $organizations } of { $approved }
    Check-in closes { $closes }.
checkin-button-refresh = 🔄 Refresh
checkin-button-add = ➕ Check in someone without a phone
checkin-refreshed = The counts are up to date.

checkin-pick-org = Whom are you checking in to <b>{ $title }</b>? Choose their organization.
checkin-button-guest = 👤 From no organization: type a name
checkin-pick-member = <b>{ $org }</b>: who is it? ✅ marks those already checked in.
checkin-member-checked = ✅ { $name }
checkin-button-walk-in = ✍️ Not on the list: type a name
checkin-button-back = ‹ Organizations
checkin-ask-name = Type the name of the person from { $org } who is here (at most { $limit } characters).
checkin-ask-name-guest = Type the name of the guest who is here (at most { $limit } characters).
checkin-recorded = ✅ { $name } is checked in to <b>{ $title }</b>, for { $org }. It is in the audit log.
checkin-recorded-guest = ✅ { $name } is checked in to <b>{ $title }</b> as a guest. It is in the audit log.
checkin-recorded-already = { $name } was already checked in.
checkin-button-another = ➕ Check in someone else
