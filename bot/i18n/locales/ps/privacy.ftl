## ستاسو خپل معلومات: لیدل، پاکول، او له یوه سازمان څخه وتل

cmd-mydata = هغه څه وګورئ چې روبوټ ستاسو په اړه ساتي
cmd-forgetme = له روبوټ څخه د خپلو معلوماتو پاکول
cmd-leave = له یوه سازمان څخه وتل

mydata =
    <b>هغه څه چې شورا ستاسو په اړه ساتي</b> ({ $part })
    { $lines }
mydata-section-telegram = <b>تاسو، لکه څنګه چې ټېلیګرام روبوټ ته ویلي</b>
mydata-name = نوم: { $name }
mydata-username = کارن نوم: { $username }
mydata-user-id = د ټېلیګرام پېژند شمېره: { $id }
mydata-language = ژبه: { $language }
mydata-language-unset = لا نه ده ټاکل شوې
mydata-since = روبوټ ته لومړی پیغام: { $when }
mydata-reachable-yes = پیغامونه تاسو ته رسېږي: هو
mydata-reachable-no = پیغامونه تاسو ته نه رسېږي: تاسو «د نه رسېدو وړ» ثبت شوي یاست (روبوټ بند شوی، یا هېڅکله نه دی پیل شوی). روبوټ ته په لیکلو سره دا حالت لرې کېږي.
mydata-coordinator = تاسو د شبکې همغږي کوونکی یاست.
mydata-section-memberships = <b>ستاسو سازمانونه</b>
mydata-membership = • سازمان { $name } — { $role } (حالت: { $status })، له { $when } راهیسې
mydata-section-registered = <b>هغه سازمانونه چې تاسو ثبت کړي</b>
mydata-registered = • سازمان { $name } (حالت: { $status })، د ثبت نېټه: { $when }
mydata-section-answers = <b>غونډو ته ستاسو ځوابونه</b>
mydata-answer = • غونډه { $title }، { $when }: { $answer }
mydata-waitlisted = ⏳ د انتظار په لړلیک کې
mydata-section-concerns = <b>هغه اندېښنې چې تاسو وړاندې کړې</b>
mydata-concern = • اندېښنه #{ $number }: { $status }، { $privacy }
mydata-section-ballots = <b>ستاسو رایې</b>
mydata-ballot = • د { $question } په اړه ستاسو رایه: { $choice }، { $when }
mydata-ballot-proxy = • د { $question } په اړه ستاسو رایه: { $choice }، { $when } (همغږي کوونکي ستاسو پر ځای ثبت کړه)
mydata-section-dialog = <b>هغه خبرې اترې چې تاسو نه دي بشپړې کړې</b>
mydata-dialog = نیمګړی کار: { $flow }، وروستی ځواب په { $when }. هغه څه چې تر اوسه مو لیکلي: { $answers }
mydata-flow-register = د سازمان ثبتول
mydata-flow-reject = د یوې غوښتنې د ردولو دلیل
mydata-flow-newmeeting = د غونډې ټاکل
mydata-flow-editmeeting = د غونډې بدلول
mydata-flow-series = د میاشتنیو غونډو مهالوېش
mydata-section-outbox = <b>هغه پیغامونه چې تاسو ته د لېږلو په تمه دي</b>
mydata-outbox-kind = • { $kind }: شمېر { $count }
mydata-kind-invitation = بلنې
mydata-kind-reminder = یادونې
mydata-kind-nudge = د ځواب لپاره یادونې
mydata-kind-update = د غونډې بدلونونه
mydata-kind-cancellation = د غونډې لغوه کېدل
mydata-kind-promotion = د انتظار له لړلیک څخه ځای
mydata-kind-notice = خبرتیاوې
mydata-outbox-handled = هغه پیغامونه چې تاسو ته لېږل شوي او د رسولو د ثبت لپاره ساتل کېږي: { $count }. د هغوی متن له لېږلو { $period } وروسته پاکېږي.
privacy-days = { $count ->
    [one] یوه ورځ
   *[other] { $n } ورځې
}
privacy-hours = { $count ->
    [one] یو ساعت
   *[other] { $n } ساعته
}
mydata-section-actions = <b>ستاسو کارونه، لکه څنګه چې د کارونو په ثبت کې راغلي</b>
mydata-action = • { $action }: شمېر { $count }
audit-org-registered = د سازمان ثبتول
audit-org-approved = د سازمان تاییدول
audit-org-rejected = د غوښتنې ردول
audit-member-joined = سازمان ته ورګډېدل
audit-member-left = له سازمان څخه وتل
audit-member-removed = د غړي لرې کول
audit-member-delegate = د استازي ټاکل
audit-member-admin = د غړي مدیر ټاکل
audit-member-unadmin = د مدیر رول بېرته اخیستل
audit-invite-revoked = د بلنې لینک بدلول
audit-coordinator-promoted = یو څوک همغږي کوونکی ټاکل
audit-coordinator-demoted = د همغږي کوونکي رول بېرته اخیستل
audit-group-bound = د همغږۍ ګروپ ټاکل
audit-meeting-scheduled = د غونډې ټاکل
audit-meeting-edited = د غونډې بدلول
audit-meeting-cancelled = د غونډې لغوه کول
audit-series-started = د میاشتنیو غونډو پیل
audit-series-stopped = د میاشتنیو غونډو بندول
mydata-nothing = (هېڅ)
mydata-footer = دا یوازې تاسو وینئ. د ⁦/leave⁩ په مرسته له یوه سازمان څخه ووځئ؛ د ⁦/forgetme⁩ په مرسته خپل معلومات پاک کړئ.

forget-ask =
    <b>ستاسو معلومات پاک شي؟</b>
    روبوټ ستاسو نوم، کارن نوم، د ټېلیګرام پېژند شمېره او ژبه، ستاسو غړیتوبونه، غونډو ته ستاسو ځوابونه (ستاسو ځای هغو کسانو ته ورکول کېږي چې په انتظار کې دي)، نیمګړې خبرې اترې، هغه پیغامونه چې تاسو ته د لېږلو په تمه دي، او هغه غوښتنې چې هېڅکله نه دي تایید شوې پاکوي.
    هغه څه چې شبکې ته لا اړین دي، ستاسو له نوم پرته پاتې کېږي: هغه سازمانونه چې تاسو ثبت کړي او تایید شوي، د بلنې لینکونه، هغه غونډې او د همغږۍ ګروپ چې تاسو جوړ کړي، او ستاسو د کارونو ثبت.
    هغه فایلونه چې همغږي کوونکو مخکې اخیستي (د غړو لړلیک، ځوابونه، حاضري) له روبوټ څخه بهر دي او نه پاکېږي.
    دا کار بېرته نه شي اړول کېدای.
button-forget-confirm = 🗑 زما معلومات پاک کړئ
button-forget-keep = زما معلومات وساتئ
forget-cancelled = هېڅ شی پاک نه شو.
forget-done = ستاسو معلومات پاک شول. که بیا روبوټ ته ولیکئ، د یوه نوي کس په توګه له سره پیل کوئ. د دې خبرو اترو پیغامونه لا ستاسو په تلیفون کې دي؛ د لرې کولو لپاره یې دا خبرې اترې ړنګې کړئ.
forget-sole-admin = تاسو د { $names } یوازینی مدیر یاست. لومړی بل غړی (په ⁦/members⁩ کې) مدیر وټاکئ، که نه سازمان به بې مدیره پاتې شي؛ وروسته ⁦/forgetme⁩ بیا ولېږئ.

leave-none = تاسو د هېڅ سازمان غړی نه یاست.
leave-pick = له کوم سازمان څخه وتل غواړئ؟
leave-ask = له <b>{ $name }</b> څخه وځئ؟{ $note }
leave-ask-network = دا ستاسو وروستی سازمان دی: نور به د شبکې غونډو ته بلنه نه ترلاسه کوئ، او راتلونکو غونډو ته ستاسو ځوابونه به بېرته واخیستل شي (ستاسو ځای هغو کسانو ته ورکول کېږي چې په انتظار کې دي).
button-leave-confirm = وتل
button-leave-stay = پاتې کېدل
leave-cancelled = تاسو پاتې یاست. هېڅ بدلون رانغی.
leave-done = تاسو له { $name } څخه ووتلئ.{ $note }
leave-done-network = تاسو نور په شبکه کې نه یاست: راتلونکو غونډو ته ستاسو ځوابونه بېرته واخیستل شول.
leave-done-seats = ستاسو ځای د انتظار په لړلیک کې راتلونکو کسانو ته ورکړل شو: { $titles }
leave-last-admin = تاسو د { $name } وروستی مدیر یاست، نو له هغه څخه نه شئ وتلای. لومړی بل غړی (په ⁦/members⁩ کې) مدیر وټاکئ، بیا ووځئ.
