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
concern-decided-merged = 🔗 ستاسو د { $number } شمېرې اندېښنه د { $target } شمېرې له اندېښنې سره یو ځای شوه چې هماغه خبره کوي؛ رایې یې هلته شمېرل کېږي.
concern-digest =
    { $count ->
        [one] 📥 یوه اندېښنه د پرېکړې په تمه ده. د ⁦/review⁩ په مرسته یې وګورئ.
       *[other] 📥 { $count } اندېښنې د پرېکړې په تمه دي. د ⁦/review⁩ په مرسته یې وګورئ.
    }
