## Exports: /export sends coordinators the network's data as CSV files, and a meeting's calendar file

cmd-export = Take the network's data away as spreadsheet files (CSV)
export-coordinators-only = Only coordinators can export: the files hold members' names and what they sent.
export-no-meeting = There is no meeting number { $number } to export. Send /export to choose one.
export-stale-button = That export button is no longer valid. Send /export again.
export-menu =
    📦 <b>Exports</b>: CSV files that open in a spreadsheet program.
    The whole network: organizations, and members with their roles.
    Meeting #{ $number }: <b>{ $title }</b>, { $when }. For another meeting, tap its button below.
export-menu-no-meeting =
    📦 <b>Exports</b>: CSV files that open in a spreadsheet program.
    No meeting has been scheduled yet, so only the whole network's files are here: organizations, and members with their roles.
button-export-organizations = 🏢 Organizations
button-export-members = 👥 Members and roles
button-export-rsvps = ✋ Answers to invitations
button-export-checkins = ✅ Check-ins
button-export-concerns = 📝 Concerns
button-export-motions = 🗳 Motion results
button-export-actions = 📌 Decisions and actions
button-export-calendar = 📅 Calendar file
button-export-all = 📦 All files of this meeting
export-caption =
    { $file }: { $rows ->
        [one] one row
       *[other] { $rows } rows
    }
export-caption-meeting =
    { $file } — { $title }, { $when }: { $rows ->
        [one] one row
       *[other] { $rows } rows
    }
audit-export-file = exported a file of the network's data
