## Starting a registration over
register-restart-ask = You are already registering <b>{ $name }</b>. Start over, or continue where you stopped?
register-restart-ask-unnamed = You are already registering an organization. Start over, or continue where you stopped?
button-register-restart = 🔄 Start over
button-register-continue = ▶️ Continue
register-restarted = Starting over: what you answered before is dropped.
register-continued = Continuing where you stopped.

## An application another coordinator decided
org-decided-approved = ✅ <b>{ $name }</b> was approved by { $by }.
org-decided-rejected = ❌ <b>{ $name }</b> was rejected by { $by }.

## Attendance: who answered what, by organization
attendance-going = ✅ Going: { $names }
attendance-maybe = 🤔 Maybe: { $names }
attendance-declined = ❌ Can't go: { $names }
attendance-waitlist = ⏳ Waitlist: { $names }
attendance-no-answer = ❔ No answer: { $names }
attendance-no-organization = • In no organization (coordinators)
attendance-page = Page { $page } of { $pages }
button-previous = ‹ Previous
button-next = Next ›
