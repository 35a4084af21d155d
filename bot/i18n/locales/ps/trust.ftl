# Who may see what: refusals for people outside the network.
error-network-only = دا برخه یوازې د شبکې د سازمانونو د غړو لپاره ده. د هغه لینک له لارې خپل سازمان ته ورګډ شئ چې ستاسو د سازمان مدیر یې درکوي (یا کوډ له ⁦/join⁩ سره ولېږئ)، یا د ⁦/register⁩ په مرسته نوی سازمان ثبت کړئ.

# Promoting and demoting coordinators: exact person, then a confirmation.
person-identity = { $name } (‏{ $username }، د تلګرام پېژند شمېره { $id })
promote-reference-invalid = { $reference } د تلګرام پېژند شمېره یا کارن نوم نه دی. شمېره ولېږئ، یا کارن نوم په سمه توګه له ⁦@⁩ سره ولېږئ.
promote-confirm = دا کس همغږي کوونکی شي؟ دوی به وکولی شي سازمانونه تایید کړي، غونډې وټاکي او د ټولو غړو ځوابونه وویني.
    ‏{ $who }
demote-confirm = د همغږي کوونکي رول له دې کس څخه واخیستل شي؟
    ‏{ $who }
button-promote = هو، همغږي کوونکی دې شي
button-demote = هو، دې واخیستل شي
roles-unchanged = هېڅ شی بدل نه شو.

meeting-not-found = د { $number } شمېرې غونډه نشته. ⁦/meetings⁩ غونډې ښيي.

# When something breaks, and when nobody can review an application.
error-internal-id = بښنه غواړم، زما له خوا کومه ستونزه پېښه شوه. مهرباني وکړئ یو څو شېبې وروسته بیا هڅه وکړئ. که بیا پېښه شوه، دا د تېروتنې شمېره یو همغږي کوونکي ته ورکړئ: { $id }
error-alert = ⚠️ د یو پیغام یا تڼۍ د څېړلو پر مهال ستونزه پېښه شوه. د تېروتنې شمېره: { $id }. جزئیات یې په همدې شمېره د روبوټ په راپور کې ثبت دي. (دا خبر په څو دقیقو کې تر یو ځل زیات نه لېږل کېږي.)
register-submitted-no-coordinators = د <b>{ $name }</b> لپاره ستاسو غوښتنه خوندي شوه، خو تر اوسه هېڅ همغږي کوونکي دا روبوټ نه دی پیل کړی، نو هېڅوک ترې خبر نه دي. له هغه چا وغواړئ چې روبوټ چلوي چې یو همغږي کوونکی ورزیات کړي؛ هغوی به غوښتنه د ⁦/pending⁩ په مرسته ومومي.
