## Decisions and action items: /outcome, and the reminder each owner gets before the due date

cmd-outcome = د یوې غونډې د پرېکړو او کړنو ثبتول

outcome-no-meeting = تر اوسه هېڅ غونډه نه ده پیل شوې. د ⁦/outcome⁩ په مرسته د غونډې پر مهال یا وروسته پرېکړې او کړنې ثبتولی شئ.
outcome-not-started = { $title } لا نه ده پیل شوې. پرېکړې او کړنې د غونډې پر مهال یا له هغې وروسته ثبتېږي.
outcome-view =
    📋 <b>پرېکړې او کړنې</b>
    ‏{ $title }، { $when }

    { $lines }
outcome-nothing-yet = تر اوسه هېڅ نه دي ثبت شوي.
outcome-decisions = <b>پرېکړې</b>
outcome-actions = <b>کړنې</b>
outcome-decision-line = ‏{ $number }. { $text }
outcome-action-line =
    ‏{ $number }. { $text }
    ‏👥 { $owner } · 📅 وروستۍ نېټه: { $due }
outcome-no-owner = (هغه بنسټ چې نور په شبکه کې نشته)
outcome-button-add-decision = ➕ پرېکړه
outcome-button-add-action = ➕ کړنه
outcome-button-remove = 🗑 یو مورد لرې کول
outcome-button-other-meeting = 📅 بله غونډه
outcome-pick-meeting = د کومې غونډې پرېکړې او کړنې؟

outcome-ask-decision = په <b>{ $title }</b> کې څه پرېکړه وشوه؟ په یوه کرښه کې یې ولیکئ (تر { $limit } تورو پورې).
outcome-ask-action = د <b>{ $title }</b> له مخې کوم کار باید وشي؟ په یوه کرښه کې یې ولیکئ (تر { $limit } تورو پورې). بیا مسؤل بنسټ او وروستۍ نېټه وټاکئ.
outcome-decision-added = ✅ پرېکړه ثبت شوه.
outcome-ask-owner = کوم بنسټ د «{ $text }» مسؤل دی؟
outcome-owner-chosen = مسؤل بنسټ: { $owner }
outcome-no-organizations = هېڅ تایید شوی بنسټ نشته چې کړنه ورته وسپارل شي.
outcome-ask-due = { $owner } باید دا کار تر کومې ورځې وکړي؟ وروستۍ نېټه وټاکئ.
outcome-due-chosen = وروستۍ نېټه: { $due }
outcome-due-past = هغه ورځ تېره شوې ده. مهرباني وکړئ نن یا له نن وروسته یوه ورځ وټاکئ.
outcome-action-added = ✅ کړنه د { $owner } لپاره ثبت شوه، وروستۍ نېټه یې { $due } ده. د دې بنسټ مدیران او استازی به په { $reminds } یادونه ترلاسه کړي.
outcome-action-added-no-reminder = ✅ کړنه د { $owner } لپاره ثبت شوه، وروستۍ نېټه یې { $due } ده.

outcome-pick-remove = کوم مورد لرې کول غواړئ؟
outcome-remove-button = ‏{ $number }. { $text }
outcome-confirm-remove =
    دا مورد له ثبت څخه لرې شي؟

    { $line }
outcome-button-confirm-remove = 🗑 هو، لرې دې شي
outcome-button-keep = وساتل شي
outcome-removed = لرې شو.

outcome-reminder =
    ⏰ <b>یادونه: د { $owner } د یوې کړنې وروستۍ نېټه { $due } ده</b>
    ‏{ $text }
    { $meeting }
outcome-reminder-meeting = په { $title } کې د { $when } پر نېټه پرې هوکړه وشوه.

audit-outcome-added = د یوې پرېکړې یا کړنې ثبتول
audit-outcome-removed = د یوې پرېکړې یا کړنې لرې کول
mydata-kind-action-due = د کړنو یادونې
