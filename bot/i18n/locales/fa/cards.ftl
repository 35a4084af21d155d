## The live meeting card: seats left, the answer, withdrawing, a note, and what changed

button-withdraw = ↩️ پس گرفتن جواب
button-add-note = 📝 افزودن یادداشت
button-google-calendar = 🗓 افزودن به تقویم گوگل
button-answer-privately = 💬 جواب در گفتگوی خصوصی
card-seats-left = { "" }
    🪑 جای خالی: { $free } از { $capacity } جای
card-seats-full = { "" }
    🪑 ظرفیت پر است: هر { $capacity } جای گرفته شده. با «می‌آیم» نام شما در فهرست انتظار می‌رود.
card-answer-with-note =
    ‏{ $answer }
    📝 یادداشت شما برای هماهنگ‌کنندگان: { $note }
card-cancelled =
    ❌ <b>این جلسه لغو شد.</b>

    ‏{ $card }
card-changed =
    ✏️ <b>تغییر در جلسه:</b> { $title }{ $time }{ $venue }{ $agenda }{ $seats }

    کارت جلسه در همین گفتگو به‌روز شد.
card-change-time = { "" }
    🗓 زمان: { $old } ← { $new }
card-change-venue = { "" }
    📍 محل: { $old } ← { $new }
card-change-agenda = { "" }
    📝 اجندا: { $old } ← { $new }
card-change-seats = { "" }
    🪑 ظرفیت: { $old } ← { $new }
card-seats-count = { $count } نفر
card-no-limit = بدون محدودیت
card-nothing = (هیچ)
rsvp-withdrawn = جواب شما پس گرفته شد.
note-ask = یک سطر برای هماهنگ‌کنندگان «{ $title }» بنویسید (حداکثر { $limit } حرف)، یا ⁦/cancel⁩ را بزنید.
note-saved = تشکر. هماهنگ‌کنندگان یادداشت شما را همراه وضعیت اشتراک می‌بینند.
note-needs-cant-go = یادداشت همراه جواب «نمی‌توانم بیایم» فرستاده می‌شود. اول ❌ نمی‌توانم بیایم را بزنید.
attendance-notes-title = 📝 یادداشت کسانی که نمی‌توانند بیایند:
attendance-note = ‏• { $name }: { $note }
