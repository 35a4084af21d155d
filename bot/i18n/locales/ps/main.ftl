# Shura — Pashto (ps) messages.
# Messages are Telegram HTML: only <b>, <i>, <u>, <s>, <code>, <pre>, <a href>, <blockquote>.
# Every { $placeholder } is filled in by the bot; text people typed arrives already escaped.

## Roles, kinds and statuses (used inside other messages)

role-member = غړی
role-admin = مدیر
role-delegate = استازی
role-admin-delegate = مدیر او استازی
kind-ngo = نادولتي موسسه
kind-media = رسنۍ
kind-university = پوهنتون یا د محصلینو ډله
kind-union = اتحادیه یا شبکه
kind-other = نور
status-pending = د تایید په تمه
status-approved = تایید شوی
status-rejected = رد شوی
status-suspended = تعلیق شوی

## Commands (shown in Telegram's command menu and in /help; plain text)

cmd-start = پیل، یا وګورئ چې څه کولی شئ
cmd-help = هغه کمانډونه چې کارولی یې شئ
cmd-language = ژبه بدلول
cmd-myorgs = ستاسو سازمانونه
cmd-orgs = د شبکې سازمانونه
cmd-join = د بلنې په کوډ سازمان ته ورګډېدل
cmd-register = خپل سازمان ثبتول
cmd-cancel = روان کار بندول
cmd-invite = ستاسو د سازمان د بلنې لینک
cmd-members = د خپل سازمان د غړو اداره کول
cmd-pending = هغه سازمانونه چې د تایید په تمه دي
cmd-promote = یو څوک همغږي کوونکی ټاکل
cmd-demote = د همغږي کوونکي رول بېرته اخیستل
cmd-bindgroup = دا ګروپ د همغږۍ ګروپ ټاکل

## Buttons (plain text)

button-approve = ✅ تایید
button-reject = ❌ رد
button-skip = پرېښودل
button-submit = ✅ لېږل
button-cancel = لغوه
button-revoke-invite = 🔄 نوی لینک (زوړ به کار نه کوي)
button-make-delegate = استازی یې کړئ
button-make-admin = مدیر یې کړئ
button-remove-admin = د مدیر رول لرې کول
button-remove-member = له سازمان څخه ایستل
button-confirm-remove = هو، لرې یې کړئ
button-back = ‹ شاته

## Start, language, help

language-choose = Choose your language · زبان خود را انتخاب کنید · خپله ژبه وټاکئ
language-set = ژبه په پښتو واړول شوه.
welcome =
    سلام { $name }! زه شورا یم، ستاسو د شبکې د میاشتنۍ همغږۍ غونډې مرستندوی.

    { $intro }

    د ⁦/help⁩ په مرسته ټول هغه کارونه وګورئ چې کولی یې شئ.
welcome-newcomer = د ګډون لپاره، د هغه لینک له لارې خپل سازمان ته ورګډ شئ چې ستاسو د سازمان مدیر یې درکوي (یا کوډ له ⁦/join⁩ سره ولېږئ)، یا د ⁦/register⁩ په مرسته نوی سازمان ثبت کړئ.
welcome-member = تاسو د شبکې د یوه سازمان غړی یاست. ⁦/myorgs⁩ ستاسو سازمانونه ښيي.
welcome-admin = تاسو د یوه سازمان مدیر یاست: ⁦/invite⁩ تاسو ته د هغه د بلنې لینک درکوي او د ⁦/members⁩ په مرسته یې غړي اداره کولی شئ.
welcome-coordinator = تاسو همغږي کوونکی یاست: سازمانونه تاییدوئ (⁦/pending⁩) او د شبکې غونډې پرمخ وړئ.
help =
    <b>تاسو څه کولی شئ</b>
    { $commands }
cancel-done = لغوه شو. هېڅ شی خوندي نه شو.
cancel-nothing = د لغوه کولو لپاره هېڅ شی نشته.

## Registering an organization

register-ask-name = ستاسو د سازمان نوم څه دی؟ (تر { $limit } تورو پورې؛ د بندولو لپاره ⁦/cancel⁩ ولېږئ)
register-name-taken = د «{ $name }» په نوم یو سازمان مخکې ثبت شوی دی. که ستاسو وي، له مدیر څخه یې د بلنې لینک وغواړئ؛ که نه، بل نوم وټاکئ.
register-ask-kind = ستاسو سازمان کوم ډول دی؟
register-use-buttons = مهرباني وکړئ له پورته تڼیو څخه یوه وټاکئ، یا د بندولو لپاره ⁦/cancel⁩ ولېږئ.
register-kind-chosen = ډول: { $kind }
register-ask-province = سازمان په کوم ولایت کې دی؟ (تر { $limit } تورو پورې)
register-ask-district = په کومه ولسوالۍ کې؟
register-ask-focus = په یوه کرښه کې ولیکئ: ستاسو سازمان په کومه برخه کې کار کوي؟ (تر { $limit } تورو پورې)
register-ask-contact = د همغږي کوونکو لپاره د اړیکې یوه لار ولیکئ (د تلیفون شمېره، ایمیل یا ویب‌پاڼه)، تر { $limit } تورو پورې؛ یا د «پرېښودل» تڼۍ کېکاږئ.
register-contact-skipped = د اړیکې لار ورنه کړل شوه.
register-summary =
    <b>مهرباني وکړئ خپله غوښتنه وګورئ</b>
    نوم: { $name }
    ډول: { $kind }
    ولایت: { $province }
    ولسوالۍ: { $district }
    د کار برخه: { $focus }
    اړیکه: { $contact }
register-submitted = د <b>{ $name }</b> لپاره ستاسو غوښتنه همغږي کوونکو ته ولېږل شوه. کله چې پرېکړه وکړي، تاسو ته به خبر درکړم.

## Coordinators deciding

org-review =
    <b>نوی سازمان د تایید په تمه</b>
    نوم: { $name }
    ډول: { $kind }
    ولایت: { $province }
    ولسوالۍ: { $district }
    د کار برخه: { $focus }
    اړیکه: { $contact }
    ثبت کوونکی: { $registrant } ({ $username })
pending-none = هېڅ سازمان د تایید په تمه نه دی.
pending-count = { $count ->
    [one] یو سازمان د تایید په تمه دی:
   *[other] { $count } سازمانونه د تایید په تمه دي:
}
org-approved-done = ✅ تاسو <b>{ $name }</b> تایید کړ.
org-approved = 🎉 <b>{ $name }</b> تایید شو! تاسو یې مدیر یاست. ⁦/invite⁩ ولېږئ ترڅو هغه لینک ترلاسه کړئ چې غړي پرې ورګډېږي.
org-ask-reason = <b>{ $name }</b> ولې ردېږي؟ دلیل په یوه پیغام کې ولیکئ؛ ثبت کوونکی به یې ولولي. (د بندولو لپاره ⁦/cancel⁩ ولېږئ)
org-rejected-done = ❌ تاسو <b>{ $name }</b> رد کړ. ثبت کوونکي ته دلیل وویل شو.
org-rejected =
    د <b>{ $name }</b> لپاره ستاسو غوښتنه تایید نه شوه.
    دلیل: { $reason }
    تاسو کولی شئ سمه یې کړئ او د ⁦/register⁩ په مرسته بیا غوښتنه وکړئ.
org-already-decided = د { $name } په اړه مخکې پرېکړه شوې ده: { $status }.

## Invites and members

pick-organization = کوم سازمان؟
invite-link =
    د <b>{ $name }</b> د بلنې لینک:
    { $link }

    یا کوډ <code>{ $code }</code> له ⁦/join⁩ سره ولېږئ. دا تر { $expires } پورې اعتبار لري. یوازې له خپلو غړو سره یې شریک کړئ.
invite-revoked = زوړ لینک نور کار نه کوي.
join-usage = کوډ داسې ولېږئ: ⁦/join abc234xyz9⁩ — یا هغه د بلنې لینک پرانیزئ چې ستاسو د سازمان مدیر شریک کړی دی.
join-code-missing = په دې د بلنې لینک کې کوډ نشته. د خپل سازمان له مدیر څخه لینک بیا وغواړئ.
join-code-unknown = دا د بلنې کوډ شتون نه لري. کوډ وګورئ، یا د خپل سازمان له مدیر څخه نوی لینک وغواړئ.
join-code-revoked = د { $name } دا د بلنې لینک په نوي لینک بدل شوی دی. له مدیر څخه اوسنی لینک وغواړئ.
join-code-expired = د { $name } د دې بلنې لینک موده پای ته رسېدلې ده. له مدیر څخه نوی لینک وغواړئ.
join-already-member = تاسو لا د مخه د { $name } غړی یاست.
join-done = <b>{ $name }</b> ته ښه راغلاست! تاسو اوس غړی یاست. د غونډو بلنې به همدلته ترلاسه کوئ.
myorgs-none = تاسو لا تر اوسه د هېڅ سازمان غړی نه یاست. د خپل سازمان د بلنې لینک له لارې ورګډ شئ، یا د ⁦/register⁩ په مرسته یو سازمان ثبت کړئ.
myorgs =
    <b>ستاسو سازمانونه</b>
    { $lines }
myorgs-line = • { $name } — { $role } (حالت: { $status })
myorgs-application = • { $name } — ستاسو د غوښتنې حالت: { $status }
orgs-none = تر اوسه هېڅ سازمان نه دی تایید شوی.
orgs =
    <b>د شبکې سازمانونه ({ $count })</b>
    { $lines }
orgs-line = • <b>{ $name }</b> — { $kind }، { $district }، { $province }
members-list = <b>{ $name }</b>: { $count ->
    [one] یو غړی
   *[other] { $count } غړي
} (پاڼه { $page } له { $pages } څخه). د اداره کولو لپاره پر یوه غړي کېکاږئ. ★ مدیر، ✋ استازی.
member-card =
    ‏<b>{ $name }</b> ({ $username })
    په { $org } کې رول: { $role }
member-remove-confirm = <b>{ $name }</b> له { $org } څخه لرې شي؟
member-removed = { $name } لرې شو.
member-now-delegate = { $name } اوس استازی دی.
member-now-admin = { $name } اوس مدیر دی.
member-no-longer-admin = { $name } نور مدیر نه دی.
members-gone = دا غړی نور په سازمان کې نشته.
members-last-admin = هر سازمان لږ تر لږه یو مدیر ته اړتیا لري. لومړی بل څوک مدیر وټاکئ.

## Coordinators

promote-usage = د ⁦/promote⁩ کمانډ د هغه کس د ټلګرام آی‌ډي یا ⁦@username⁩ سره ولېږئ، د بېلګې په توګه ⁦/promote @username⁩. هغه باید مخکې روبوټ پیل کړی وي.
demote-usage = د ⁦/demote⁩ کمانډ د هغه کس د ټلګرام آی‌ډي یا ⁦@username⁩ سره ولېږئ.
promote-unknown-person = زه { $reference } نه پېژنم. هغه باید لومړی روبوټ پیل کړي؛ بیا هڅه وکړئ.
promote-already = { $name } لا د مخه همغږي کوونکی دی.
promote-done = { $name } اوس همغږي کوونکی دی.
promote-notice = تاسو اوس د شبکې همغږي کوونکی یاست. ⁦/help⁩ ستاسو نوي کمانډونه ښيي.
demote-done = { $name } نور همغږي کوونکی نه دی.
demote-notice = تاسو نور د شبکې همغږي کوونکی نه یاست.
demote-configured = { $name } د روبوټ د تنظیماتو (⁦SHURA_COORDINATORS⁩) له مخې همغږي کوونکی دی؛ دا یوازې هغه څوک بدلولی شي چې روبوټ چلوي.
demote-not-coordinator = { $name } همغږي کوونکی نه دی.
group-bound = دا ګروپ اوس د شبکې د همغږۍ ګروپ دی. د غونډو خبرتیاوې، پایلې او لنډیزونه به دلته خپروم. شخصي پیغامونه (بلنې، رایې، اندېښنې) په خصوصي چټ کې پاتې کېږي.

## Mistakes and refusals

error-private-only = مهرباني وکړئ دا کمانډ له ما سره په خصوصي چټ کې وکاروئ.
error-group-only = دا کمانډ یوازې په ګروپ کې کار کوي: په هغه ګروپ کې یې ولېږئ چې مطلب مو دی.
error-stale-button = دا تڼۍ نور اعتبار نه لري. مهرباني وکړئ بیا پیل وکړئ.
error-coordinators-only = دا کار یوازې همغږي کوونکي کولی شي.
error-org-admins-only = دا کار یوازې د { $name } مدیران کولی شي.
error-not-org-admin = تاسو د هېڅ سازمان مدیر نه یاست. د ⁦/register⁩ په مرسته یو سازمان ثبت کړئ، یا د خپل سازمان له مدیر څخه پوښتنه وکړئ.
error-org-not-active = { $name } اوس مهال په شبکه کې فعال نه دی.
error-empty = پیغام خالي و. مهرباني وکړئ ځواب ولیکئ، یا د بندولو لپاره ⁦/cancel⁩ ولېږئ.
error-too-long = دا { $length } توري دي؛ مهرباني وکړئ تر { $limit } تورو پورې یې لنډ کړئ.
error-no-conversation = پوه نه شوم. ⁦/help⁩ ښيي چې تاسو څه کولی شئ.
error-text-only = مهرباني وکړئ په متن ځواب ورکړئ، یا د بندولو لپاره ⁦/cancel⁩ ولېږئ.
error-unknown-command = دا کمانډ نه پېژنم. ⁦/help⁩ ښيي چې تاسو څه کولی شئ.
error-internal = بښنه غواړم، زما له خوا کومه ستونزه پېښه شوه. مهرباني وکړئ یو څو شېبې وروسته بیا هڅه وکړئ.

## Meetings: commands and buttons

cmd-next = راتلونکې غونډه او ستاسو ځواب
cmd-meetings = راتلونکې غونډې
cmd-newmeeting = د نوې غونډې ټاکل
cmd-series = د میاشتنیو غونډو مهالوېش ټاکل یا بندول
cmd-editmeeting = د غونډې وخت، ځای، اجنډا یا ظرفیت بدلول
cmd-cancelmeeting = غونډه لغوه کول
cmd-attendance = څوک غونډې ته راځي
cmd-deliveries = د یوې غونډې لپاره لېږل شوي پیغامونه
button-going = ✅ راځم
button-maybe = 🤔 کېدای شي
button-cant-go = ❌ نه شم راتلای
button-calendar = 📅 جنتري ته ورزیاتول
button-schedule = ✅ غونډه ثبت کړئ
button-confirm-cancel-meeting = هو، غونډه لغوه کړئ
button-keep-meeting = نه، لغوه یې نه کړئ
button-no-limit = بې له محدودیته
button-edit-time = 🗓 نېټه او وخت
button-edit-venue = 📍 ځای
button-edit-agenda = 📝 اجنډا
button-edit-capacity = 🪑 ظرفیت
blank = { "" }
skipped = پرېښودل شو.

## Meetings: what a meeting looks like

meeting-card =
    ‏<b>{ $title }</b>
    🗓 وخت: { $when }
    📍 ځای: { $venue }{ $agenda }{ $capacity }{ $deadline }
meeting-agenda-line = { "" }
    📝 اجنډا: { $agenda }
meeting-capacity-line = { "" }
    🪑 ظرفیت: { $capacity ->
        [one] یو تن
       *[other] { $capacity } تنه
    }
meeting-seats-line = { "" }
    🪑 ظرفیت: { $capacity ->
        [one] یو تن
       *[other] { $capacity } تنه
    }، خالي ځایونه: { $free }
meeting-deadline-line = { "" }
    ⏳ مهرباني وکړئ تر { $deadline } پورې ځواب ورکړئ
meeting-button = ‏{ $title } · { $when }
rsvp-answer-none = تاسو لا ځواب نه دی ورکړی.
rsvp-answer-going = ستاسو ځواب: ✅ راځم
rsvp-answer-maybe = ستاسو ځواب: 🤔 کېدای شي
rsvp-answer-declined = ستاسو ځواب: ❌ نه شم راتلای
rsvp-answer-waitlist = غونډه ډکه ده: د انتظار په لړلیک کې ستاسو شمېره { $position } ده. کله چې یو ځای خالي شي، تاسو ته به خبر درکړم.

## Meetings: messages people receive

invitation =
    📩 <b>تاسو د شبکې غونډې ته رابلل شوي یاست</b>

    { $card }

    { $answer }
reminder =
    ⏰ <b>یادونه</b>

    { $card }

    { $answer }
nudge =
    📩 <b>غونډې ته راځئ؟</b> مهرباني وکړئ یو ځواب وټاکئ چې همغږي کوونکي پلان جوړ کړای شي.

    { $card }

    { $answer }
update =
    ✏️ <b>غونډه بدله شوه</b>

    { $card }

    { $answer }
promotion =
    🎉 <b>یو ځای خالي شو: اوس تاسو په غونډه کې ګډون کوئ!</b>

    { $card }

    { $answer }
next-meeting =
    <b>راتلونکې غونډه</b>

    { $card }

    { $answer }
rsvp-card =
    ‏{ $card }

    { $answer }
meeting-cancelled-notice = ❌ <b>لغوه شوه:</b> { $title }، { $when }. دا غونډه به نه جوړېږي.
calendar-caption = دا فایل پرانیزئ ترڅو «{ $title }» ستاسو جنتري ته ورزیات شي. که غونډه بدله شي، نوی فایل پرانیزئ: همغه یادښت به په جنتري کې تازه شي.

## Meetings: coordinators

meeting-ask-title = د غونډې سرلیک څه دی؟ (تر { $limit } تورو پورې؛ د بندولو لپاره ⁦/cancel⁩ ولېږئ)
meeting-ask-when =
    غونډه کله ده؟ نېټه او وخت ({ $zone }، په انګلیسي یا پښتو شمېرو) ولیکئ؛ له دې دوو بڼو څخه یوه وکاروئ:
    • لمریز هجري: <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code>، یا
    • میلادي: <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code>
meeting-ask-venue = چېرته؟ د ځای نوم یا آنلاین لینک ولیکئ (تر { $limit } تورو پورې).
meeting-ask-agenda = د اجنډا په اړه یو لنډ یادښت ولیکئ (تر { $limit } تورو پورې)، یا «پرېښودل» کېکاږئ.
meeting-ask-capacity = غونډه څو تنو ته ځای لري؟ یو عدد ولېږئ؛ که محدودیت نه وي، لاندې تڼۍ کېکاږئ.
meeting-ask-deadline = غړي تر کومه وخته ځواب ورکولی شي؟ نېټه او وخت ({ $zone }) داسې ولیکئ: <code>⁦۱۴۰۵-۰۹-۲۸ ۱۸:۰۰⁩</code>؛ یا «پرېښودل» کېکاږئ ترڅو د غونډې تر پیله پورې ځواب ورکول ممکن وي.
meeting-preview =
    <b>مهرباني وکړئ غونډه وګورئ</b>

    { $card }
meeting-scheduled =
    ✅ غونډه ثبت شوه (شمېره { $id }):

    { $card }

    بلنې به د تایید شویو سازمانونو { $people ->
        [one] یوه غړي
       *[other] { $people } غړو
    } ته ولېږل شي.
meeting-edit-what =
    څه بدلول غواړئ؟

    { $card }
meeting-edited =
    ✅ بدلونونه خوندي شول. ټولو رابلل شویو کسانو ته خبر ورکول کېږي.

    { $card }
meeting-cancel-confirm =
    دا غونډه لغوه شي؟ ټولو رابلل شویو کسانو ته به خبر ورکړل شي.

    { $card }
meeting-cancelled-done = ❌ { $title } لغوه شوه. ټولو رابلل شویو کسانو ته خبر ورکول کېږي.
meeting-kept = { $title } همداسې پاتې کېږي.
meetings-none = هېڅ غونډه نه ده ټاکل شوې.
meetings-list =
    <b>راتلونکې غونډې</b>
    { $lines }
meetings-line = • شمېره { $id }: { $title } — { $when }
pick-meeting = کومه غونډه؟
meeting-id-invalid = «{ $text }» د غونډې شمېره نه ده. ⁦/meetings⁩ شمېرې ښيي.
attendance =
    <b>ګډون: { $title }</b>
    ‏{ $when }{ $capacity }

    { $total }

    د سازمانونو له مخې:
    { $lines }
attendance-total = ✅ { $going } راځي · 🤔 { $maybe } کېدای شي · ❌ { $declined } نه شي راتلای · ⏳ { $waitlist } په انتظار · ❔ { $none } بې ځوابه
attendance-org = ‏• { $name }: ✅ { $going } · 🤔 { $maybe } · ❌ { $declined } · ⏳ { $waitlist } · ❔ { $none }
deliveries =
    <b>لېږل شوي پیغامونه: { $title }</b>
    ‏{ $when }

    📨 ولېږل شول: { $sent }
    ⏳ په تمه: { $pending }
    🚫 ونه رسېدل (روبوټ یې بلاک کړی یا یې هېڅکله نه دی پیل کړی): { $unreachable }
    ⚠️ له څو هڅو وروسته ناکام: { $failed }
    ⏭ پرېښودل شول (نور ګټور نه وو): { $skipped }

## Monthly series

series-week-1 = لومړۍ
series-week-2 = دویمه
series-week-3 = درېیمه
series-week-4 = څلورمه
series-week--1 = وروستۍ
weekday-0 = دوشنبه
weekday-1 = سه‌شنبه
weekday-2 = چهارشنبه
weekday-3 = پنجشنبه
weekday-4 = جمعه
weekday-5 = شنبه
weekday-6 = یکشنبه
series-rule = د { $calendar } کال د هرې میاشتې { $week } { $weekday }، په { $time } بجو
series-none = هېڅ میاشتنی مهالوېش نه دی ټاکل شوی.
series-current =
    میاشتنی مهالوېش: { $rule }.
    سرلیک: { $title }
    راتلونکې غونډه: { $next }
series-ask-week = د نوي مهالوېش د ټاکلو لپاره د میاشتې اونۍ وټاکئ (یا د اوسني مهالوېش د بندولو لپاره ⁦/series off⁩ ولېږئ):
series-ask-weekday = { $week } … کومه ورځ؟
series-ask-time = په کوم ساعت ({ $zone })؟ د بېلګې په توګه <code>⁦۱۴:۰۰⁩</code>.
series-time-invalid = مهرباني وکړئ وخت داسې ولیکئ: <code>⁦۱۴:۰۰⁩</code>.
series-stopped = د «{ $title }» میاشتنی مهالوېش بند شو. هغه غونډې چې مخکې جوړې شوې دي پاتې کېږي.
series-created-meeting =
    ✅ راتلونکې غونډه جوړه شوه:

    { $card }
series-will-create = راتلونکې غونډه به له پیل کېدو { $lead ->
    [one] یوه ورځ
   *[other] { $lead } ورځې
} مخکې جوړه شي.

## Meetings: mistakes

date-format = «{ $text }» مې ونه شو لوستلای. مهرباني وکړئ داسې یې ولیکئ: <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> یا <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code>.
date-nonexistent = «{ $text }» سمه نېټه او وخت نه دی. مهرباني وکړئ ورځ او میاشت وګورئ.
date-past = دا وخت تېر شوی دی. مهرباني وکړئ په راتلونکي کې یو وخت وټاکئ.
meeting-capacity-invalid = «{ $text }» د ځایونو شمېر نه دی. یو بشپړ عدد لکه ۴۰ ولېږئ، یا «پرېښودل» کېکاږئ.
meeting-deadline-after-start = د ځواب ورکولو وروستۍ نېټه باید د غونډې له پیل مخکې وي.
meeting-is-cancelled = { $title } لغوه شوې ده.
meeting-is-past = { $title } پیل شوې ده؛ نور نه بدلېدای شي او نه ورته ځواب ورکول کېدای شي.
rsvp-closed = د { $title } لپاره ځوابونه بند دي: وروستۍ نېټه تېره شوې ده.
rsvp-not-invited = یوازې د شبکې د سازمانونو غړي ځواب ورکولی شي. لومړی د خپل سازمان د بلنې لینک له لارې ورته ورګډ شئ.

## Meetings: the coordination group

group-meeting-scheduled =
    📅 <b>نوې غونډه</b>

    { $card }

    غړي خپله بلنه له ما سره په خصوصي چټ کې ترلاسه کوي.
group-meeting-changed =
    ✏️ <b>غونډه بدله شوه</b>

    { $card }
group-meeting-cancelled =
    ❌ <b>غونډه لغوه شوه</b>

    { $card }

## Monthly series: whose months

series-ask-calendar = کومې میاشتې؟ لمریز هجري (وری، غویی، …) که میلادي (جنوري، فبروري، …)؟
series-calendar-solar_hijri = لمریز هجري
series-calendar-gregorian = میلادي
button-calendar-solar_hijri = لمریز هجري میاشتې
button-calendar-gregorian = میلادي میاشتې
