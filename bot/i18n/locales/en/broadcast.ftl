## Broadcasts: /broadcast, a coordinator's notice to an audience

cmd-broadcast = Send a notice to everyone, or to part of the network
broadcast-ask =
    📢 What is the notice? Send it as text (up to { $limit } characters), or as a photo or a document with a caption (up to { $caption_limit } characters).
    Next you choose who receives it, and you see it before it goes out. /cancel stops.
broadcast-send-kinds = Please send the notice as text, or as a photo or a document with a caption. Voice notes, stickers and videos are not taken. /cancel stops.
broadcast-use-buttons = Please choose with the buttons above, or /cancel to stop.
broadcast-empty = The notice is empty. Please write what you want to tell people, or /cancel to stop.
broadcast-too-long = The notice is { $length } characters long, and one message holds at most { $limit }. It is not split: please shorten it, or send it as two notices.
broadcast-caption-too-long = The caption is { $length } characters long, and a caption holds at most { $limit }. It is not split: please shorten it, or send the text as a notice of its own.
broadcast-ask-audience =
    Who should receive it?
    { $meeting }
broadcast-meeting-line = Going, Maybe, Not answered yet and Checked in are about { $title }, { $when }.
broadcast-no-meeting-line = No meeting is going on or scheduled, so answers and check-ins cannot be chosen.
button-broadcast-everyone = 👥 Everyone
button-broadcast-admins = 🛡 Organization admins
button-broadcast-delegates = 🎙 Delegates
button-broadcast-going = ✅ Going
button-broadcast-maybe = 🤔 Maybe
button-broadcast-no_answer = ⏳ Not answered yet
button-broadcast-checked_in = 📍 Checked in
button-broadcast-organization = 🏢 One organization…
button-broadcast-back = ‹ Back
button-broadcast-send = 📤 Send
broadcast-pick-organization = Which organization's members should receive it? (page { $page } of { $pages })
broadcast-to-everyone = everyone in the network
broadcast-to-admins = the admins of every organization
broadcast-to-delegates = the delegates of every organization
broadcast-to-going = those going to { $title }
broadcast-to-maybe = those who answered Maybe for { $title }
broadcast-to-no_answer = those who have not answered for { $title }
broadcast-to-checked_in = those checked in at { $title }
broadcast-to-organization = the members of { $org }
broadcast-audience-chosen = To: { $audience }
broadcast-preview =
    👆 This is the notice as its recipients will see it.
    To: { $audience }
    { $count ->
        [one] It goes to one person.
       *[other] It goes to { $count } people.
    }
    Send it now?
broadcast-nobody = Nobody is in this audience right now, so there is nobody to send the notice to. Please choose another audience.
broadcast-no-meeting = No meeting is going on or scheduled, so there are no answers or check-ins to choose from. Please choose another audience.
broadcast-was-cancelled = This notice was cancelled, and nothing was sent. Start again with /broadcast.
broadcast-already-sent = This notice is already being sent; it goes out only once.
broadcast-cancelled = Cancelled. The notice was not sent.
broadcast-notice =
    📢 From the network's coordinators:
    { $notice }
broadcast-notice-bare = 📢 From the network's coordinators
broadcast-progress = 📤 Sending the notice: { $done } of { $total } done.
broadcast-report =
    ✅ The notice has gone out to { $total ->
        [one] one person
       *[other] { $total } people
    }.
    Delivered: { $delivered }
    Unreachable (blocked the bot or never started it): { $unreachable }
    Failed: { $failed }
    { $skipped }
broadcast-report-skipped = Not sent, no longer in the audience: { $count }
