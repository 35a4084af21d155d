# Who may see what: refusals for people outside the network.
error-network-only = دا برخه یوازې د شبکې د سازمانونو د غړو لپاره ده. د هغه لینک له لارې خپل سازمان ته ورګډ شئ چې ستاسو د سازمان مدیر یې درکوي (یا کوډ له ⁦/join⁩ سره ولېږئ)، یا د ⁦/register⁩ په مرسته نوی سازمان ثبت کړئ.
