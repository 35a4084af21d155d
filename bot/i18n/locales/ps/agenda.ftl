## The agenda by dot voting: /agenda, a dot per tap, and the agenda when voting closes

cmd-agenda = د راتلونکې غونډې پر اجنډا رایه ورکړئ
button-agenda = 🗳 اجنډا
agenda-board =
    🗳 <b>د غونډې اجنډا: { $title }</b>
    ‏{ $when }
    خپل ټکي پر هغو اندېښنو کېږدئ چې غونډه باید لومړی پرې خبرې وکړي: پر یوې اندېښنې کېکاږئ چې ټکی پرې کېږدئ، بیا یې کېکاږئ چې بېرته یې واخلئ. پر هره اندېښنه یوازې یو ټکی.
    له { $dots } ټکو څخه { $left ->
        [one] یو ټکی
       *[other] { $left } ټکي
    } مو پاتې دي. رایه ورکول د غونډې په پیل بندېږي.

    { $lines }
agenda-final =
    🗳 <b>د غونډې اجنډا: { $title }</b>
    ‏{ $when }
    رایه ورکول بند شول. هغه اندېښنې چې تر ټولو ډېر ټکي یې اخیستي، په ترتیب سره:

    { $lines }
agenda-empty = تر اوسه د دې غونډې لپاره هېڅ اندېښنه نه ده تایید شوې.
agenda-line = ‏{ $rank }. { $text } (#{ $number }) — { $count ->
        [one] یو ټکی
       *[other] { $count } ټکي
    }
agenda-line-mine = ‏{ $rank }. ✅ { $text } (#{ $number }) — { $count ->
        [one] یو ټکی
       *[other] { $count } ټکي
    }
agenda-page = مخ { $page } له { $pages } څخه
agenda-button = ‏#{ $number } { $text }
agenda-button-mine = ‏✅ #{ $number } { $text }
agenda-no-meeting = تر اوسه هېڅ غونډه نه ده ټاکل شوې، نو د رایې لپاره اجنډا نشته.
agenda-dot-added = پر اندېښنه #{ $number } یو ټکی کېښودل شو.
agenda-dot-taken = ټکی له اندېښنې #{ $number } څخه بېرته واخیستل شو.
agenda-no-dots-left = تاسو خپل ټول { $dots ->
        [one] یو ټکی
       *[other] { $dots } ټکي
    } کارولي دي. لومړی له بلې اندېښنې څخه یو ټکی بېرته واخلئ.
agenda-voting-closed = د { $title } پر اجنډا رایه ورکول بند شوي دي.
agenda-concern-rejected = اندېښنه #{ $number } رد شوې ده، نو ټکی نه اخلي.
agenda-concern-merged = اندېښنه #{ $number } له بلې اندېښنې سره یو ځای شوې ده: خپل ټکی پر هغې کېږدئ.
agenda-concern-submitted = اندېښنه #{ $number } تر اوسه نه ده تایید شوې، نو ټکی نه اخلي.
card-agenda = { $note }
    🗳 <b>د غونډې اجنډا</b>{ $items }
card-agenda-item = { "" }
    ‏{ $rank }. #{ $number } { $text }{ $rest }
