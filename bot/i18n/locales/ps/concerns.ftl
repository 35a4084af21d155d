## Concerns: sending one, the decision on it, and the coordinators' daily count

concern-text-empty = اندېښنه تشه ده. مهرباني وکړئ ولیکئ چې غونډه پر څه خبرې وکړي.
concern-text-too-long = ستاسو اندېښنه { $length } توري لري؛ مهرباني وکړئ په { $limit } تورو کې یې ولیکئ.
concern-media-missing = هغه غږیز پیغام یا انځور را ونه رسېد. مهرباني وکړئ بیا یې ولېږئ.
concern-reason-empty = مهرباني وکړئ دلیل ولیکئ؛ لېږونکي ته به وویل شي.
concern-reason-too-long = دلیل { $length } توري لري؛ مهرباني وکړئ په { $limit } تورو کې یې ولیکئ.
concern-decided-approved = ✅ ستاسو د { $number } شمېرې اندېښنه تایید شوه: غړي اوس کولی شي په اجنډا کې ورته رایه ورکړي.
concern-decided-rejected =
    ستاسو د { $number } شمېرې اندېښنه ونه منل شوه.
    دلیل: { $reason }
concern-decided-merged =
    🔗 ستاسو د { $number } شمېرې اندېښنه د { $target } شمېرې له اندېښنې سره یو ځای شوه چې هماغه خبره کوي: { $about }
    ستاسو د اندېښنې رایې هلته شمېرل کېږي.
concern-merged-into-quote = «{ $text }»، چې په اجنډا کې ده.
concern-merged-into-voice = یو غږیز پیغام چې په اجنډا کې دی.
concern-merged-into-photo = یو انځور چې په اجنډا کې دی.
concern-merged-into-waiting = هغه اندېښنه لا د پرېکړې په تمه ده؛ که تایید شي، په اجنډا (⁦/agenda⁩) کې به یې ووینئ.
concern-digest =
    { $count ->
        [one] 📥 یوه اندېښنه د پرېکړې په تمه ده. د ⁦/review⁩ په مرسته یې وګورئ.
       *[other] 📥 { $count } اندېښنې د پرېکړې په تمه دي. د ⁦/review⁩ په مرسته یې وګورئ.
    }

## Concerns: /concern, /myconcerns and /review

cmd-concern = د راتلونکې غونډې لپاره یوه اندېښنه وړاندې کړئ (په نوم یا بې نومه)
cmd-myconcerns = ستاسو اندېښنې او پر هغو پرېکړې
cmd-review = د هغو اندېښنو په اړه پرېکړه چې غړو لېږلې دي
concern-ask =
    📝 غونډه پر څه خبرې وکړي؟ دا د متن (تر { $limit } تورو پورې)، غږیز پیغام یا د تشریح لرونکي انځور په بڼه ولېږئ.
    وروسته به وټاکئ چې همغږي کوونکي ستاسو نوم وګوري که نه. د ⁦/cancel⁩ په مرسته یې ودروئ.
concern-send-kinds = مهرباني وکړئ خپله اندېښنه د متن، غږیز پیغام یا د تشریح لرونکي انځور په بڼه ولېږئ. سټیکر، ویډیو او فایل نه منل کېږي. د ⁦/cancel⁩ په مرسته یې ودروئ.
concern-use-buttons = مهرباني وکړئ له تڼیو څخه یوه وټاکئ، یا د ⁦/cancel⁩ په مرسته یې ودروئ.
concern-ask-topic = دا د کومې موضوع په اړه ده؟
concern-topic-coordination = همغږي
concern-topic-security = امنیت
concern-topic-funding = مالي ملاتړ
concern-topic-media = رسنۍ او عامه افکار
concern-topic-capacity = د ظرفیت لوړول
concern-topic-other = نور
concern-topic-chosen = موضوع: { $topic }
concern-ask-privacy =
    ایا همغږي کوونکي ستاسو نوم وګوري؟

    👤 په نوم: همغږي کوونکي ستاسو نوم له اندېښنې سره ګوري.
    🕶 بې نومه: همغږي کوونکي هېڅکله نه ګوري چې چا لېږلې ده، او هېڅ لړلیک، اجنډا یا ثبت یې نه ښيي. روبوټ له تاسو سره د هغې اړیکه یوازې د دې لپاره ساتي چې اندېښنه په ⁦/myconcerns⁩ کې وښيي او پرېکړه تاسو ته ووايي، او دا اړیکه له غونډې وروسته ړنګوي.
    بې نومه کېدل لېږونکی پټوي، نه د اندېښنې منځپانګه: { $warning }
concern-privacy-text = هغه کسان چې ستاسو د لیکلو طریقه یا هغه جزئیات پېژني چې تاسو یې لیکئ، ښايي بیا هم اټکل وکړي.
concern-privacy-voice = غږیز پیغام ستاسو غږ لري، او هغه کسان چې تاسو پېژني کولی شي ویې پېژني.
concern-privacy-photo = انځور ښايي وښيي چې چا یا له کوم ځای څخه اخیستی دی (مخونه، کاغذونه، کوټه، کوڅه).
button-concern-named = 👤 په نوم
button-concern-anonymous = 🕶 بې نومه
concern-is-named = 👤 په نوم: همغږي کوونکي ستاسو نوم ګوري.
concern-is-anonymous = 🕶 بې نومه: همغږي کوونکي نه ګوري چې چا لېږلې ده.
concern-confirm-anonymous =
    🕶 بې نومه: همغږي کوونکي هېڅکله نه ګوري چې چا لېږلې ده، او هېڅ لړلیک، اجنډا یا ثبت یې نه ښيي.
    بې نومه کېدل لېږونکی پټوي، نه د اندېښنې منځپانګه: { $warning }
concern-content-text = متن: { $text }
concern-content-voice = 🎤 غږیز پیغام. تشریح: { $caption }
concern-content-photo = 🖼 انځور. تشریح: { $caption }
concern-confirm =
    ستاسو اندېښنه:
    { $content }
    موضوع: { $topic }
    { $privacy }

    ولېږل شي؟
concern-sent = 📨 ولېږل شوه. د اندېښنې شمېره مو #{ $number } ده. ⁦/myconcerns⁩ دا او پر هغې پرېکړه ښيي.
concern-named = په نوم
concern-anonymous = بې نومه
concern-status-submitted = د پرېکړې په تمه
concern-status-approved = تایید شوې
concern-status-merged = یو ځای شوې
concern-status-merged-into = له { $target } شمېرې سره یو ځای شوې
concern-status-rejected = نه ده منل شوې
myconcerns =
    ستاسو اندېښنې:
    { $lines }
myconcerns-line = اندېښنه #{ $number } · { $topic } · { $privacy } · حالت: { $status }: { $content }
myconcerns-empty = تاسو تر اوسه کومه اندېښنه نه ده وړاندې کړې. د ⁦/concern⁩ په مرسته یوه وړاندې کړئ.
review-empty = هېڅ اندېښنه د پرېکړې په تمه نه ده.
review-anonymous = 🕶 بې نومه
review-named = 👤 په نوم: { $name }
review-caption = د { $number } شمېرې اندېښنه
review-card =
    📥 د { $number } شمېرې اندېښنه · { $topic }
    لېږونکی: { $sender }
    { $content }
review-more = نورې اندېښنې هم په تمه دي.
button-concern-merge = 🔗 یو ځای کول
review-approved-done = ✅ د { $number } شمېرې اندېښنه تایید شوه؛ غړي کولی شي په اجنډا کې ورته رایه ورکړي.
review-ask-reason = د { $number } شمېرې اندېښنه ولې نه منل کېږي؟ یوه کرښه ولیکئ؛ لېږونکي ته به وویل شي. د ⁦/cancel⁩ په مرسته یې ودروئ.
review-rejected-done = ❌ د { $number } شمېرې اندېښنه ونه منل شوه؛ دلیل لېږونکي ته ویل کېږي.
review-already-decided = د { $number } شمېرې اندېښنې په اړه مخکې پرېکړه شوې ده ({ $status }). هېڅ شی بدل نه شو.
review-merge-pick = د { $number } شمېرې اندېښنه له کومې اندېښنې سره یو ځای شي؟
review-merge-none = د همدې غونډې بله اندېښنه نشته چې د { $number } شمېرې اندېښنه ورسره یو ځای شي.
review-merge-target = اندېښنه #{ $number } { $text }
review-merged-done = 🔗 د { $number } شمېرې اندېښنه له { $target } شمېرې سره یو ځای شوه.

## /help: what anonymous protects and what it does not

help-anonymity =
    { $help }

    🕶 <b>بې نومه اندېښنې</b>: کله چې د ⁦/concern⁩ په مرسته یوه اندېښنه لېږئ او «بې نومه» وټاکئ، همغږي کوونکي هېڅکله نه ګوري چې چا لېږلې ده، او هېڅ لړلیک، اجنډا، صادر شوی فایل یا ثبت یې نه ښيي. روبوټ له تاسو سره د هغې اړیکه یوازې د ⁦/myconcerns⁩ او تاسو ته د پرېکړې د ویلو لپاره ساتي، او له غونډې وروسته یې ړنګوي.
    بې نومه کېدل هغه څه نه پټوي چې تاسو یې لېږئ: غږیز پیغام ستاسو غږ لري؛ انځور ښايي وښيي چې چا یا له کوم ځای څخه اخیستی دی (مخونه، کاغذونه، کوټه، کوڅه)؛ ستاسو د لیکلو طریقه یا هغه جزئیات چې یې لیکئ، کولی شي تاسو وپېژني.
