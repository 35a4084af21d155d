## Broadcasts: /broadcast, a coordinator's notice to an audience

cmd-broadcast = فرستادن یک پیام به همه، یا به بخشی از شبکه
broadcast-ask =
    📢 پیام چیست؟ آن را به شکل متن (تا { $limit } حرف)، یا عکس یا فایل همراه با توضیح (تا { $caption_limit } حرف) بفرستید.
    پس از آن انتخاب می‌کنید چه کسانی آن را دریافت کنند، و پیش از فرستادن آن را می‌بینید. با ⁦/cancel⁩ متوقف کنید.
broadcast-send-kinds = لطفاً پیام را به شکل متن، یا عکس یا فایل همراه با توضیح بفرستید. پیام صوتی، استیکر و ویدیو پذیرفته نمی‌شود. با ⁦/cancel⁩ متوقف کنید.
broadcast-use-buttons = لطفاً با دکمه‌های بالا انتخاب کنید، یا با ⁦/cancel⁩ متوقف کنید.
broadcast-empty = پیام خالی است. لطفاً بنویسید که می‌خواهید به اعضا چه بگویید، یا با ⁦/cancel⁩ متوقف کنید.
broadcast-too-long = پیام شما { $length } حرف دارد و یک پیام حداکثر { $limit } حرف را می‌گیرد. پیام تقسیم نمی‌شود: لطفاً آن را کوتاه کنید، یا آن را در دو پیام جداگانه بفرستید.
broadcast-caption-too-long = توضیح { $length } حرف دارد و توضیح حداکثر { $limit } حرف را می‌گیرد. تقسیم نمی‌شود: لطفاً آن را کوتاه کنید، یا متن را به شکل یک پیام جداگانه بفرستید.
broadcast-ask-audience =
    چه کسانی آن را دریافت کنند؟
    { $meeting }
broadcast-meeting-line = «می‌آیند»، «شاید»، «هنوز جواب نداده‌اند» و «حاضر شده‌اند» مربوط به جلسه { $title } در { $when } است.
broadcast-no-meeting-line = هیچ جلسه‌ای در جریان یا در برنامه نیست، پس جواب‌ها و حاضری را نمی‌توان انتخاب کرد.
button-broadcast-everyone = 👥 همه
button-broadcast-admins = 🛡 مدیران نهادها
button-broadcast-delegates = 🎙 نمایندگان
button-broadcast-going = ✅ می‌آیند
button-broadcast-maybe = 🤔 شاید
button-broadcast-no_answer = ⏳ هنوز جواب نداده‌اند
button-broadcast-checked_in = 📍 حاضر شده‌اند
button-broadcast-organization = 🏢 یک نهاد…
button-broadcast-back = ‹ برگشت
button-broadcast-send = 📤 فرستادن
broadcast-pick-organization = اعضای کدام نهاد آن را دریافت کنند؟ (صفحه { $page } از { $pages })
broadcast-to-everyone = همه اعضای شبکه
broadcast-to-admins = مدیران همه نهادها
broadcast-to-delegates = نمایندگان همه نهادها
broadcast-to-going = کسانی که به جلسه { $title } می‌آیند
broadcast-to-maybe = کسانی که برای جلسه { $title } «شاید» جواب داده‌اند
broadcast-to-no_answer = کسانی که برای جلسه { $title } هنوز جواب نداده‌اند
broadcast-to-checked_in = کسانی که در جلسه { $title } حاضر شده‌اند
broadcast-to-organization = اعضای نهاد { $org }
broadcast-audience-chosen = گیرندگان: { $audience }
broadcast-preview =
    👆 گیرندگان پیام را همین‌طور می‌بینند.
    گیرندگان: { $audience }
    تعداد: { $count } نفر
    اکنون فرستاده شود؟
broadcast-nobody = اکنون در این گروه گیرندگان هیچ کسی نیست، پس پیام به کسی فرستاده نمی‌شود. لطفاً گروه دیگری را انتخاب کنید.
broadcast-no-meeting = هیچ جلسه‌ای در جریان یا در برنامه نیست، پس جواب یا حاضری برای انتخاب وجود ندارد. لطفاً گروه دیگری را انتخاب کنید.
broadcast-was-cancelled = این پیام لغو شده بود و چیزی فرستاده نشد. با ⁦/broadcast⁩ دوباره شروع کنید.
broadcast-already-sent = این پیام در حال فرستادن است؛ فقط یک بار فرستاده می‌شود.
broadcast-cancelled = لغو شد. پیام فرستاده نشد.
broadcast-notice =
    📢 از طرف هماهنگ‌کنندگان شبکه:
    { $notice }
broadcast-notice-bare = 📢 از طرف هماهنگ‌کنندگان شبکه
broadcast-progress = 📤 در حال فرستادن پیام: { $done } از { $total } انجام شد.
broadcast-report =
    ✅ پیام برای { $total } نفر فرستاده شد.
    رسیده: { $delivered }
    در دسترس نبودند (ربات را مسدود کرده‌اند یا هرگز آن را شروع نکرده‌اند): { $unreachable }
    ناموفق: { $failed }
    { $skipped }
broadcast-report-skipped = فرستاده نشد، چون دیگر در گروه گیرندگان نیستند: { $count }
