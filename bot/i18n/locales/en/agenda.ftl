## The agenda by dot voting: /agenda, a dot per tap, and the agenda when voting closes

cmd-agenda = Vote on the next meeting's agenda
button-agenda = 🗳 Agenda
agenda-board =
    🗳 <b>Agenda: { $title }</b>
    { $when }
    Put your dots on the concerns the meeting should discuss first: tap a concern to add a dot, tap it again to take it back. One dot per concern.
    You have { $left ->
        [one] 1 dot
       *[other] { $left } dots
    } left of { $dots }. Voting closes when the meeting starts.

    { $lines }
agenda-final =
    🗳 <b>Agenda: { $title }</b>
    { $when }
    Voting has closed. The concerns with the most dots, in order:

    { $lines }
agenda-empty = No concerns have been approved for this meeting yet.
agenda-line = { $rank }. { $text } (#{ $number }) — { $count ->
        [one] 1 dot
       *[other] { $count } dots
    }
agenda-line-mine = { $rank }. ✅ { $text } (#{ $number }) — { $count ->
        [one] 1 dot
       *[other] { $count } dots
    }
agenda-page = Page { $page } of { $pages }
agenda-button = #{ $number } { $text }
agenda-button-mine = ✅ #{ $number } { $text }
agenda-no-meeting = No meeting is scheduled yet, so there is no agenda to vote on.
agenda-dot-added = Dot added to #{ $number }.
agenda-dot-taken = Dot taken back from #{ $number }.
agenda-no-dots-left = You have used all { $dots ->
        [one] 1 dot
       *[other] { $dots } dots
    }. Take one back from another concern first.
agenda-voting-closed = Voting on the agenda of { $title } has closed.
agenda-concern-rejected = Concern #{ $number } was rejected, so it cannot take dots.
agenda-concern-merged = Concern #{ $number } was merged into another concern: put your dot on that one.
agenda-concern-submitted = Concern #{ $number } has not been approved yet, so it cannot take dots.
card-agenda = { $note }
    🗳 <b>Agenda</b>{ $items }
card-agenda-item = { "" }
    { $rank }. #{ $number } { $text }{ $rest }
