## Check-in: the meeting's code and QR image, checking in, and counting who came

cmd-checkin = په غونډه کې حاضري ثبتول (همغږي کوونکي: د حاضرۍ ثبت پرانیستل او د هغه د ⁦QR⁩ کوډ ښودل)

checkin-usage = د حاضرۍ د ثبت لپاره هغه ⁦QR⁩ کوډ سکن کړئ چې همغږي کوونکي یې په غونډه کې ښيي، یا د ⁦/checkin⁩ کمانډ د هغه له کوډ سره ولېږئ، د بېلګې په توګه <code>⁦/checkin K7MX-3QPA⁩</code>.
checkin-done = ✅ په <b>{ $title }</b> کې ستاسو حاضري د { $org } له لوري ثبت شوه. ښه راغلاست!
checkin-done-no-org = ✅ په <b>{ $title }</b> کې ستاسو حاضري ثبت شوه. ښه راغلاست!
checkin-already = په <b>{ $title }</b> کې ستاسو حاضري د { $org } له لوري مخکې ثبت شوې ده. بل کار ته اړتیا نشته.
checkin-already-no-org = په <b>{ $title }</b> کې ستاسو حاضري مخکې ثبت شوې ده. بل کار ته اړتیا نشته.
checkin-pick-seat = تاسو له یوه څخه د ډېرو بنسټونو غړي یاست. په <b>{ $title }</b> کې د کوم بنسټ له لوري حاضر یاست؟
checkin-code-unknown = د حاضرۍ دا کوډ سم نه دی. د همغږي کوونکو پر پرده یې وګورئ او بیا یې ولېږئ، د بېلګې په توګه <code>⁦/checkin K7MX-3QPA⁩</code>.
checkin-closed = د <b>{ $title }</b> د حاضرۍ ثبت تړل شوی دی: د هغه کوډ نور کار نه کوي.
checkin-not-yet = د <b>{ $title }</b> د حاضرۍ ثبت { $opens } پرانیستل کېږي.

checkin-no-meeting = هېڅ غونډه نه ده ټاکل شوې، نو د حاضرۍ د ثبت لپاره څه نشته. د ⁦/newmeeting⁩ په مرسته یوه غونډه وټاکئ.
checkin-pick-meeting = له یوې څخه ډېرې غونډې د حاضرۍ ثبت ته پرانیستې دي. کومه یوه؟
checkin-meeting-chosen = د <b>{ $title }</b> د حاضرۍ ثبت:
checkin-opened =
    ✅ د <b>{ $title }</b> د حاضرۍ ثبت تر { $closes } پورې پرانیستی دی.
    کوډ: <b>{ $code }</b>

    د خپل ټیلیفون په کمره ⁦QR⁩ کوډ سکن کړئ، یا <code>⁦/checkin { $code }⁩</code> روبوټ ته ولېږئ، یا دا لینک پرانیزئ:
    { $link }
checkin-status =
    👥 د <b>{ $title }</b> د حاضرۍ ثبت
    هغه کسان چې حاضري یې ثبت شوې: { $people } (په نوم ثبت شوي: { $walkins })
    حاضر بنسټونه: { $organizations } له { $approved } څخه
    د حاضرۍ ثبت { $closes } تړل کېږي.
checkin-button-refresh = 🔄 تازه کول
checkin-button-add = ➕ د هغه چا حاضري چې ټیلیفون نه لري
checkin-refreshed = شمېرې تازه دي.

checkin-pick-org = په <b>{ $title }</b> کې د چا حاضري ثبتوئ؟ لومړی بنسټ وټاکئ.
checkin-button-guest = 👤 له هېڅ بنسټ څخه نه: نوم ولیکئ
checkin-pick-member = <b>{ $org }</b>: کوم کس دی؟ ✅ هغه کسان ښيي چې حاضري یې مخکې ثبت شوې ده.
checkin-member-checked = ‏✅ { $name }
checkin-button-walk-in = ✍️ په لړلیک کې نشته: نوم ولیکئ
checkin-button-back = ‹ بنسټونه
checkin-ask-name = د { $org } د هغه کس نوم ولیکئ چې دلته دی (تر { $limit } تورو پورې).
checkin-ask-name-guest = د هغه مېلمه نوم ولیکئ چې دلته دی (تر { $limit } تورو پورې).
checkin-recorded = ✅ په <b>{ $title }</b> کې د { $name } حاضري د { $org } له لوري ثبت شوه. دا کار د پېښو په ثبت کې ولیکل شو.
checkin-recorded-guest = ✅ په <b>{ $title }</b> کې د { $name } حاضري د مېلمه په توګه ثبت شوه. دا کار د پېښو په ثبت کې ولیکل شو.
checkin-recorded-already = د { $name } حاضري مخکې ثبت شوې ده.
checkin-button-another = ➕ د بل کس حاضري ثبتول
