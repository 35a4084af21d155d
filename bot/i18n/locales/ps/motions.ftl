## Motions: opening one, ballots, results, proxies

cmd-motion = د غړو یا بنسټونو د رایې لپاره یو وړاندیز پرانیستل
cmd-vote = ستاسو پرانیستي وړاندیزونه او رایې
cmd-ballots = چا کوم انتخاب کړی (یوازې ښکاره وړاندیزونه)
cmd-proxy = د هغه چا لپاره رایه یا ځواب ثبتول چې ټیلیفون نه لري

motion-option-yes = هو
motion-option-no = نه
motion-option-abstain = بې‌پرې

motion-no-meeting = راتلونکې غونډه نشته چې وړاندیز ورپورې وتړل شي. لومړی د ⁦/newmeeting⁩ په مرسته یوه غونډه وټاکئ.
motion-pick-meeting = دا وړاندیز د کومې غونډې لپاره دی؟
motion-meeting-chosen = وړاندیز د دې غونډې لپاره: <b>{ $title }</b>
motion-ask-question = د <b>{ $title }</b> لپاره د وړاندیز پوښتنه څه ده؟ په یوه کرښه کې یې ولیکئ (تر { $limit } تورو پورې).
motion-ask-options = خلک له کومو انتخابونو څخه وټاکي؟ د «هو / نه / بې‌پرې» لپاره تڼۍ کېکاږئ، یا خپل انتخابونه ولېږئ، هر یو په یوه کرښه کې: له { $low } څخه تر { $high } پورې، هر یو تر { $limit } تورو پورې.
motion-button-standard = هو / نه / بې‌پرې
motion-standard-chosen = انتخابونه: هو / نه / بې‌پرې
motion-options-count = له { $low } څخه تر { $high } پورې انتخابونه ولېږئ، هر یو په یوه کرښه کې.
motion-option-too-long = هر انتخاب تر { $limit } تورو پورې کېدای شي. مهرباني وکړئ لنډ یې کړئ او لړلیک بیا ولېږئ.
motion-options-repeated = دوه انتخابونه یو شان دي. لړلیک بیا ولېږئ او هر انتخاب یو ځل ولیکئ.
motion-ask-voters = څوک رایه ورکوي؟
motion-button-each-member = هر غړی
motion-button-each-org = هر بنسټ (د خپل استازي له لارې)
motion-voters-per_member = رایه ورکوونکي: هر غړی
motion-voters-per_organization = رایه ورکوونکي: هر بنسټ، د خپل استازي له لارې (که استازی یې نه وي ټاکلی، د هغه مدیر)
motion-ask-secret = پټه رایه که ښکاره؟
motion-button-secret = پټه: یوازې ټولګه ښودل کېږي
motion-button-public = ښکاره: همغږي کوونکي د هر چا رایه ویني
motion-secret-note = 🔒 پټه رایه: یوازې د رایو ټولګه ښودل کېږي.
motion-public-note = 👁 ښکاره رایه: همغږي کوونکي د هر چا رایه لیدلی شي.
motion-ask-quorum = د وړو رایه ورکوونکو څو سلنه باید رایه ورکړي چې پایله معتبره وي (نصاب)؟ یوه تڼۍ کېکاږئ یا له ۰ څخه تر ۱۰۰ پورې یوه شمېره ولېږئ.
motion-button-quorum = { $percent }٪
motion-quorum-invalid = نصاب په سلنه، له ۰ څخه تر ۱۰۰ پورې ولېږئ، د بېلګې په توګه ۵۰.
motion-quorum-chosen = نصاب: { $percent }٪
motion-ask-closes = رایه ورکول کله پای ته ورسېږي؟ یوه تڼۍ کېکاږئ، یا نېټه او وخت ولېږئ، د بېلګې په توګه <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> ({ $zone }).
motion-button-closes-start = کله چې غونډه پیلېږي
motion-button-closes-end = کله چې غونډه پای ته رسېږي
motion-button-closes-24h = له ۲۴ ساعتونو وروسته
motion-closes-past = دا وخت تېر شوی دی. په راتلونکي کې یو وخت وټاکئ.
motion-closes-chosen = رایه ورکول { $closes } پای ته رسېږي.
motion-option-line = ‏• { $option }
motion-line =
    ‏{ $line }
    { $rest }
motion-preview =
    <b>دا وړاندیز پرانیستل شي؟</b>

    ‏❓ { $question }
    { $options }
    { $voters }
    { $how }
    نصاب: { $quorum }٪
    د رایې پای: { $closes }
motion-button-open = وړاندیز پرانیستل
motion-opened = ✅ وړاندیز شمېره { $id } پرانیستل شو: { $question }. د رایې پاڼې لېږل کېږي.

motion-ballot =
    ‏🗳 <b>{ $question }</b>

    { $how }
    رایه ورکول { $closes } پای ته رسېږي. تر هغه وخته پورې خپله رایه بدلولی شئ.

    { $choice }
motion-no-choice-yet = تاسو لا رایه نه ده ورکړې.
motion-your-choice = ستاسو رایه: <b>{ $option }</b>
motion-org-choice = ‏{ $organization }: <b>{ $option }</b>
motion-button-chosen = ‏✅ { $option }
motion-ballot-saved = ستاسو رایه خوندي شوه.
motion-org-header = لاندې تڼۍ د دې بنسټ لپاره رایه ورکوي.
motion-none-open = تاسو د رایې لپاره هېڅ پرانیستی وړاندیز نه لرئ.
motion-open-list = { $count ->
    [one] یو وړاندیز ستاسو د رایې لپاره پرانیستی دی. پرې کېکاږئ چې د رایې پاڼه وګورئ.
   *[other] { $count } وړاندیزونه ستاسو د رایې لپاره پرانیستي دي. پر یوه کېکاږئ چې د رایې پاڼه وګورئ.
}

motion-not-member = یوازې د شبکې د بنسټونو غړي رایه ورکولی شي.
motion-not-delegate = تاسو پر دې وړاندیز د هغه بنسټ لپاره رایه نه ورکوئ: د هغه استازی یې ورکوي (یا که استازی ونه لري، د هغه مدیر).
motion-closed = پر «{ $question }» رایه ورکول پای ته رسېدلي دي.
motion-closed-cancelled = پر «{ $question }» رایه ورکول بند شول، ځکه چې د هغه غونډه لغوه شوه. هېڅ پرېکړه ونه شوه او پایله به یې نه خپرېږي.
motion-secret-list = دا وړاندیز پټ دی: هر چا ته یوازې د رایو ټولګه ښودل کېږي.

motion-result =
    🗳 <b>پایله: { $question }</b>

    { $options }
    ګډون: { $cast } له { $eligible } څخه ({ $quorum_state }، نصاب { $quorum }٪)
    { $proxies }
    { $outcome }
motion-result-option = ‏• { $option }: { $count }
motion-quorum-met = نصاب پوره شو
motion-quorum-not-met = نصاب پوره نه شو
motion-proxies = { $count ->
    [one] یوه رایه همغږي کوونکي د هغه چا لپاره ثبت کړه چې ټیلیفون نه لري.
   *[other] { $count } رایې همغږي کوونکي د هغو کسانو لپاره ثبت کړې چې ټیلیفون نه لري.
}
motion-outcome = ✅ پرېکړه: <b>{ $option }</b>
motion-outcome-tie = ⚖️ پرېکړه ونه شوه: سر انتخابونه برابر شول.
motion-outcome-no-quorum = ⛔ پرېکړه ونه شوه: نصاب پوره نه شو.

ballots-usage = د ⁦/ballots⁩ کمانډ د وړاندیز له شمېرې سره ولېږئ، د بېلګې په توګه ⁦/ballots ۳⁩.
ballots-list =
    پر «{ $question }» رایې:
    { $lines }
ballots-line = ‏• { $name }: { $option }
ballots-line-proxy = • { $name }: { $option } (همغږي کوونکي ثبت کړې)
ballots-none = لا تر اوسه رایه نه ده ورکړل شوې.

proxy-for-anything = 👥 د هغه چا لپاره ثبت چې ټیلیفون نه لري.
proxy-for-meeting = 👥 د هغه چا لپاره چې ټیلیفون نه لري، <b>{ $title }</b> ته د ځواب ثبت.
proxy-for-motion = 👥 د هغه چا لپاره چې ټیلیفون نه لري، پر «{ $question }» د رایې ثبت.
proxy-pick-org =
    { $purpose }
    دا کس د کوم بنسټ غړیتوب لري؟ (مخ { $page } له { $pages } څخه)
    یا د ⁦/proxy⁩ کمانډ د دې کس له ⁦@username⁩ یا د ټیلیګرام له پېژند شمېرې سره ولېږئ.
proxy-pick-person =
    { $purpose }
    د { $org } کوم غړی؟ (مخ { $page } له { $pages } څخه)
proxy-no-organizations = تر اوسه هېڅ بنسټ نه دی تایید شوی: داسې څوک نشته چې د هغه لپاره ثبت وشي.
proxy-no-members = د { $org } بنسټ هېڅ غړی نه لري.
proxy-not-voter = د { $name } لپاره پر دې وړاندیز رایه نشته: یوازې غړي پرې رایه ورکوي، او د هر بنسټ لپاره یوازې د هغه استازی (که استازی ونه لري، د هغه مدیر).
proxy-button-pick-rsvp = 👥 د هغه چا لپاره ځواب ثبت کړئ چې ټیلیفون نه لري
proxy-button-pick-ballot = 👥 د هغه چا لپاره رایه ثبت کړئ چې ټیلیفون نه لري
proxy-button-another = 👥 د بل چا لپاره ثبت کړئ
proxy-unknown-person = چا له { $reference } سره دا روبوټ نه دی پیل کړی. ⁦@username⁩ یا د ټیلیګرام پېژند شمېره وګورئ.
proxy-nothing = هېڅ پرانیستی شی نشته چې { $name } پرې رایه یا ځواب ورکړي.
proxy-what = د { $name } لپاره څه ثبت شي؟
proxy-button-motion = ‏🗳 { $question }
proxy-button-meeting = ‏📅 { $title }
proxy-ballot = پر «{ $question }» د { $name } رایه: کوم انتخاب یې وکړ؟
proxy-ballot-recorded = ✅ د { $name } لپاره پر «{ $question }» ثبت شوه: { $option }. دا کار د پېښو په ثبت کې ولیکل شو.
proxy-rsvp = ایا { $name } { $title } ته راځي؟
proxy-answer-going = راځي
proxy-answer-maybe = کېدای شي
proxy-answer-declined = نه شي راتلای
proxy-rsvp-recorded = ✅ د { $name } لپاره د { $title } په اړه ثبت شو: { $answer }. دا کار د پېښو په ثبت کې ولیکل شو.
