## The organizers' board: a Telegram Mini App served by the bot (bot/web)

cmd-board = Open the organizers' board: attendance, concerns, agenda, motions, check-in screen
board-off = The organizers' board is not turned on for this bot. Whoever runs Shura turns it on with the SHURA_WEB_URL setting (see the README).
board-open = 📋 The organizers' board opens here in Telegram. Which page?
button-board-attendance = 👥 Attendance
button-board-concerns = 📥 Concerns
button-board-agenda = 🗳 Agenda
button-board-motions = ✋ Motions
button-board-checkin = 📲 Check-in screen
button-agenda-board = 🗳 Open the agenda board

board-title = Shura · organizers' board
board-start-first = Open the Shura bot in Telegram and press Start first.
board-no-meeting = No meeting is scheduled yet.
board-pick-meeting = Meeting:
board-no-organization = In no organization (coordinators)
board-no-organizations = No organization is approved yet.

board-status-all = All
board-all-topics = All topics
board-filter-status = Status:
board-filter-topic = Topic:
board-search = Search the text
board-search-button = 🔍 Search
board-concern-head = Concern #{ $number } · { $topic } · { $status }
board-no-text = (a voice note or a photo)
board-play-voice = ▶️ Play the voice note
board-show-photo = 🖼 Show the photo
board-file-gone = Telegram no longer has this file.
board-choose = Choose concern #{ $number }
board-with-chosen = With the concerns you ticked:
board-approve = ✅ Approve
board-reject = ❌ Reject…
board-reason = Reason (the sender is told)
board-reject-confirm = Reject with this reason
board-merge-choose = Merge into…
board-merge = 🔗 Merge
board-queue-empty = No concern matches.
board-nothing-chosen = Tick one or more concerns first.
board-merge-no-target = Choose the concern to merge into.
board-approved = ✅ Approved: { $numbers }. Members can now put dots on them.
board-rejected = ❌ Not accepted: { $numbers }. Each sender is told the reason.
board-merged = 🔗 Merged: { $numbers }. Their dots moved over.

board-agenda-dots = You have { $left } of your { $dots } dots left: one per concern, and you can take one back until the meeting starts.
board-agenda-closed = Voting has closed. The agenda, in order:
board-dots = { $count ->
    [one] one dot
   *[other] { $count } dots
}
board-add-dot = ➕ Add my dot
board-take-dot = ➖ Take my dot back

board-motions-open = Open motions
board-motions-closed = Closed in the last { $days } days
board-no-open-motions = No motion is open.
board-no-closed-motions = No motion has closed lately.
board-turnout = Turnout: { $cast } of { $eligible } ({ $state }, quorum { $quorum }%)
board-quorum-needed = { $needed ->
    [one] The quorum needs one ballot.
   *[other] The quorum needs { $needed } ballots.
}
board-closes = Closes { $when }

board-checked-in = 📍 Checked in: { $names }
board-checked-in-guests = Checked in from no organization
board-checkin-count = 📍 { $people } checked in · organizations represented: { $organizations } of { $approved }
board-checkin-ready = Check-in can open now. Opening it makes the code people scan or type; it works until check-in closes.
board-checkin-open = 📲 Open check-in and show the code
board-checkin-scan = Scan the QR code with your phone's camera, or send /checkin { $code } to the bot.
board-checkin-people = { $count ->
    [one] One person checked in
   *[other] { $count } people checked in
}
board-checkin-closes = Check-in closes { $closes }.
board-projector = ⛶ Full screen for a projector
