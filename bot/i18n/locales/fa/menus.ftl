## Starting a registration over
register-restart-ask = شما در حال ثبت <b>{ $name }</b> هستید. از نو شروع می‌کنید، یا از همان جایی که ماندید ادامه می‌دهید؟
register-restart-ask-unnamed = شما در حال ثبت یک نهاد هستید. از نو شروع می‌کنید، یا از همان جایی که ماندید ادامه می‌دهید؟
button-register-restart = 🔄 شروع از نو
button-register-continue = ▶️ ادامه
register-restarted = از نو شروع شد؛ جواب‌های قبلی حذف شدند.
register-continued = از همان جایی که ماندید ادامه می‌دهیم.

## An application another coordinator decided
org-decided-approved = ✅ <b>{ $name }</b> توسط { $by } تأیید شد.
org-decided-rejected = ❌ <b>{ $name }</b> توسط { $by } رد شد.

## Attendance: who answered what, by organization
attendance-going = ✅ می‌آیند: { $names }
attendance-maybe = 🤔 شاید: { $names }
attendance-declined = ❌ نمی‌توانند بیایند: { $names }
attendance-waitlist = ⏳ فهرست انتظار: { $names }
attendance-no-answer = ❔ بدون جواب: { $names }
attendance-no-organization = ‏• بدون نهاد (هماهنگ‌کننده‌ها)
attendance-page = صفحه { $page } از { $pages }
button-previous = ‹ قبلی
button-next = بعدی ›
