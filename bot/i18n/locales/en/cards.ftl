## The live meeting card: seats left, the answer, withdrawing, a note, and what changed

button-withdraw = ↩️ Withdraw my answer
button-add-note = 📝 Add a note
button-google-calendar = 🗓 Add to Google Calendar
button-answer-privately = 💬 Answer in a private chat
card-seats-left = { "" }
    🪑 { $free } of { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    } left
card-seats-full = { "" }
    🪑 Full: { $capacity ->
        [one] the only seat is taken.
       *[other] all { $capacity } seats are taken.
    } Going puts you on the waitlist.
card-answer-with-note =
    { $answer }
    📝 Your note to the coordinators: { $note }
card-cancelled =
    ❌ <b>This meeting is cancelled.</b>

    { $card }
card-changed =
    ✏️ <b>Changed:</b> { $title }{ $time }{ $venue }{ $agenda }{ $seats }

    Your meeting card in this chat is up to date.
card-change-time = { "" }
    🗓 Time: { $old } → { $new }
card-change-venue = { "" }
    📍 Venue: { $old } → { $new }
card-change-agenda = { "" }
    📝 Agenda: { $old } → { $new }
card-change-seats = { "" }
    🪑 Seats: { $old } → { $new }
card-seats-count = { $count ->
        [one] { $count } seat
       *[other] { $count } seats
    }
card-no-limit = no limit
card-nothing = (none)
rsvp-withdrawn = Your answer was withdrawn.
note-ask = Write one line for the coordinators of “{ $title }” (up to { $limit } characters), or /cancel.
note-saved = Thank you. The coordinators will see your note with the attendance.
note-needs-cant-go = A note goes with the answer Can't go. Tap ❌ Can't go first.
attendance-notes-title = 📝 Notes from people who can't come:
attendance-note = • { $name }: { $note }
