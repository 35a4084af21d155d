## Motions: opening one, ballots, results, proxies

cmd-motion = Open a motion for members or organizations to vote on
cmd-vote = Your open motions and ballots
cmd-ballots = Who chose what on a public motion
cmd-proxy = Record a ballot or an answer for someone without a phone

motion-option-yes = Yes
motion-option-no = No
motion-option-abstain = Abstain

motion-no-meeting = There is no upcoming meeting to tie a motion to. Schedule one with /newmeeting first.
motion-pick-meeting = Which meeting is the motion for?
motion-meeting-chosen = Motion for: <b>{ $title }</b>
motion-ask-question = What is the question for <b>{ $title }</b>? Write it in one line (at most { $limit } characters).
motion-ask-options = What can people choose? Tap the button for Yes / No / Abstain, or send your own options, one per line: { $low } to { $high }, each at most { $limit } characters.
motion-button-standard = Yes / No / Abstain
motion-standard-chosen = Options: Yes / No / Abstain
motion-options-count = Send { $low } to { $high } options, one per line.
motion-option-too-long = Each option can be at most { $limit } characters. Please shorten it and send the list again.
motion-options-repeated = Two options are the same. Send the list again with each option once.
motion-ask-voters = Who votes?
motion-button-each-member = Each member
motion-button-each-org = Each organization (through its delegate)
motion-voters-per_member = Who votes: each member
motion-voters-per_organization = Who votes: each organization, through its delegate (its admin if it has named no delegate)
motion-ask-secret = Secret or public ballot?
motion-button-secret = Secret: only totals are shown
motion-button-public = Public: coordinators see who chose what
motion-secret-note = 🔒 Secret ballot: only the totals are ever shown.
motion-public-note = 👁 Public ballot: coordinators can see who chose what.
motion-ask-quorum = What share of the eligible voters must vote for the result to count (the quorum)? Tap a button or send a percentage from 0 to 100.
motion-button-quorum = { $percent }%
motion-quorum-invalid = Send the quorum as a percentage from 0 to 100, for example 50.
motion-quorum-chosen = Quorum: { $percent }%
motion-ask-closes = When does voting close? Tap a button, or send a date and time like <code>2026-12-21 14:00</code> ({ $zone }).
motion-button-closes-start = When the meeting starts
motion-button-closes-end = When the meeting ends
motion-button-closes-24h = In 24 hours
motion-closes-past = That time has already passed. Choose a time in the future.
motion-closes-chosen = Voting closes { $closes }.
motion-option-line = • { $option }
motion-line =
    { $line }
    { $rest }
motion-preview =
    <b>Open this motion?</b>

    ❓ { $question }
    { $options }
    { $voters }
    { $how }
    Quorum: { $quorum }%
    Closes: { $closes }
motion-button-open = Open the motion
motion-opened = ✅ Motion #{ $id } is open: { $question }. Ballots are being sent.

motion-ballot =
    🗳 <b>{ $question }</b>

    { $how }
    Voting closes { $closes }. You can change your choice until then.

    { $choice }
motion-no-choice-yet = You have not chosen yet.
motion-your-choice = Your choice: <b>{ $option }</b>
motion-org-choice = { $organization }: <b>{ $option }</b>
motion-button-chosen = ✅ { $option }
motion-ballot-saved = Your ballot is saved.
motion-org-header = The buttons below vote for this organization.
motion-none-open = You have no open motions to vote on.
motion-open-list = { $count ->
    [one] One motion is open for you. Tap it to see your ballot.
   *[other] { $count } motions are open for you. Tap one to see your ballot.
}

motion-not-member = Only members of the network's organizations can vote.
motion-not-delegate = You do not vote on this motion for that organization: its delegate does (or its admin, if it has no delegate).
motion-closed = Voting on “{ $question }” has closed.
motion-closed-cancelled = Voting on “{ $question }” was closed because its meeting was cancelled. Nothing was decided, and no result will be posted.
motion-secret-list = This motion is secret: only its totals are shown, to anyone.

motion-result =
    🗳 <b>Result: { $question }</b>

    { $options }
    Turnout: { $cast } of { $eligible } ({ $quorum_state }, quorum { $quorum }%)
    { $proxies }
    { $outcome }
motion-result-option = • { $option }: { $count }
motion-quorum-met = quorum met
motion-quorum-not-met = quorum not met
motion-proxies = { $count ->
    [one] One ballot was recorded by a coordinator for someone without a phone.
   *[other] { $count } ballots were recorded by a coordinator for people without a phone.
}
motion-outcome = ✅ Decision: <b>{ $option }</b>
motion-outcome-tie = ⚖️ No decision: the top options are tied.
motion-outcome-no-quorum = ⛔ No decision: the quorum was not reached.

ballots-usage = Send /ballots with the motion number, for example /ballots 3.
ballots-list =
    Ballots on “{ $question }”:
    { $lines }
ballots-line = • { $name }: { $option }
ballots-line-proxy = • { $name }: { $option } (recorded by a coordinator)
ballots-none = No ballots yet.

proxy-for-anything = 👥 Recording for someone without a phone.
proxy-for-meeting = 👥 Recording an answer to <b>{ $title }</b> for someone without a phone.
proxy-for-motion = 👥 Recording a ballot on “{ $question }” for someone without a phone.
proxy-pick-org =
    { $purpose }
    Which organization is the person a member of? (page { $page } of { $pages })
    Or send /proxy with their @username or Telegram id.
proxy-pick-person =
    { $purpose }
    Who in { $org }? (page { $page } of { $pages })
proxy-no-organizations = No organization has been approved yet: there is nobody to record for.
proxy-no-members = { $org } has no members.
proxy-not-voter = { $name } has no ballot on this motion: only members vote on it, and for each organization only its delegate (its admin if it has no delegate).
proxy-button-pick-rsvp = 👥 Record an answer for someone without a phone
proxy-button-pick-ballot = 👥 Record a ballot for someone without a phone
proxy-button-another = 👥 Record for someone else
proxy-unknown-person = Nobody with { $reference } has started this bot. Check the @username or the Telegram id.
proxy-nothing = There is nothing open that { $name } can vote on or answer.
proxy-what = What do you want to record for { $name }?
proxy-button-motion = 🗳 { $question }
proxy-button-meeting = 📅 { $title }
proxy-ballot = Ballot of { $name } on “{ $question }”: what did they choose?
proxy-ballot-recorded = ✅ Recorded for { $name } on “{ $question }”: { $option }. It is in the audit log.
proxy-rsvp = Is { $name } coming to { $title }?
proxy-answer-going = Going
proxy-answer-maybe = Maybe
proxy-answer-declined = Can't go
proxy-rsvp-recorded = ✅ Recorded for { $name } for { $title }: { $answer }. It is in the audit log.
