## Broadcasts: /broadcast, a coordinator's notice to an audience

cmd-broadcast = ټولو ته، یا د شبکې یوې برخې ته یو پیغام لېږل
broadcast-ask =
    📢 پیغام څه دی؟ د متن (تر { $limit } تورو پورې)، یا د تشریح لرونکي انځور یا فایل (تر { $caption_limit } تورو پورې) په بڼه یې ولېږئ.
    وروسته به وټاکئ چې څوک یې ترلاسه کړي، او د لېږلو مخکې به یې وګورئ. د ⁦/cancel⁩ په مرسته یې ودروئ.
broadcast-send-kinds = مهرباني وکړئ پیغام د متن، یا د تشریح لرونکي انځور یا فایل په بڼه ولېږئ. غږیز پیغام، سټیکر او ویډیو نه منل کېږي. د ⁦/cancel⁩ په مرسته یې ودروئ.
broadcast-use-buttons = مهرباني وکړئ له پورته تڼیو څخه یوه وټاکئ، یا د ⁦/cancel⁩ په مرسته یې ودروئ.
broadcast-empty = پیغام تش دی. مهرباني وکړئ ولیکئ چې غړو ته څه وایاست، یا د ⁦/cancel⁩ په مرسته یې ودروئ.
broadcast-too-long = ستاسو پیغام { $length } توري لري، او یو پیغام تر { $limit } تورو زیات نه شي اخیستلای. پیغام نه وېشل کېږي: مهرباني وکړئ لنډ یې کړئ، یا یې په دوو جلا پیغامونو کې ولېږئ.
broadcast-caption-too-long = تشریح { $length } توري لري، او تشریح تر { $limit } تورو زیات نه شي اخیستلای. نه وېشل کېږي: مهرباني وکړئ لنډه یې کړئ، یا متن د یو جلا پیغام په بڼه ولېږئ.
broadcast-ask-audience =
    څوک یې ترلاسه کړي؟
    { $meeting }
broadcast-meeting-line = «راځي»، «کېدای شي»، «تر اوسه یې ځواب نه دی ورکړی» او «حاضر شوي» د { $title } غونډې په اړه دي چې په { $when } ده.
broadcast-no-meeting-line = هېڅ غونډه نه روانه ده او نه ټاکل شوې، نو ځوابونه او حاضري نه شي ټاکل کېدای.
button-broadcast-everyone = 👥 ټول
button-broadcast-admins = 🛡 د سازمانونو مدیران
button-broadcast-delegates = 🎙 استازي
button-broadcast-going = ✅ راځي
button-broadcast-maybe = 🤔 کېدای شي
button-broadcast-no_answer = ⏳ تر اوسه یې ځواب نه دی ورکړی
button-broadcast-checked_in = 📍 حاضر شوي
button-broadcast-organization = 🏢 یو سازمان…
button-broadcast-back = ‹ شاته
button-broadcast-send = 📤 ولېږئ
broadcast-pick-organization = د کوم سازمان غړي یې ترلاسه کړي؟ (پاڼه { $page } له { $pages } څخه)
broadcast-to-everyone = د شبکې ټول غړي
broadcast-to-admins = د ټولو سازمانونو مدیران
broadcast-to-delegates = د ټولو سازمانونو استازي
broadcast-to-going = هغه کسان چې { $title } غونډې ته راځي
broadcast-to-maybe = هغه کسان چې د { $title } غونډې لپاره یې «کېدای شي» ځواب ورکړی
broadcast-to-no_answer = هغه کسان چې د { $title } غونډې لپاره یې تر اوسه ځواب نه دی ورکړی
broadcast-to-checked_in = هغه کسان چې په { $title } غونډه کې حاضر شوي
broadcast-to-organization = د { $org } سازمان غړي
broadcast-audience-chosen = ترلاسه کوونکي: { $audience }
broadcast-preview =
    👆 ترلاسه کوونکي به پیغام همداسې ګوري.
    ترلاسه کوونکي: { $audience }
    { $count ->
        [one] یو کس ته ځي.
       *[other] { $count } کسانو ته ځي.
    }
    اوس ولېږل شي؟
broadcast-nobody = اوس په دې ډله کې هېڅوک نشته، نو پیغام هېچا ته نه لېږل کېږي. مهرباني وکړئ بله ډله وټاکئ.
broadcast-no-meeting = هېڅ غونډه نه روانه ده او نه ټاکل شوې، نو د ټاکلو لپاره ځوابونه یا حاضري نشته. مهرباني وکړئ بله ډله وټاکئ.
broadcast-was-cancelled = دا پیغام لغوه شوی و، او هېڅ شی ونه لېږل شو. د ⁦/broadcast⁩ په مرسته بیا پیل وکړئ.
broadcast-already-sent = دا پیغام د لېږلو په حال کې دی؛ یوازې یو ځل لېږل کېږي.
broadcast-cancelled = لغوه شو. پیغام ونه لېږل شو.
broadcast-notice =
    📢 د شبکې د همغږي کوونکو له خوا:
    { $notice }
broadcast-notice-bare = 📢 د شبکې د همغږي کوونکو له خوا
broadcast-progress = 📤 پیغام لېږل کېږي: { $done } له { $total } څخه بشپړ شول.
broadcast-report =
    ✅ پیغام { $total ->
        [one] یو کس
       *[other] { $total } کسانو
    } ته ولېږل شو.
    ورسېد: { $delivered }
    لاسرسی نه و (روبوټ یې بند کړی، یا یې هېڅکله نه دی پیل کړی): { $unreachable }
    ناکام: { $failed }
    { $skipped }
broadcast-report-skipped = ونه لېږل شو، ځکه چې نور په ډله کې نه دي: { $count }
