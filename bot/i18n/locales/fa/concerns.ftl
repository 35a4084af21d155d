## Concerns: sending one, the decision on it, and the coordinators' daily count

concern-text-empty = نگرانی خالی است. لطفاً بنویسید که جلسه به چه چیزی بپردازد.
concern-text-too-long = نگرانی شما { $length } حرف دارد؛ لطفاً آن را در { $limit } حرف بنویسید.
concern-media-missing = آن پیام صوتی یا عکس نرسید. لطفاً دوباره بفرستید.
concern-reason-empty = لطفاً دلیل را بنویسید؛ به فرستنده اطلاع داده می‌شود.
concern-reason-too-long = دلیل { $length } حرف دارد؛ لطفاً آن را در { $limit } حرف بنویسید.
concern-decided-approved = ✅ نگرانی شماره { $number } شما تأیید شد: اعضا اکنون می‌توانند در اجندا به آن رأی بدهند.
concern-decided-rejected =
    نگرانی شماره { $number } شما پذیرفته نشد.
    دلیل: { $reason }
concern-decided-merged =
    🔗 نگرانی شماره { $number } شما با نگرانی شماره { $target } که همان موضوع را مطرح می‌کند یکجا شد: { $about }
    رأی‌های نگرانی شما در آنجا شمرده می‌شود.
concern-merged-into-quote = «{ $text }» که در اجندا آمده است.
concern-merged-into-voice = یک پیام صوتی که در اجندا آمده است.
concern-merged-into-photo = یک عکس که در اجندا آمده است.
concern-merged-into-waiting = آن نگرانی هنوز در انتظار تصمیم است؛ اگر تأیید شود، آن را در اجندا (⁦/agenda⁩) می‌بینید.
concern-digest = 📥 { $count } نگرانی در انتظار تصمیم است. با ⁦/review⁩ آن‌ها را ببینید.

## Concerns: /concern, /myconcerns and /review

cmd-concern = مطرح کردن یک نگرانی برای جلسه بعدی (با نام یا بی‌نام)
cmd-myconcerns = نگرانی‌های شما و تصمیم‌ها درباره آن‌ها
cmd-review = تصمیم‌گیری درباره نگرانی‌هایی که اعضا فرستاده‌اند
concern-ask =
    📝 جلسه به چه چیزی بپردازد؟ آن را به شکل متن (تا { $limit } حرف)، پیام صوتی یا عکس با توضیح بفرستید.
    پس از آن انتخاب می‌کنید که هماهنگ‌کنندگان نام شما را ببینند یا نه. با ⁦/cancel⁩ متوقف کنید.
concern-send-kinds = لطفاً نگرانی خود را به شکل متن، پیام صوتی یا عکس با توضیح بفرستید. استیکر، ویدیو و فایل پذیرفته نمی‌شود. با ⁦/cancel⁩ متوقف کنید.
concern-use-buttons = لطفاً با دکمه‌ها انتخاب کنید، یا با ⁦/cancel⁩ متوقف کنید.
concern-ask-topic = موضوع آن چیست؟
concern-topic-coordination = هماهنگی
concern-topic-security = امنیت
concern-topic-funding = تمویل مالی
concern-topic-media = رسانه و افکار عامه
concern-topic-capacity = ظرفیت‌سازی
concern-topic-other = دیگر
concern-topic-chosen = موضوع: { $topic }
concern-ask-privacy =
    آیا هماهنگ‌کنندگان نام شما را ببینند؟

    👤 با نام: هماهنگ‌کنندگان نام شما را همراه با نگرانی می‌بینند.
    🕶 بی‌نام: هماهنگ‌کنندگان هرگز نمی‌بینند چه کسی آن را فرستاده است، و هیچ فهرست، اجندا یا سابقه‌ای آن را نشان نمی‌دهد. ربات پیوند آن با شما را فقط برای نشان دادن نگرانی در ⁦/myconcerns⁩ و خبر دادن تصمیم به شما نگه می‌دارد، و این پیوند را پس از جلسه پاک می‌کند.
    بی‌نام بودن فرستنده را پنهان می‌کند، نه محتوا را: { $warning }
concern-privacy-text = کسانی که شیوه نوشتن شما یا جزئیاتی را که می‌نویسید می‌شناسند، شاید باز هم حدس بزنند.
concern-privacy-voice = پیام صوتی صدای شما را دارد و کسانی که شما را می‌شناسند می‌توانند آن را بشناسند.
concern-privacy-photo = عکس شاید نشان دهد چه کسی یا از کجا آن را گرفته است (چهره، کاغذ، اتاق، کوچه).
button-concern-named = 👤 با نام
button-concern-anonymous = 🕶 بی‌نام
concern-is-named = 👤 با نام: هماهنگ‌کنندگان نام شما را می‌بینند.
concern-is-anonymous = 🕶 بی‌نام: هماهنگ‌کنندگان نمی‌بینند چه کسی آن را فرستاده است.
concern-confirm-anonymous =
    🕶 بی‌نام: هماهنگ‌کنندگان هرگز نمی‌بینند چه کسی آن را فرستاده است، و هیچ فهرست، اجندا یا سابقه‌ای آن را نشان نمی‌دهد.
    بی‌نام بودن فرستنده را پنهان می‌کند، نه محتوا را: { $warning }
concern-content-text = متن: { $text }
concern-content-voice = 🎤 پیام صوتی. توضیح: { $caption }
concern-content-photo = 🖼 عکس. توضیح: { $caption }
concern-confirm =
    نگرانی شما:
    { $content }
    موضوع: { $topic }
    { $privacy }

    فرستاده شود؟
concern-sent = 📨 فرستاده شد. شماره نگرانی شما #{ $number } است. ⁦/myconcerns⁩ آن و تصمیم درباره آن را نشان می‌دهد.
concern-named = با نام
concern-anonymous = بی‌نام
concern-status-submitted = در انتظار تصمیم
concern-status-approved = تأیید شد
concern-status-merged = یکجا شد
concern-status-merged-into = با شماره { $target } یکجا شد
concern-status-rejected = پذیرفته نشد
myconcerns =
    نگرانی‌های شما:
    { $lines }
myconcerns-line = نگرانی #{ $number } · { $topic } · { $privacy } · { $status }: { $content }
myconcerns-empty = شما هنوز نگرانی‌ای مطرح نکرده‌اید. با ⁦/concern⁩ یکی مطرح کنید.
review-empty = هیچ نگرانی‌ای در انتظار تصمیم نیست.
review-anonymous = 🕶 بی‌نام
review-named = 👤 با نام: { $name }
review-caption = نگرانی شماره { $number }
review-card =
    📥 نگرانی شماره { $number } · { $topic }
    فرستنده: { $sender }
    { $content }
review-more = نگرانی‌های بیشتری در انتظار است.
button-concern-merge = 🔗 یکجا کردن
review-approved-done = ✅ نگرانی شماره { $number } تأیید شد؛ اعضا می‌توانند در اجندا به آن رأی بدهند.
review-ask-reason = چرا نگرانی شماره { $number } پذیرفته نمی‌شود؟ یک سطر بنویسید؛ به فرستنده گفته می‌شود. با ⁦/cancel⁩ متوقف کنید.
review-rejected-done = ❌ نگرانی شماره { $number } پذیرفته نشد؛ دلیل به فرستنده گفته می‌شود.
review-already-decided = درباره نگرانی شماره { $number } پیش‌تر تصمیم گرفته شده است ({ $status }). چیزی تغییر نکرد.
review-merge-pick = نگرانی شماره { $number } با کدام نگرانی یکجا شود؟
review-merge-none = نگرانی دیگری از همین جلسه نیست که شماره { $number } با آن یکجا شود.
review-merge-target = نگرانی #{ $number } { $text }
review-merged-done = 🔗 نگرانی شماره { $number } با شماره { $target } یکجا شد.

## /help: what anonymous protects and what it does not

help-anonymity =
    { $help }

    🕶 <b>نگرانی بی‌نام</b>: وقتی نگرانی‌ای را با ⁦/concern⁩ می‌فرستید و «بی‌نام» را انتخاب می‌کنید، هماهنگ‌کنندگان هرگز نمی‌بینند چه کسی آن را فرستاده است، و هیچ فهرست، اجندا، فایل خروجی یا سابقه‌ای آن را نشان نمی‌دهد. ربات پیوند آن با شما را فقط برای ⁦/myconcerns⁩ و خبر دادن تصمیم به شما نگه می‌دارد، و آن را پس از جلسه پاک می‌کند.
    بی‌نام بودن آنچه را می‌فرستید پنهان نمی‌کند: پیام صوتی صدای شما را دارد؛ عکس شاید نشان دهد چه کسی یا از کجا آن را گرفته است (چهره، کاغذ، اتاق، کوچه)؛ شیوه نوشتن شما یا جزئیاتی که می‌نویسید می‌تواند شما را بشناساند.
