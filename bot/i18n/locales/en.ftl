# Shura — English messages.
# Messages are Telegram HTML: only <b>, <i>, <u>, <s>, <code>, <pre>, <a href>, <blockquote>.
# Every { $placeholder } is filled in by the bot; text people typed arrives already escaped.

## Roles, kinds and statuses (used inside other messages)

role-member = member
role-admin = admin
role-delegate = delegate
role-admin-delegate = admin and delegate
kind-ngo = NGO
kind-media = Media
kind-university = University or student group
kind-union = Union or network
kind-other = Other
status-pending = waiting for approval
status-approved = approved
status-rejected = rejected
status-suspended = suspended

## Commands (shown in Telegram's command menu and in /help; plain text)

cmd-start = Start, or see what you can do
cmd-help = List the commands you can use
cmd-language = Change the language
cmd-myorgs = Your organizations
cmd-orgs = Organizations in the network
cmd-join = Join an organization with an invite code
cmd-register = Register your organization
cmd-cancel = Stop what you are doing
cmd-invite = Your organization's invite link
cmd-members = Manage your organization's members
cmd-pending = Organizations waiting for approval
cmd-promote = Make someone a coordinator
cmd-demote = Take the coordinator role back
cmd-bindgroup = Make this group the coordination group

## Buttons (plain text)

button-approve = ✅ Approve
button-reject = ❌ Reject
button-skip = Skip
button-submit = ✅ Submit
button-cancel = Cancel
button-revoke-invite = 🔄 New link (old one stops working)
button-make-delegate = Make delegate
button-make-admin = Make admin
button-remove-admin = Remove admin role
button-remove-member = Remove from organization
button-confirm-remove = Yes, remove
button-back = ‹ Back

## Start, language, help

language-choose = Choose your language · زبان خود را انتخاب کنید · خپله ژبه وټاکئ
language-set = Language set to English.
welcome =
    Hello { $name }! I am Shura, the assistant for your network's monthly coordination meeting.

    { $intro }

    /help lists everything you can do.
welcome-newcomer = To take part, join your organization with the invite link from its admin (or /join with the code), or register a new organization with /register.
welcome-member = You are a member of an organization in the network. /myorgs shows your organizations.
welcome-admin = You manage an organization: /invite gives you its invite link and /members lets you manage its members.
welcome-coordinator = You are a coordinator: you approve organizations (/pending) and run the network's meetings.
help =
    <b>What you can do</b>
    { $commands }
cancel-done = Cancelled. Nothing was saved.
cancel-nothing = There is nothing to cancel.

## Registering an organization

register-ask-name = What is your organization's name? (up to { $limit } characters; /cancel to stop)
register-name-taken = An organization named “{ $name }” is already registered. If it is yours, ask its admin for the invite link; otherwise choose a different name.
register-ask-kind = What kind of organization is it?
register-use-buttons = Please choose with the buttons above, or /cancel to stop.
register-kind-chosen = Kind: { $kind }
register-ask-province = Which province is it in? (up to { $limit } characters)
register-ask-district = Which district?
register-ask-focus = In one line, what does your organization work on? (up to { $limit } characters)
register-ask-contact = A contact for the coordinators (phone, email or website), up to { $limit } characters, or Skip.
register-contact-skipped = No contact given.
register-summary =
    <b>Please check your application</b>
    Name: { $name }
    Kind: { $kind }
    Province: { $province }
    District: { $district }
    Focus: { $focus }
    Contact: { $contact }
register-submitted = Your application for <b>{ $name }</b> was sent to the coordinators. I will tell you when they decide.

## Coordinators deciding

org-review =
    <b>New organization waiting for approval</b>
    Name: { $name }
    Kind: { $kind }
    Province: { $province }
    District: { $district }
    Focus: { $focus }
    Contact: { $contact }
    Registered by: { $registrant } ({ $username })
pending-none = No organization is waiting for approval.
pending-count = { $count ->
    [one] One organization is waiting for approval:
   *[other] { $count } organizations are waiting for approval:
}
org-approved-done = ✅ You approved <b>{ $name }</b>.
org-approved = 🎉 <b>{ $name }</b> was approved! You are its admin. Send /invite to get the link your members join with.
org-ask-reason = Why is <b>{ $name }</b> rejected? Write the reason in one message; the registrant will read it. (/cancel to stop)
org-rejected-done = ❌ You rejected <b>{ $name }</b>. The registrant was told why.
org-rejected =
    Your application for <b>{ $name }</b> was not approved.
    Reason: { $reason }
    You can correct it and apply again with /register.
org-already-decided = { $name } was already decided: { $status }.

## Invites and members

pick-organization = Which organization?
invite-link =
    Invite link for <b>{ $name }</b>:
    { $link }

    Or send the code <code>{ $code }</code> with /join. It works until { $expires }. Share it only with your members.
invite-revoked = The old link no longer works.
join-usage = Send the code like this: /join abc234xyz9 — or open the invite link your organization's admin shared.
join-code-missing = That invite link has no code in it. Ask your organization's admin for the link again.
join-code-unknown = That invite code does not exist. Check it, or ask your organization's admin for a new link.
join-code-revoked = That invite link for { $name } was replaced by a new one. Ask the admin for the current link.
join-code-expired = That invite link for { $name } has expired. Ask the admin for a new one.
join-already-member = You are already a member of { $name }.
join-done = Welcome to <b>{ $name }</b>! You are now a member. You will get the meeting invitations here.
myorgs-none = You are not in any organization yet. Join with your organization's invite link, or register one with /register.
myorgs =
    <b>Your organizations</b>
    { $lines }
myorgs-line = • { $name } — { $role } ({ $status })
myorgs-application = • { $name } — your application: { $status }
orgs-none = No organization has been approved yet.
orgs =
    <b>Organizations in the network ({ $count })</b>
    { $lines }
orgs-line = • <b>{ $name }</b> — { $kind }, { $district }, { $province }
members-list = <b>{ $name }</b>: { $count } members (page { $page } of { $pages }). Tap a member to manage them. ★ admin, ✋ delegate.
member-card =
    <b>{ $name }</b> ({ $username })
    { $org }: { $role }
member-remove-confirm = Remove <b>{ $name }</b> from { $org }?
member-removed = { $name } was removed.
member-now-delegate = { $name } is now the delegate.
member-now-admin = { $name } is now an admin.
member-no-longer-admin = { $name } is no longer an admin.
members-gone = That member is no longer in the organization.
members-last-admin = An organization needs at least one admin. Make someone else admin first.

## Coordinators

promote-usage = Send /promote with the person's Telegram id or @username, for example /promote @username. They must have started the bot.
demote-usage = Send /demote with the person's Telegram id or @username.
promote-unknown-person = I do not know { $reference }. They must start the bot first; then try again.
promote-already = { $name } is already a coordinator.
promote-done = { $name } is now a coordinator.
promote-notice = You are now a coordinator of the network. /help shows your new commands.
demote-done = { $name } is no longer a coordinator.
demote-notice = You are no longer a coordinator of the network.
demote-configured = { $name } is a coordinator by the bot's settings (SHURA_COORDINATORS); only whoever runs the bot can change that.
demote-not-coordinator = { $name } is not a coordinator.
group-bound = This group is now the network's coordination group. I will post meeting notices, results and summaries here. Personal messages (invitations, votes, concerns) stay in private chats.

## Mistakes and refusals

error-private-only = Please use this command in a private chat with me.
error-group-only = This command works only in a group: send it in the group you mean.
error-stale-button = That button is no longer valid. Please start again.
error-coordinators-only = Only coordinators can do that.
error-org-admins-only = Only admins of { $name } can do that.
error-not-org-admin = You are not an admin of any organization. Register one with /register, or ask your organization's admin.
error-org-not-active = { $name } is not active in the network right now.
error-empty = That was empty. Please write an answer, or /cancel to stop.
error-too-long = That is { $length } characters; please keep it under { $limit }.
error-no-conversation = I did not understand that. /help shows what you can do.
error-text-only = Please answer with text, or /cancel to stop.
error-unknown-command = I do not know that command. /help shows what you can do.
error-internal = Sorry, something went wrong on my side. Please try again in a moment.
