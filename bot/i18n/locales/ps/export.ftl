## Exports: /export sends coordinators the network's data as CSV files, and a meeting's calendar file

cmd-export = د شبکې معلومات د جدول فایلونو (⁦CSV⁩) په بڼه اخیستل
export-coordinators-only = یوازې همغږي کوونکي کولی شي معلومات واخلي: په دې فایلونو کې د غړو نومونه او هغه څه دي چې دوی لېږلي دي.
export-no-meeting = د { $number } شمېرې غونډه نشته چې فایلونه یې واخیستل شي. د ⁦/export⁩ په مرسته یوه وټاکئ.
export-stale-button = د فایل اخیستلو دا تڼۍ نور اعتبار نه لري. بیا ⁦/export⁩ ولېږئ.
export-menu =
    📦 <b>د معلوماتو اخیستل</b>: ⁦CSV⁩ فایلونه چې د جدول په پروګرامونو (لکه اکسل) کې پرانیستل کېږي.
    ټوله شبکه: سازمانونه، او غړي له خپلو رولونو سره.
    د { $number } شمېرې غونډه: <b>{ $title }</b>، { $when }. د بلې غونډې لپاره، لاندې د هغې تڼۍ ووهئ.
export-menu-no-meeting =
    📦 <b>د معلوماتو اخیستل</b>: ⁦CSV⁩ فایلونه چې د جدول په پروګرامونو (لکه اکسل) کې پرانیستل کېږي.
    تر اوسه هېڅ غونډه نه ده ټاکل شوې، نو دلته یوازې د ټولې شبکې فایلونه دي: سازمانونه، او غړي له خپلو رولونو سره.
button-export-organizations = 🏢 سازمانونه
button-export-members = 👥 غړي او رولونه
button-export-rsvps = ✋ بلنې ته ځوابونه
button-export-checkins = ✅ حاضري
button-export-concerns = 📝 اندېښنې
button-export-motions = 🗳 د وړاندیزونو پایلې
button-export-actions = 📌 پرېکړې او کارونه
button-export-calendar = 📅 د جنتري فایل
button-export-all = 📦 د دې غونډې ټول فایلونه
export-caption =
    ‏{ $file }: { $rows ->
        [one] یوه لیکه
       *[other] { $rows } لیکې
    }
export-caption-meeting =
    ‏{ $file } — { $title }، { $when }: { $rows ->
        [one] یوه لیکه
       *[other] { $rows } لیکې
    }
audit-export-file = د شبکې د معلوماتو فایل اخیستل
