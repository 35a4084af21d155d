## The outcome summary: /summary, the post to the group and its chart

cmd-summary = د غونډې د پایلو لنډیز کتل او ګروپ ته یې لېږل
summary =
    📋 <b>د غونډې پایلې: { $title }</b>
    🗓 وخت: { $when }
    📍 ځای: { $venue }

    { $lines }
summary-attendance = <b>حاضري</b>: { $count ->
    [one] یو کس حاضر شو
   *[other] { $count } کسان حاضر شول
}
summary-answer-going = ‏• ویې ویل راځو: { $answered }؛ له دوی څخه { $came } راغلل
summary-answer-maybe = ‏• ویې ویل کېدای شي: { $answered }؛ له دوی څخه { $came } راغلل
summary-answer-declined = ‏• ویې ویل نه شو راتلای: { $answered }؛ له دوی څخه { $came } راغلل
summary-answer-none = ‏• بې ځوابه راغلل: { $came }
summary-organizations = 🏢 حاضر بنسټونه: له { $approved } څخه { $represented }
summary-agenda = <b>اجنډا، د ټکو په ترتیب</b>
summary-agenda-item = ‏{ $rank }. #{ $number } { $text } ({ $dots ->
    [one] یو ټکی
   *[other] { $dots } ټکي
})
summary-agenda-none = په اجنډا کې هېڅ اندېښنه نه وه.
summary-voice = (غږیز پیغام)
summary-photo = (انځور)
summary-motions = <b>وړاندیزونه</b>
summary-motion-open = 🗳 { $question }: رایه ورکول تر { $closes } پورې پرانیستي دي.
summary-motions-none = هېڅ وړاندیز رایې ته نه دی وړاندې شوی.
summary-outcome-none = هېڅ پرېکړه یا د تعقیب کار نه دی ثبت شوی.
summary-decisions = <b>پرېکړې</b>
summary-decision = ‏• { $text }
summary-actions = <b>د تعقیب کارونه</b>
summary-action = ‏• { $text }{ $details }
summary-action-owner-due = { "" } — مسؤول: { $owner }، تر { $due } پورې
summary-action-owner = { "" } — مسؤول: { $owner }
summary-action-due = { "" } — تر { $due } پورې
summary-next = ➡️ راتلونکې غونډه: { $when }
summary-next-none = ➡️ راتلونکې غونډه لا نه ده ټاکل شوې.

summary-chart-caption = 📊 { $title }: حاضري او هغه اندېښنې چې تر ټولو ډېر ټکي یې اخیستي
summary-chart-attendance = حاضري: { $count ->
    [one] یو کس حاضر شو
   *[other] { $count } کسان حاضر شول
}
summary-chart-legend-answered = ځواب یې ورکړ
summary-chart-legend-came = حاضر شول
summary-chart-going = ویې ویل راځو
summary-chart-maybe = ویې ویل کېدای شي
summary-chart-declined = ویې ویل نه شو راتلای
summary-chart-no-answer = بې ځوابه راغلل
summary-chart-came-of = له { $answered } څخه { $came } راغلل
summary-chart-came = { $came } راغلل
summary-chart-nobody = هېچا ځواب نه دی ورکړی او هېڅوک نه دي حاضر شوي.
summary-chart-concerns = هغه اندېښنې چې تر ټولو ډېر ټکي یې اخیستي
summary-chart-concern = ‏#{ $number } { $text }
summary-chart-dots = { $dots ->
    [one] یو ټکی
   *[other] { $dots } ټکي
}
summary-chart-no-concerns = په اجنډا کې هېڅ اندېښنه نه وه.

summary-post-ask = دا لنډیز همدا اوس د همغږۍ ګروپ ته ولېږل شي؟ نور همغږي کوونکي به یې هم ترلاسه کړي.
summary-button-post = 📣 ګروپ ته لېږل
summary-posted = ✅ لنډیز د همغږۍ ګروپ او همغږي کوونکو ته لېږل کېږي.
summary-posted-before = دا لنډیز مخکې په { $when } ګروپ ته لېږل شوی دی.
summary-no-group-yet = لا د همغږۍ ګروپ نه دی ټاکل شوی: ما ګروپ ته ور زیات کړئ او هلته ⁦/bindgroup⁩ ولېږئ، بیا د لنډیز د لېږلو لپاره بیا ⁦/summary⁩ ولېږئ.
summary-already-posted = د { $title } لنډیز مخکې په { $when } لېږل شوی دی.
summary-not-ended = { $title } لا نه ده پای ته رسېدلې: لنډیز یې له { $end } وروسته جوړېدای شي.
summary-no-meeting = تر اوسه هېڅ غونډه نه ده شوې، نو د لنډیز لپاره څه نشته.
summary-no-group = د همغږۍ ګروپ نه دی ټاکل شوی: ما ګروپ ته ور زیات کړئ او هلته ⁦/bindgroup⁩ ولېږئ، بیا بیا هڅه وکړئ.
