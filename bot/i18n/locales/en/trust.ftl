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
