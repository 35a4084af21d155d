## The live meeting card: seats left, the answer, withdrawing, a note, and what changed

button-withdraw = ↩️ خپل ځواب بېرته واخلئ
button-add-note = 📝 یادښت ورزیات کړئ
button-google-calendar = 🗓 د ګوګل جنتري ته ورزیات کړئ
button-answer-privately = 💬 په شخصي چټ کې ځواب ورکړئ
card-seats-left = { "" }
    🪑 پاتې څوکۍ: { $free }، له ټولو { $capacity } څخه
card-seats-full = { "" }
    🪑 غونډه ډکه ده: { $capacity ->
        [one] یوازینۍ څوکۍ نیول شوې ده.
       *[other] ټولې { $capacity } څوکۍ نیول شوې دي.
    } که «راځم» ووهئ، د انتظار لړلیک ته به ورزیات شئ.
card-answer-with-note =
    ‏{ $answer }
    📝 همغږي کوونکو ته ستاسو یادښت: { $note }
card-cancelled =
    ❌ <b>دا غونډه لغوه شوه.</b>

    ‏{ $card }
card-changed =
    ✏️ <b>په غونډه کې بدلون:</b> { $title }{ $time }{ $venue }{ $agenda }{ $seats }

    په همدې چټ کې د غونډې کارت تازه شو.
card-change-time = { "" }
    🗓 وخت: { $old } ← { $new }
card-change-venue = { "" }
    📍 ځای: { $old } ← { $new }
card-change-agenda = { "" }
    📝 اجنډا: { $old } ← { $new }
card-change-seats = { "" }
    🪑 څوکۍ: { $old } ← { $new }
card-seats-count = { $count ->
        [one] یوه څوکۍ
       *[other] { $count } څوکۍ
    }
card-no-limit = بې محدودیته
card-nothing = (هیڅ)
rsvp-withdrawn = ستاسو ځواب بېرته واخیستل شو.
note-ask = د «{ $title }» همغږي کوونکو ته یوه کرښه ولیکئ ({ $limit ->
        [one] تر یو توري پورې
       *[other] تر { $limit } توریو پورې
    })، یا ⁦/cancel⁩ ووهئ.
note-saved = مننه. همغږي کوونکي ستاسو یادښت د ګډون تر څنګ ویني.
note-needs-cant-go = یادښت یوازې د «نه شم راتلای» ځواب سره ځي. لومړی ❌ نه شم راتلای ووهئ.
attendance-notes-title = 📝 د هغو کسانو یادښتونه چې نه شي راتلای:
attendance-note = ‏• { $name }: { $note }
