## Decisions and action items: /outcome, and the reminder each owner gets before the due date

cmd-outcome = ثبت تصمیم‌ها و اقدام‌های یک جلسه

outcome-no-meeting = هنوز هیچ جلسه‌ای شروع نشده است. با ⁦/outcome⁩ تصمیم‌ها و اقدام‌ها را در جریان جلسه یا پس از آن ثبت کنید.
outcome-not-started = { $title } هنوز شروع نشده است. تصمیم‌ها و اقدام‌ها در جریان جلسه یا پس از آن ثبت می‌شوند.
outcome-view =
    📋 <b>تصمیم‌ها و اقدام‌ها</b>
    ‏{ $title }، { $when }

    { $lines }
outcome-nothing-yet = هنوز چیزی ثبت نشده است.
outcome-decisions = <b>تصمیم‌ها</b>
outcome-actions = <b>اقدام‌ها</b>
outcome-decision-line = ‏{ $number }. { $text }
outcome-action-line =
    ‏{ $number }. { $text }
    ‏👥 { $owner } · 📅 مهلت: { $due }
outcome-no-owner = (نهادی که دیگر در شبکه نیست)
outcome-button-add-decision = ➕ تصمیم
outcome-button-add-action = ➕ اقدام
outcome-button-remove = 🗑 حذف یک مورد
outcome-button-other-meeting = 📅 جلسه دیگر
outcome-pick-meeting = تصمیم‌ها و اقدام‌های کدام جلسه؟

outcome-ask-decision = در <b>{ $title }</b> چه تصمیمی گرفته شد؟ آن را در یک سطر بنویسید (حداکثر { $limit } حرف).
outcome-ask-action = از <b>{ $title }</b> چه کاری باید انجام شود؟ آن را در یک سطر بنویسید (حداکثر { $limit } حرف). سپس نهاد مسئول و مهلت آن را انتخاب کنید.
outcome-decision-added = ✅ تصمیم ثبت شد.
outcome-ask-owner = کدام نهاد مسئول «{ $text }» است؟
outcome-owner-chosen = نهاد مسئول: { $owner }
outcome-no-organizations = هیچ نهاد تأییدشده‌ای نیست که اقدام به آن سپرده شود.
outcome-ask-due = { $owner } تا کدام روز باید این کار را انجام دهد؟ مهلت را انتخاب کنید.
outcome-due-chosen = مهلت: { $due }
outcome-due-past = آن روز گذشته است. لطفاً مهلتی از امروز به بعد انتخاب کنید.
outcome-action-added = ✅ اقدام برای { $owner } با مهلت { $due } ثبت شد. مدیران و نماینده این نهاد در { $reminds } یادآوری می‌گیرند.
outcome-action-added-no-reminder = ✅ اقدام برای { $owner } با مهلت { $due } ثبت شد.

outcome-pick-remove = کدام مورد را می‌خواهید حذف کنید؟
outcome-remove-button = ‏{ $number }. { $text }
outcome-confirm-remove =
    این مورد از ثبت حذف شود؟

    { $line }
outcome-button-confirm-remove = 🗑 بلی، حذف شود
outcome-button-keep = نگه داشته شود
outcome-removed = حذف شد.

outcome-reminder =
    ⏰ <b>یادآوری: مهلت اقدامی که به عهده { $owner } است، { $due } است</b>
    ‏{ $text }
    { $meeting }
outcome-reminder-meeting = در { $title } به تاریخ { $when } بر آن توافق شد.

audit-outcome-added = ثبت یک تصمیم یا اقدام
audit-outcome-removed = حذف یک تصمیم یا اقدام
mydata-kind-action-due = یادآوری‌های اقدام‌ها
