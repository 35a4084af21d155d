## The date picker, places on the map, the series preview, when invitations go out

picker-ask-when = When is it? Pick a day below, or type the date and time in { $zone }, like <code>2026-12-21 14:00</code>, <code>1405-09-30 14:00</code>, <code>tomorrow 14:00</code> or <code>Monday 10:00</code>.
picker-month = { $month } { $year }
picker-previous = ‹ Previous month
picker-next = Next month ›
picker-back = ‹ Another day
picker-weekday-0 = Mo
picker-weekday-1 = Tu
picker-weekday-2 = We
picker-weekday-3 = Th
picker-weekday-4 = Fr
picker-weekday-5 = Sa
picker-weekday-6 = Su
picker-day = { $day }
picker-day-gone = ·
picker-clock = { $time }
picker-ask-time = At what time on { $day }?
picker-chosen = Chosen: { $when }
picker-day-past = That day has passed. Please choose another one.
picker-time-past = That time has passed. Please choose a later one.
picker-date-format = I could not read “{ $text }”. Write the date and time like <code>2026-12-21 14:00</code> or <code>1405-09-30 14:00</code>, or say the day: <code>tomorrow 14:00</code>, <code>today 18:30</code>, <code>Monday 10:00</code>.
picker-ask-place = Where is it on the map? Share the location (📎 → Location) and members get the map with their invitation, or Skip.
picker-place-not-text = Please share a location (📎 → Location), or Skip.
picker-place-saved = 📍 Location saved: members get the map with their invitation.
picker-location-unexpected = I was not expecting a location here. Please answer with text, or /cancel to stop.
picker-location-invalid = That location could not be read. Please share it again, or Skip.
picker-preview-with-place =
    { $preview }
    🗺 The map of the venue goes with the invitation.
picker-scheduled =
    { $scheduled }

    { $invitations }
picker-invitations-now = 📨 The invitations go out now.
picker-invitations-on-days = 📨 Invitations go out on { $when }, { $days ->
    [one] { $days } day
   *[other] { $days } days
} before the meeting.
picker-invitations-on-hours = 📨 Invitations go out on { $when }, { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
} before the meeting.
picker-series-preview =
    <b>Please check the monthly rule</b>
    Rule: { $rule }
    Title: { $title }
    Venue: { $venue }

    The next three meetings:
    • { $first }
    • { $second }
    • { $third }

    Nothing is created until you start it.
picker-button-start-series = ✅ Start the series
