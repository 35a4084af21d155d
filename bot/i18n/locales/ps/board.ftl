## The organizers' board: a Telegram Mini App served by the bot (bot/web)

cmd-board = د همغږي کوونکو پاڼه پرانیستل: ګډون، اندېښنې، اجنډا، وړاندیزونه او د حاضرۍ د ثبت پرده
board-off = د همغږي کوونکو پاڼه د دې روبوټ لپاره نه ده فعاله شوې. څوک چې شورا چلوي، هغه یې د ⁦SHURA_WEB_URL⁩ په تنظیم فعالوي (لارښود ⁦README⁩ وګورئ).
board-open = 📋 د همغږي کوونکو پاڼه همدلته په ټلګرام کې پرانیستل کېږي. کومه برخه؟
button-board-attendance = 👥 ګډون
button-board-concerns = 📥 اندېښنې
button-board-agenda = 🗳 اجنډا
button-board-motions = ✋ وړاندیزونه
button-board-checkin = 📲 د حاضرۍ د ثبت پرده
button-agenda-board = 🗳 د اجنډا پاڼه پرانیستل

board-title = شورا — د همغږي کوونکو پاڼه
board-start-first = لومړی په ټلګرام کې د شورا روبوټ پرانیزئ او د «پیل» تڼۍ ووهئ.
board-no-meeting = تر اوسه هېڅ غونډه نه ده ټاکل شوې.
board-pick-meeting = غونډه:
board-no-organization = له بنسټ پرته (همغږي کوونکي)
board-no-organizations = تر اوسه هېڅ بنسټ نه دی تایید شوی.

board-status-all = ټول
board-all-topics = ټولې موضوعګانې
board-filter-status = حالت:
board-filter-topic = موضوع:
board-search = په متن کې لټون
board-search-button = 🔍 لټون
board-concern-head = اندېښنه #{ $number }، { $topic }، { $status }
board-no-text = (غږیز پیغام یا انځور)
board-play-voice = ▶️ غږیز پیغام اورېدل
board-show-photo = 🖼 انځور ښودل
board-file-gone = دا فایل نور په ټلګرام کې نشته.
board-choose = د #{ $number } اندېښنې ټاکل
board-with-chosen = د هغو اندېښنو سره چې په نښه کړې مو دي:
board-approve = ✅ تایید
board-reject = ❌ ردول…
board-reason = دلیل (لېږونکي ته به وویل شي)
board-reject-confirm = په همدې دلیل ردول
board-merge-choose = یو ځای کول له…
board-merge = 🔗 یو ځای کول
board-queue-empty = له دې لټون سره سمه هېڅ اندېښنه ونه موندل شوه.
board-nothing-chosen = لومړی یوه یا څو اندېښنې په نښه کړئ.
board-merge-no-target = هغه اندېښنه وټاکئ چې ورسره یو ځای شي.
board-approved = ✅ تایید شوې: { $numbers }. غړي اوس کولی شي پرې ټکي کېږدي.
board-rejected = ❌ نه دي منل شوې: { $numbers }. هر لېږونکي ته به دلیل وویل شي.
board-merged = 🔗 یو ځای شوې: { $numbers }. د هغو ټکي هم ولېږدول شول.

board-agenda-dots = ستاسو له { $dots } ټکو څخه { $left } پاتې دي: پر هره اندېښنه یو ټکی، او د غونډې تر پیله یې بېرته اخیستلی شئ.
board-agenda-closed = رایه ورکول وتړل شول. اجنډا په ترتیب سره:
board-dots = { $count ->
    [one] یو ټکی
   *[other] { $count } ټکي
}
board-add-dot = ➕ زما ټکی اېښودل
board-take-dot = ➖ زما ټکی بېرته اخیستل

board-motions-open = پرانیستي وړاندیزونه
board-motions-closed = په تېرو { $days } ورځو کې تړل شوي
board-no-open-motions = هېڅ وړاندیز پرانیستی نه دی.
board-no-closed-motions = په دې وروستیو کې هېڅ وړاندیز نه دی تړل شوی.
board-turnout = ګډون: { $cast } له { $eligible } څخه ({ $state }، نصاب { $quorum }٪)
board-quorum-needed = { $needed ->
    [one] نصاب ته یوه رایه اړینه ده.
   *[other] نصاب ته { $needed } رایې اړینې دي.
}
board-closes = تړل کېږي: { $when }

board-checked-in = 📍 حاضر: { $names }
board-checked-in-guests = له بنسټ پرته حاضر کسان
board-checkin-count = 📍 حاضر کسان: { $people }؛ حاضر بنسټونه: { $organizations } له { $approved } څخه
board-checkin-ready = د حاضرۍ ثبت اوس پرانیستل کېدای شي. په پرانیستلو سره یې هغه کوډ جوړېږي چې حاضر کسان یې سکن یا ټایپ کوي؛ دا کوډ د حاضرۍ د ثبت تر تړلو پورې کار کوي.
board-checkin-open = 📲 د حاضرۍ ثبت پرانیستل او د کوډ ښودل
board-checkin-scan = د ⁦QR⁩ کوډ د خپل ټیلیفون په کمره سکن کړئ، یا روبوټ ته د ⁦/checkin { $code }⁩ کمانډ ولېږئ.
board-checkin-people = { $count ->
    [one] یو تن خپله حاضري ثبت کړې ده
   *[other] { $count } تنو خپله حاضري ثبت کړې ده
}
board-checkin-closes = د حاضرۍ ثبت { $closes } تړل کېږي.
board-projector = ⛶ د پروجکټور لپاره بشپړه پرده
