## Your own data: /mydata shows it, /forgetme erases it, /leave leaves an organization

cmd-mydata = See what the bot holds about you
cmd-forgetme = Erase your data from the bot
cmd-leave = Leave an organization

mydata =
    <b>What Shura holds about you</b> ({ $part })
    { $lines }
mydata-section-telegram = <b>You, as Telegram told the bot</b>
mydata-name = Name: { $name }
mydata-username = Username: { $username }
mydata-user-id = Telegram user id: { $id }
mydata-language = Language: { $language }
mydata-language-unset = not chosen yet
mydata-since = First wrote to the bot: { $when }
mydata-reachable-yes = Messages reach you: yes
mydata-reachable-no = Messages reach you: no. You are marked unreachable (the bot was blocked, or never started); writing to the bot undoes this.
mydata-coordinator = You are a coordinator of the network.
mydata-section-memberships = <b>Your organizations</b>
mydata-membership = • { $name } — { $role } ({ $status }), since { $when }
mydata-section-registered = <b>Organizations you registered</b>
mydata-registered = • { $name } ({ $status }), registered { $when }
mydata-section-answers = <b>Your answers to meetings</b>
mydata-answer = • { $title }, { $when }: { $answer }
mydata-waitlisted = ⏳ on the waitlist
mydata-section-concerns = <b>Concerns you raised</b>
mydata-concern = • #{ $number }: { $status }, { $privacy }
mydata-section-ballots = <b>Your ballots</b>
mydata-ballot = • { $question }: { $choice }, { $when }
mydata-ballot-proxy = • { $question }: { $choice }, { $when } (recorded for you by a coordinator)
mydata-section-dialog = <b>A conversation you have not finished</b>
mydata-dialog = { $flow }, last answer { $when }. What you typed so far: { $answers }
mydata-flow-register = registering an organization
mydata-flow-reject = the reason for rejecting an application
mydata-flow-newmeeting = scheduling a meeting
mydata-flow-editmeeting = changing a meeting
mydata-flow-series = a monthly series of meetings
mydata-section-outbox = <b>Messages waiting to be sent to you</b>
mydata-outbox-kind = • { $kind }: { $count }
mydata-kind-invitation = invitations
mydata-kind-reminder = reminders
mydata-kind-nudge = reminders to answer
mydata-kind-update = changes to a meeting
mydata-kind-cancellation = cancellations
mydata-kind-promotion = a seat from the waitlist
mydata-kind-notice = notices
mydata-outbox-handled = Messages already sent to you, kept as a record of delivery: { $count }. What they said is deleted { $period } after sending.
privacy-days = { $count ->
    [one] one day
   *[other] { $n } days
}
privacy-hours = { $count ->
    [one] one hour
   *[other] { $n } hours
}
mydata-section-actions = <b>What you did, as the audit log records it</b>
mydata-action = • { $action }: { $count }
audit-org-registered = registered an organization
audit-org-approved = approved an organization
audit-org-rejected = rejected an application
audit-member-joined = joined an organization
audit-member-left = left an organization
audit-member-removed = removed a member
audit-member-delegate = named a delegate
audit-member-admin = made a member an admin
audit-member-unadmin = took back admin rights
audit-invite-revoked = replaced an invite link
audit-coordinator-promoted = made someone a coordinator
audit-coordinator-demoted = took back coordinator rights
audit-group-bound = set the coordination group
audit-meeting-scheduled = scheduled a meeting
audit-meeting-edited = changed a meeting
audit-meeting-cancelled = cancelled a meeting
audit-series-started = started a monthly series
audit-series-stopped = stopped a monthly series
mydata-nothing = (nothing)
mydata-footer = Only you see this. /leave leaves an organization; /forgetme erases your data.

forget-ask =
    <b>Erase your data?</b>
    The bot deletes your name, username, Telegram id and language, your memberships, your answers to meetings (your seats go to the people waiting), an unfinished conversation, messages waiting for you, and applications that were never approved.
    What the network still needs stays, without your name: organizations you registered that were approved, invite links, meetings and the coordination group you set up, and the audit log of what you did.
    Files coordinators already exported (lists of members, answers, check-ins) are outside the bot and are not erased.
    This cannot be undone.
button-forget-confirm = 🗑 Erase my data
button-forget-keep = Keep my data
forget-cancelled = Nothing was erased.
forget-done = Your data has been erased. If you write to the bot again, you start afresh, as someone new. The messages in this chat are still on your phone: delete the chat to remove them.
forget-sole-admin = You are the only admin of { $names }. Make another member an admin first (in /members), or the organization would be left without one; then send /forgetme again.

leave-none = You are not in any organization.
leave-pick = Which organization do you want to leave?
leave-ask = Leave <b>{ $name }</b>?{ $note }
leave-ask-network = It is your last organization: you will no longer be invited to the network's meetings, and your answers to meetings still to come will be withdrawn (your seats go to the people waiting).
button-leave-confirm = Leave
button-leave-stay = Stay
leave-cancelled = You stay. Nothing changed.
leave-done = You left { $name }.{ $note }
leave-done-network = You are no longer in the network: your answers to meetings still to come were withdrawn.
leave-done-seats = Your seats went to the next people waiting: { $titles }
leave-last-admin = You are the last admin of { $name }, so you cannot leave it. Make another member an admin first (in /members), then leave.
