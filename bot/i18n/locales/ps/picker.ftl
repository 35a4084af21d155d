## د نېټې ټاکل، په نقشه کې ځای، د میاشتنیو غونډو مخکتنه، د بلنو د لېږلو وخت

picker-ask-when = غونډه کله ده؟ له لاندې جنتري څخه یوه ورځ وټاکئ، یا نېټه او وخت ({ $zone }) ولیکئ، لکه <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code>، «سبا ⁦۱۴:۰۰⁩» یا «دوشنبه ⁦۱۰:۰۰⁩».
picker-month = { $month } { $year }
picker-previous = تېره میاشت
picker-next = بله میاشت
picker-back = بله ورځ
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
picker-ask-time = غونډه د { $day } په کوم وخت ده؟
picker-chosen = ټاکل شوی وخت: { $when }
picker-day-past = دا ورځ تېره شوې ده. مهرباني وکړئ بله ورځ وټاکئ.
picker-time-past = دا وخت تېر شوی دی. مهرباني وکړئ وروسته وخت وټاکئ.
picker-date-format = «{ $text }» ونه لوستل شو. نېټه او وخت داسې ولیکئ: <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> یا <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code>، یا ورځ ونوموئ: «سبا ⁦۱۴:۰۰⁩»، «نن ⁦۱۸:۳۰⁩»، «دوشنبه ⁦۱۰:۰۰⁩».
picker-ask-place = دا ځای په نقشه کې چېرته دی؟ موقعیت یې ولېږئ (📎 ← موقعیت) چې غړي یې له بلنې سره نقشه ترلاسه کړي، یا «پرېښودل» کېکاږئ.
picker-place-not-text = مهرباني وکړئ موقعیت ولېږئ (📎 ← موقعیت)، یا «پرېښودل» کېکاږئ.
picker-place-saved = موقعیت خوندي شو 📍 غړي به له بلنې سره نقشه ترلاسه کړي.
picker-location-unexpected = دلته موقعیت ته اړتیا نشته. مهرباني وکړئ په متن ځواب ورکړئ، یا د ⁦/cancel⁩ په مرسته یې بند کړئ.
picker-location-invalid = دا موقعیت ونه لوستل شو. مهرباني وکړئ بیا یې ولېږئ، یا «پرېښودل» کېکاږئ.
picker-preview-with-place =
    { $preview }
    د غونډې د ځای نقشه به له بلنې سره ولېږل شي 🗺
picker-scheduled =
    { $scheduled }

    { $invitations }
picker-invitations-now = بلنې همدا اوس لېږل کېږي 📨
picker-invitations-on-days = بلنې به په { $when } ولېږل شي، له غونډې { $days ->
    [one] یوه ورځ
   *[other] { $days } ورځې
} مخکې 📨
picker-invitations-on-hours = بلنې به په { $when } ولېږل شي، له غونډې { $hours ->
    [one] یو ساعت
   *[other] { $hours } ساعته
} مخکې 📨
picker-series-preview =
    <b>مهرباني وکړئ میاشتنی قاعده وګورئ</b>
    قاعده: { $rule }
    سرلیک: { $title }
    ځای: { $venue }

    راتلونکې درې غونډې:
    ‏• { $first }
    ‏• { $second }
    ‏• { $third }

    تر هغه چې پیل یې نه کړئ، هېڅ شی نه جوړېږي.
picker-button-start-series = ✅ میاشتنۍ غونډې پیل کړئ
