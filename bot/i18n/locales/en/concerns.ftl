## Concerns: sending one, the decision on it, and the coordinators' daily count

concern-text-empty = The concern is empty. Please write what you want the meeting to discuss.
concern-text-too-long = The concern is { $length } characters long; please keep it within { $limit }.
concern-media-missing = That voice note or photo did not arrive. Please send it again.
concern-reason-empty = Please write the reason; the sender will be told it.
concern-reason-too-long = The reason is { $length } characters long; please keep it within { $limit }.
concern-decided-approved = ✅ Your concern #{ $number } was approved: members can now vote for it on the agenda.
concern-decided-rejected =
    Your concern #{ $number } was not accepted.
    Reason: { $reason }
concern-decided-merged = 🔗 Your concern #{ $number } was merged into concern #{ $target }, which raises the same point; its votes count there.
concern-digest =
    { $count ->
        [one] 📥 One concern is waiting for a decision. Open it with /review.
       *[other] 📥 { $count } concerns are waiting for a decision. Open them with /review.
    }
