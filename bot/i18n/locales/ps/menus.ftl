## Starting a registration over
register-restart-ask = تاسو د <b>{ $name }</b> د ثبت په حال کې یاست. له سره یې پیل کوئ، که له هماغه ځایه دوام ورکوئ چې پاتې شوي وئ؟
register-restart-ask-unnamed = تاسو د یو سازمان د ثبت په حال کې یاست. له سره یې پیل کوئ، که له هماغه ځایه دوام ورکوئ چې پاتې شوي وئ؟
button-register-restart = 🔄 له سره پیل
button-register-continue = ▶️ دوام
register-restarted = له سره پیل شو؛ پخواني ځوابونه لرې شول.
register-continued = له هماغه ځایه دوام ورکوو چې پاتې شوي وئ.

## An application another coordinator decided
org-decided-approved = ✅ <b>{ $name }</b> د { $by } له خوا تایید شو.
org-decided-rejected = ❌ <b>{ $name }</b> د { $by } له خوا رد شو.

## Attendance: who answered what, by organization
attendance-going = ✅ راځي: { $names }
attendance-maybe = 🤔 کېدای شي: { $names }
attendance-declined = ❌ نه شي راتلای: { $names }
attendance-waitlist = ⏳ د انتظار لړلیک: { $names }
attendance-no-answer = ❔ بې ځوابه: { $names }
attendance-no-organization = ‏• بې سازمانه (همغږي کوونکي)
attendance-page = مخ { $page } له { $pages } څخه
button-previous = ‹ مخکینی
button-next = بل ›
