## The outcome summary: /summary, the post to the group and its chart

cmd-summary = Preview a meeting's outcome summary and post it to the group
summary =
    📋 <b>Meeting outcome: { $title }</b>
    🗓 { $when }
    📍 { $venue }

    { $lines }
summary-attendance = <b>Attendance</b>: { $count ->
    [one] one person checked in
   *[other] { $count } people checked in
}
summary-answer-going = • Said Going: { $answered }; { $came } of them came
summary-answer-maybe = • Said Maybe: { $answered }; { $came } of them came
summary-answer-declined = • Said Can't go: { $answered }; { $came } of them came
summary-answer-none = • Came without answering: { $came }
summary-organizations = 🏢 Organizations represented: { $represented } of { $approved }
summary-agenda = <b>Agenda, by dots</b>
summary-agenda-item = { $rank }. #{ $number } { $text } ({ $dots ->
    [one] one dot
   *[other] { $dots } dots
})
summary-agenda-none = No concerns were on the agenda.
summary-voice = (a voice note)
summary-photo = (a photo)
summary-motions = <b>Motions</b>
summary-motion-open = 🗳 { $question }: voting is open until { $closes }.
summary-motions-none = No motions were put to a vote.
summary-outcome-none = No decisions or action items were recorded.
summary-decisions = <b>Decisions</b>
summary-decision = • { $text }
summary-actions = <b>Action items</b>
summary-action = • { $text }{ $details }
summary-action-owner-due = { "" } — owner: { $owner }, due { $due }
summary-action-owner = { "" } — owner: { $owner }
summary-action-due = { "" } — due { $due }
summary-next = ➡️ Next meeting: { $when }
summary-next-none = ➡️ The next meeting is not scheduled yet.

summary-chart-caption = 📊 { $title }: attendance and the concerns with the most dots
summary-chart-attendance = Attendance: { $count ->
    [one] one person checked in
   *[other] { $count } people checked in
}
summary-chart-legend-answered = Answered
summary-chart-legend-came = Checked in
summary-chart-going = Said Going
summary-chart-maybe = Said Maybe
summary-chart-declined = Said Can't go
summary-chart-no-answer = Came without answering
summary-chart-came-of = { $came } of { $answered } came
summary-chart-came = { $came } came
summary-chart-nobody = Nobody answered or checked in.
summary-chart-concerns = Concerns with the most dots
summary-chart-concern = #{ $number } { $text }
summary-chart-dots = { $dots ->
    [one] one dot
   *[other] { $dots } dots
}
summary-chart-no-concerns = No concerns were on the agenda.

summary-post-ask = Post this summary to the coordination group now? The other coordinators get it too.
summary-button-post = 📣 Post to the group
summary-posted = ✅ The summary is on its way to the coordination group and the coordinators.
summary-posted-before = This summary was already posted to the group on { $when }.
summary-no-group-yet = No coordination group is set yet: add me to the group and send /bindgroup there, then /summary again to post it.
summary-already-posted = The summary of { $title } was already posted on { $when }.
summary-not-ended = { $title } has not ended yet: its summary can be made from { $end }.
summary-no-meeting = No meeting has taken place yet, so there is no summary to make.
summary-no-group = No coordination group is set: add me to the group and send /bindgroup there, then try again.
