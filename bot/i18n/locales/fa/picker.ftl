## انتخاب تاریخ، محل روی نقشه، پیش‌نمایش جلسات ماهوار، زمان فرستادن دعوت‌نامه‌ها

picker-ask-when = جلسه چه وقت است؟ یک روز را از تقویم زیر انتخاب کنید، یا تاریخ و ساعت را به { $zone } بنویسید، مثلاً <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code>، «فردا ⁦۱۴:۰۰⁩» یا «دوشنبه ⁦۱۰:۰۰⁩».
picker-month = { $month } { $year }
picker-previous = ماه قبل
picker-next = ماه بعد
picker-back = روز دیگر
picker-weekday-0 = د
picker-weekday-1 = س
picker-weekday-2 = چ
picker-weekday-3 = پ
picker-weekday-4 = ج
picker-weekday-5 = ش
picker-weekday-6 = ی
picker-day = { $day }
picker-day-gone = ·
picker-clock = { $time }
picker-ask-time = جلسه در { $day } چه ساعتی است؟
picker-chosen = زمان انتخاب‌شده: { $when }
picker-day-past = این روز گذشته است. لطفاً روز دیگری انتخاب کنید.
picker-time-past = این ساعت گذشته است. لطفاً ساعت دیرتری انتخاب کنید.
picker-date-format = «{ $text }» خوانده نشد. تاریخ و ساعت را مثل <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> یا <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code> بنویسید، یا روز را نام ببرید: «فردا ⁦۱۴:۰۰⁩»، «امروز ⁦۱۸:۳۰⁩»، «دوشنبه ⁦۱۰:۰۰⁩».
picker-ask-place = محل جلسه روی نقشه کجاست؟ موقعیت را بفرستید (📎 ← مکان) تا اعضا نقشه را همراه دعوت‌نامه دریافت کنند، یا «صرف‌نظر» را بزنید.
picker-place-not-text = لطفاً موقعیت را بفرستید (📎 ← مکان)، یا «صرف‌نظر» را بزنید.
picker-place-saved = موقعیت ثبت شد 📍 اعضا نقشه را همراه دعوت‌نامه دریافت می‌کنند.
picker-location-unexpected = اینجا موقعیت لازم نیست. لطفاً با متن جواب دهید، یا با ⁦/cancel⁩ منصرف شوید.
picker-location-invalid = این موقعیت خوانده نشد. لطفاً دوباره بفرستید، یا «صرف‌نظر» را بزنید.
picker-preview-with-place =
    { $preview }
    نقشه محل برگزاری همراه دعوت‌نامه فرستاده می‌شود 🗺
picker-scheduled =
    { $scheduled }

    { $invitations }
picker-invitations-now = دعوت‌نامه‌ها همین حالا فرستاده می‌شوند 📨
picker-invitations-on-days = دعوت‌نامه‌ها در { $when } فرستاده می‌شوند، { $days } روز پیش از جلسه 📨
picker-invitations-on-hours = دعوت‌نامه‌ها در { $when } فرستاده می‌شوند، { $hours } ساعت پیش از جلسه 📨
picker-series-preview =
    <b>لطفاً قاعده ماهوار را بررسی کنید</b>
    قاعده: { $rule }
    عنوان: { $title }
    محل: { $venue }

    سه جلسه بعدی:
    ‏• { $first }
    ‏• { $second }
    ‏• { $third }

    تا وقتی آن را شروع نکنید، چیزی ساخته نمی‌شود.
picker-button-start-series = ✅ شروع جلسات ماهوار
