# Who may see what: refusals for people outside the network.
error-network-only = This is only for members of the network's organizations. Join your organization with the invite link from its admin (or /join with the code), or register a new organization with /register.

# Promoting and demoting coordinators: exact person, then a confirmation.
person-identity = { $name } ({ $username }, Telegram id { $id })
promote-reference-invalid = { $reference } is not a Telegram id or @username. Send the number, or the @username exactly as it is written.
promote-confirm = Make this person a coordinator? They will be able to approve organizations, schedule meetings and see every member's answer.
    { $who }
demote-confirm = Take the coordinator role back from this person?
    { $who }
button-promote = Yes, make coordinator
button-demote = Yes, take it back
roles-unchanged = Nothing was changed.

meeting-not-found = There is no meeting number { $number }. /meetings shows them.

# When something breaks, and when nobody can review an application.
error-internal-id = Sorry, something went wrong on my side. Please try again in a moment. If it happens again, give a coordinator this error number: { $id }
error-alert = ⚠️ Something went wrong while handling a message or a button. Error number: { $id }. The details are in the bot's log under that number. (You hear of it at most once every few minutes.)
register-submitted-no-coordinators = Your application for <b>{ $name }</b> is saved, but no coordinator has started this bot yet, so nobody has been told about it. Ask whoever runs the bot to add a coordinator; they will find it with /pending.
