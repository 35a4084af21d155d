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
concern-decided-merged =
    🔗 Your concern #{ $number } was merged into concern #{ $target }, which raises the same point: { $about }
    Your concern's votes count there.
concern-merged-into-quote = “{ $text }”, on the agenda.
concern-merged-into-voice = a voice note, on the agenda.
concern-merged-into-photo = a photo, on the agenda.
concern-merged-into-waiting = it is still waiting for a decision; you will see it on the agenda (/agenda) if it is approved.
concern-digest =
    { $count ->
        [one] 📥 One concern is waiting for a decision. Open it with /review.
       *[other] 📥 { $count } concerns are waiting for a decision. Open them with /review.
    }

## Concerns: /concern, /myconcerns and /review

cmd-concern = Raise a concern for the next meeting (named or anonymous)
cmd-myconcerns = Your concerns and the decisions on them
cmd-review = Decide on the concerns members sent
concern-ask =
    📝 What should the meeting discuss? Send it as text (up to { $limit } characters), as a voice note, or as a photo with a caption.
    You choose next whether coordinators see your name. /cancel stops.
concern-send-kinds = Please send your concern as text, a voice note, or a photo with a caption. Stickers, videos and files are not taken. /cancel stops.
concern-use-buttons = Please choose with the buttons, or /cancel to stop.
concern-ask-topic = Which topic is it about?
concern-topic-coordination = Coordination
concern-topic-security = Security
concern-topic-funding = Funding
concern-topic-media = Media and public opinion
concern-topic-capacity = Capacity building
concern-topic-other = Other
concern-topic-chosen = Topic: { $topic }
concern-ask-privacy =
    Should coordinators see your name?

    👤 Named: coordinators see your name with the concern.
    🕶 Anonymous: coordinators never see who sent it, and no list, agenda or record shows it. The bot keeps the link to you only to list the concern in /myconcerns and to tell you the decision, and deletes that link after the meeting.
    Anonymous hides who sent it, not what it says: { $warning }
concern-privacy-text = people who know your way of writing, or the details you mention, may still guess.
concern-privacy-voice = a voice note carries your voice, which people who know you can recognise.
concern-privacy-photo = a photo may show who took it or where (faces, papers, a room, a street).
button-concern-named = 👤 Named
button-concern-anonymous = 🕶 Anonymous
concern-is-named = 👤 Named: coordinators see your name.
concern-is-anonymous = 🕶 Anonymous: coordinators do not see who sent it.
concern-confirm-anonymous =
    🕶 Anonymous: coordinators never see who sent it, and no list, agenda or record shows it.
    Anonymous hides who sent it, not what it says: { $warning }
concern-content-text = { $text }
concern-content-voice = 🎤 Voice note. Caption: { $caption }
concern-content-photo = 🖼 Photo. Caption: { $caption }
concern-confirm =
    Your concern:
    { $content }
    Topic: { $topic }
    { $privacy }

    Send it?
concern-sent = 📨 Sent. Your concern's number is #{ $number }. /myconcerns shows it and the decision on it.
concern-named = named
concern-anonymous = anonymous
concern-status-submitted = waiting for a decision
concern-status-approved = approved
concern-status-merged = merged
concern-status-merged-into = merged into #{ $target }
concern-status-rejected = not accepted
myconcerns =
    Your concerns:
    { $lines }
myconcerns-line = #{ $number } · { $topic } · { $privacy } · { $status }: { $content }
myconcerns-empty = You have not raised any concern. /concern raises one.
review-empty = No concern is waiting for a decision.
review-anonymous = 🕶 anonymous
review-named = 👤 { $name }
review-caption = Concern #{ $number }
review-card =
    📥 Concern #{ $number } · { $topic }
    From: { $sender }
    { $content }
review-more = More concerns are waiting.
button-concern-merge = 🔗 Merge
review-approved-done = ✅ Concern #{ $number } approved; members can vote for it on the agenda.
review-ask-reason = Why is concern #{ $number } not accepted? Write one line; the sender will be told it. /cancel stops.
review-rejected-done = ❌ Concern #{ $number } was not accepted; the sender is told the reason.
review-already-decided = Concern #{ $number } has already been decided ({ $status }). Nothing was changed.
review-merge-pick = Merge concern #{ $number } into which concern?
review-merge-none = No other concern of the same meeting to merge #{ $number } into.
review-merge-target = #{ $number } { $text }
review-merged-done = 🔗 Concern #{ $number } merged into #{ $target }.

## /help: what anonymous protects and what it does not

help-anonymity =
    { $help }

    🕶 <b>Anonymous concerns</b>: when you send a concern with /concern and choose Anonymous, coordinators never see who sent it, and no list, agenda, export or record shows it. The bot keeps the link to you only for /myconcerns and to tell you the decision, and deletes it after the meeting.
    Anonymous does not hide what you send: a voice note carries your voice; a photo may show who took it or where (faces, papers, a room, a street); your way of writing, or the details you give, can identify you.
