## Decisions and action items: /outcome, and the reminder each owner gets before the due date

cmd-outcome = Record a meeting's decisions and action items

outcome-no-meeting = No meeting has started yet. /outcome records decisions and action items during a meeting or after it.
outcome-not-started = { $title } has not started yet. Decisions and action items are recorded during the meeting or after it.
outcome-view =
    📋 <b>Decisions and action items</b>
    { $title }, { $when }

    { $lines }
outcome-nothing-yet = Nothing recorded yet.
outcome-decisions = <b>Decisions</b>
outcome-actions = <b>Action items</b>
outcome-decision-line = { $number }. { $text }
outcome-action-line =
    { $number }. { $text }
    👥 { $owner } · 📅 due { $due }
outcome-no-owner = (organization no longer in the network)
outcome-button-add-decision = ➕ Decision
outcome-button-add-action = ➕ Action item
outcome-button-remove = 🗑 Remove one
outcome-button-other-meeting = 📅 Another meeting
outcome-pick-meeting = Which meeting's decisions and action items?

outcome-ask-decision = What did <b>{ $title }</b> decide? Write it in one line (at most { $limit } characters).
outcome-ask-action = What is to be done, from <b>{ $title }</b>? Write it in one line (at most { $limit } characters). Then choose who does it and by when.
outcome-decision-added = ✅ Decision recorded.
outcome-ask-owner = Which organization is responsible for “{ $text }”?
outcome-owner-chosen = Responsible: { $owner }
outcome-no-organizations = There is no approved organization to give an action item to.
outcome-ask-due = By what day must { $owner } have done it? Pick the due date.
outcome-due-chosen = Due: { $due }
outcome-due-past = That day has passed. Please choose a due date from today on.
outcome-action-added = ✅ Action item recorded for { $owner }, due { $due }. Its admins and delegate get a reminder on { $reminds }.
outcome-action-added-no-reminder = ✅ Action item recorded for { $owner }, due { $due }.

outcome-pick-remove = Which one do you want to remove?
outcome-remove-button = { $number }. { $text }
outcome-confirm-remove =
    Remove this from the record?

    { $line }
outcome-button-confirm-remove = 🗑 Yes, remove it
outcome-button-keep = Keep it
outcome-removed = Removed.

outcome-reminder =
    ⏰ <b>Reminder: an action item of { $owner } is due { $due }</b>
    { $text }
    { $meeting }
outcome-reminder-meeting = Agreed at { $title } on { $when }.

audit-outcome-added = recorded a decision or action item
audit-outcome-removed = removed a decision or action item
mydata-kind-action-due = reminders of action items
