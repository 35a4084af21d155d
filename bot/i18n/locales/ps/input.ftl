# Hostile or odd input: refusals with a reason the person can act on.
error-control-character = په دې متن کې یو نه لیدل کېدونکی کنټرولي نښه شته (له ځینو اپلیکېشنونو څخه کاپي کول داسې کوي). مهرباني وکړئ بیا یې ولیکئ.
date-far = «{ $text }» ډېر لرې دی: مهرباني وکړئ په راتلونکو ۵ کلونو کې یوه نېټه وټاکئ.
