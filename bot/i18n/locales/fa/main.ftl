# Shura — Dari (fa) messages.
# Messages are Telegram HTML: only <b>, <i>, <u>, <s>, <code>, <pre>, <a href>, <blockquote>.
# Every { $placeholder } is filled in by the bot; text people typed arrives already escaped.

## Roles, kinds and statuses (used inside other messages)

role-member = عضو
role-admin = مدیر
role-delegate = نماینده
role-admin-delegate = مدیر و نماینده
kind-ngo = نهاد غیردولتی
kind-media = رسانه
kind-university = پوهنتون یا گروه محصلان
kind-union = اتحادیه یا شبکه
kind-other = دیگر
status-pending = در انتظار تأیید
status-approved = تأیید شده
status-rejected = رد شده
status-suspended = تعلیق‌شده

## Commands (shown in Telegram's command menu and in /help; plain text)

cmd-start = شروع، یا دیدن کارهایی که می‌توانید انجام دهید
cmd-help = فهرست دستورهایی که می‌توانید استفاده کنید
cmd-language = تغییر زبان
cmd-myorgs = نهادهای شما
cmd-orgs = نهادهای عضو شبکه
cmd-join = پیوستن به یک نهاد با کد دعوت
cmd-register = ثبت نهاد شما
cmd-cancel = توقف کاری که در حال انجام است
cmd-invite = لینک دعوت نهاد شما
cmd-members = مدیریت اعضای نهاد شما
cmd-pending = نهادهای در انتظار تأیید
cmd-promote = تعیین یک نفر به حیث هماهنگ‌کننده
cmd-demote = پس گرفتن نقش هماهنگ‌کننده
cmd-bindgroup = تعیین این گروپ به حیث گروپ هماهنگی

## Buttons (plain text)

button-approve = ✅ تأیید
button-reject = ❌ رد
button-skip = صرف‌نظر
button-submit = ✅ ارسال
button-cancel = لغو
button-revoke-invite = 🔄 لینک نو (قبلی باطل می‌شود)
button-make-delegate = تعیین به حیث نماینده
button-make-admin = تعیین به حیث مدیر
button-remove-admin = لغو نقش مدیر
button-remove-member = حذف از نهاد
button-confirm-remove = بلی، حذف شود
button-back = ‹ برگشت

## Start, language, help

language-choose = Choose your language · زبان خود را انتخاب کنید · خپله ژبه وټاکئ
language-set = زبان به دری تنظیم شد.
welcome =
    سلام { $name }! من شورا هستم، دستیار جلسه ماهوار هماهنگی شبکه شما.

    { $intro }

    با ⁦/help⁩ همه کارهایی را که می‌توانید انجام دهید ببینید.
welcome-newcomer = برای اشتراک، با لینک دعوتی که مدیر نهاد شما می‌دهد به نهاد خود بپیوندید (یا کد را با ⁦/join⁩ بفرستید)، یا با ⁦/register⁩ یک نهاد نو ثبت کنید.
welcome-member = شما عضو یکی از نهادهای شبکه هستید. ⁦/myorgs⁩ نهادهای شما را نشان می‌دهد.
welcome-admin = شما مدیر یک نهاد هستید: با ⁦/invite⁩ لینک دعوت آن را می‌گیرید و با ⁦/members⁩ اعضای آن را مدیریت می‌کنید.
welcome-coordinator = شما هماهنگ‌کننده هستید: نهادها را تأیید می‌کنید (⁦/pending⁩) و جلسات شبکه را برگزار می‌کنید.
help =
    <b>کارهایی که می‌توانید انجام دهید</b>
    { $commands }
cancel-done = لغو شد. چیزی ذخیره نشد.
cancel-nothing = چیزی برای لغو کردن نیست.

## Registering an organization

register-ask-name = نام نهاد شما چیست؟ (حداکثر { $limit } حرف؛ برای توقف ⁦/cancel⁩ را بفرستید)
register-name-taken = نهادی به نام «{ $name }» قبلاً ثبت شده است. اگر از شماست، لینک دعوت را از مدیر آن بخواهید؛ در غیر آن، نام دیگری انتخاب کنید.
register-ask-kind = نهاد شما از کدام نوع است؟
register-use-buttons = لطفاً با دکمه‌های بالا انتخاب کنید، یا برای توقف ⁦/cancel⁩ را بفرستید.
register-kind-chosen = نوع: { $kind }
register-ask-province = نهاد در کدام ولایت است؟ (حداکثر { $limit } حرف)
register-ask-district = در کدام ولسوالی؟
register-ask-focus = در یک جمله بنویسید: نهاد شما در چه زمینه‌ای کار می‌کند؟ (حداکثر { $limit } حرف)
register-ask-contact = یک راه تماس برای هماهنگ‌کننده‌ها (شماره تماس، ایمیل یا ویب‌سایت) بنویسید، حداکثر { $limit } حرف؛ یا دکمه «صرف‌نظر» را بزنید.
register-contact-skipped = راه تماس داده نشد.
register-summary =
    <b>لطفاً درخواست خود را بررسی کنید</b>
    نام: { $name }
    نوع: { $kind }
    ولایت: { $province }
    ولسوالی: { $district }
    ساحه کاری: { $focus }
    راه تماس: { $contact }
register-submitted = درخواست شما برای <b>{ $name }</b> به هماهنگ‌کننده‌ها فرستاده شد. وقتی تصمیم بگیرند، به شما خبر می‌دهم.

## Coordinators deciding

org-review =
    <b>نهاد نو در انتظار تأیید</b>
    نام: { $name }
    نوع: { $kind }
    ولایت: { $province }
    ولسوالی: { $district }
    ساحه کاری: { $focus }
    راه تماس: { $contact }
    ثبت‌کننده: { $registrant } ({ $username })
pending-none = هیچ نهادی در انتظار تأیید نیست.
pending-count = { $count ->
    [one] { $count } نهاد در انتظار تأیید است:
   *[other] { $count } نهاد در انتظار تأیید است:
}
org-approved-done = ✅ شما <b>{ $name }</b> را تأیید کردید.
org-approved = 🎉 <b>{ $name }</b> تأیید شد! شما مدیر آن هستید. ⁦/invite⁩ را بفرستید تا لینکی را بگیرید که اعضا با آن می‌پیوندند.
org-ask-reason = چرا <b>{ $name }</b> رد می‌شود؟ دلیل را در یک پیام بنویسید؛ ثبت‌کننده آن را می‌خواند. (برای توقف ⁦/cancel⁩ را بفرستید)
org-rejected-done = ❌ شما <b>{ $name }</b> را رد کردید. دلیل رد به ثبت‌کننده اطلاع داده شد.
org-rejected =
    درخواست شما برای <b>{ $name }</b> تأیید نشد.
    دلیل: { $reason }
    می‌توانید آن را اصلاح کنید و با ⁦/register⁩ دوباره درخواست بدهید.
org-already-decided = درباره { $name } قبلاً تصمیم گرفته شده است: { $status }.

## Invites and members

pick-organization = کدام نهاد؟
invite-link =
    لینک دعوت برای <b>{ $name }</b>:
    { $link }

    یا کد <code>{ $code }</code> را با ⁦/join⁩ بفرستید. این لینک تا { $expires } اعتبار دارد. آن را فقط با اعضای نهاد خود شریک کنید.
invite-revoked = لینک قبلی دیگر کار نمی‌کند.
join-usage = کد را این‌طور بفرستید: ⁦/join abc234xyz9⁩ — یا لینک دعوتی را که مدیر نهاد شما شریک کرده است، باز کنید.
join-code-missing = در این لینک دعوت کدی نیست. لینک را دوباره از مدیر نهاد خود بخواهید.
join-code-unknown = این کد دعوت وجود ندارد. آن را بررسی کنید، یا از مدیر نهاد خود یک لینک نو بخواهید.
join-code-revoked = این لینک دعوت { $name } با یک لینک نو عوض شده است. لینک فعلی را از مدیر بخواهید.
join-code-expired = مدت اعتبار این لینک دعوت { $name } تمام شده است. از مدیر یک لینک نو بخواهید.
join-already-member = شما قبلاً عضو { $name } هستید.
join-done = به <b>{ $name }</b> خوش آمدید! شما اکنون عضو هستید. دعوت‌نامه‌های جلسات را همین‌جا دریافت می‌کنید.
myorgs-none = شما هنوز عضو هیچ نهادی نیستید. با لینک دعوت نهاد خود بپیوندید، یا با ⁦/register⁩ یک نهاد ثبت کنید.
myorgs =
    <b>نهادهای شما</b>
    { $lines }
myorgs-line = • { $name } — { $role } (وضعیت: { $status })
myorgs-application = • { $name } — درخواست شما: { $status }
orgs-none = هنوز هیچ نهادی تأیید نشده است.
orgs =
    <b>نهادهای عضو شبکه ({ $count })</b>
    { $lines }
orgs-line = • <b>{ $name }</b> — { $kind }، { $district }، { $province }
members-list = <b>{ $name }</b>: { $count } عضو (صفحه { $page } از { $pages }). برای مدیریت یک عضو، روی نام او بزنید. ★ مدیر، ✋ نماینده.
member-card =
    ‏<b>{ $name }</b> ({ $username })
    نقش در { $org }: { $role }
member-remove-confirm = <b>{ $name }</b> از { $org } حذف شود؟
member-removed = { $name } حذف شد.
member-now-delegate = { $name } اکنون نماینده است.
member-now-admin = { $name } اکنون مدیر است.
member-no-longer-admin = { $name } دیگر مدیر نیست.
members-gone = این شخص دیگر عضو نهاد نیست.
members-last-admin = هر نهاد باید دست‌کم یک مدیر داشته باشد. اول شخص دیگری را به حیث مدیر تعیین کنید.

## Coordinators

promote-usage = دستور ⁦/promote⁩ را همراه با آی‌دی تلگرام یا ⁦@username⁩ آن شخص بفرستید، مثلاً ⁦/promote @username⁩. آن شخص باید قبلاً ربات را شروع کرده باشد.
demote-usage = دستور ⁦/demote⁩ را همراه با آی‌دی تلگرام یا ⁦@username⁩ آن شخص بفرستید.
promote-unknown-person = { $reference } را نمی‌شناسم. آن شخص اول باید ربات را شروع کند؛ بعد دوباره کوشش کنید.
promote-already = { $name } قبلاً هماهنگ‌کننده است.
promote-done = { $name } اکنون هماهنگ‌کننده است.
promote-notice = شما اکنون هماهنگ‌کننده شبکه هستید. ⁦/help⁩ دستورهای نو شما را نشان می‌دهد.
demote-done = { $name } دیگر هماهنگ‌کننده نیست.
demote-notice = شما دیگر هماهنگ‌کننده شبکه نیستید.
demote-configured = { $name } از طریق تنظیمات ربات (⁦SHURA_COORDINATORS⁩) هماهنگ‌کننده است؛ فقط کسی که ربات را اداره می‌کند می‌تواند آن را تغییر دهد.
demote-not-coordinator = { $name } هماهنگ‌کننده نیست.
group-bound = این گروپ اکنون گروپ هماهنگی شبکه است. اطلاعیه‌های جلسات، نتیجه‌ها و خلاصه‌ها را این‌جا می‌فرستم. پیام‌های شخصی (دعوت‌نامه‌ها، رأی‌ها، نگرانی‌ها) در چت خصوصی می‌مانند.

## Mistakes and refusals

error-private-only = لطفاً این دستور را در چت خصوصی با من استفاده کنید.
error-group-only = این دستور فقط در گروپ کار می‌کند: آن را در گروپ مورد نظر خود بفرستید.
error-stale-button = این دکمه دیگر اعتبار ندارد. لطفاً دوباره شروع کنید.
error-coordinators-only = فقط هماهنگ‌کننده‌ها می‌توانند این کار را بکنند.
error-org-admins-only = فقط مدیران { $name } می‌توانند این کار را بکنند.
error-not-org-admin = شما مدیر هیچ نهادی نیستید. با ⁦/register⁩ یک نهاد ثبت کنید، یا از مدیر نهاد خود بپرسید.
error-org-not-active = { $name } در حال حاضر در شبکه فعال نیست.
error-empty = پیام شما خالی بود. لطفاً جواب بنویسید، یا برای توقف ⁦/cancel⁩ را بفرستید.
error-too-long = این متن { $length } حرف است؛ لطفاً آن را به { $limit } حرف یا کمتر کوتاه کنید.
error-no-conversation = متوجه نشدم. ⁦/help⁩ نشان می‌دهد که چه کارهایی می‌توانید انجام دهید.
error-text-only = لطفاً با متن جواب بدهید، یا برای توقف ⁦/cancel⁩ را بفرستید.
error-unknown-command = این دستور را نمی‌شناسم. ⁦/help⁩ نشان می‌دهد که چه کارهایی می‌توانید انجام دهید.
error-internal = ببخشید، از طرف من مشکلی پیش آمد. لطفاً چند لحظه بعد دوباره کوشش کنید.

## Meetings: commands and buttons

cmd-next = جلسه بعدی و جواب شما
cmd-meetings = جلسات پیش رو
cmd-newmeeting = برنامه‌ریزی یک جلسه نو
cmd-series = تنظیم یا توقف برنامه ماهوار جلسات
cmd-editmeeting = تغییر زمان، محل، اجندا یا ظرفیت جلسه
cmd-cancelmeeting = لغو یک جلسه
cmd-attendance = چه کسانی در جلسه اشتراک می‌کنند
cmd-deliveries = پیام‌هایی که برای یک جلسه فرستاده شده است
button-going = ✅ می‌آیم
button-maybe = 🤔 شاید
button-cant-go = ❌ نمی‌توانم بیایم
button-calendar = 📅 افزودن به تقویم
button-schedule = ✅ ثبت جلسه
button-confirm-cancel-meeting = بلی، جلسه لغو شود
button-keep-meeting = نخیر، لغو نشود
button-no-limit = بدون محدودیت
button-edit-time = 🗓 تاریخ و ساعت
button-edit-venue = 📍 محل
button-edit-agenda = 📝 اجندا
button-edit-capacity = 🪑 ظرفیت
blank = { "" }
skipped = صرف‌نظر شد.

## Meetings: what a meeting looks like

meeting-card =
    ‏<b>{ $title }</b>
    🗓 زمان: { $when }
    📍 محل: { $venue }{ $agenda }{ $capacity }{ $deadline }
meeting-agenda-line = { "" }
    📝 اجندا: { $agenda }
meeting-capacity-line = { "" }
    🪑 ظرفیت: { $capacity } نفر
meeting-seats-line = { "" }
    🪑 ظرفیت: { $capacity } نفر، { $free } جای خالی
meeting-deadline-line = { "" }
    ⏳ لطفاً تا { $deadline } جواب بدهید
meeting-button = ‏{ $title } · { $when }
rsvp-answer-none = شما هنوز جواب نداده‌اید.
rsvp-answer-going = جواب شما: ✅ می‌آیم
rsvp-answer-maybe = جواب شما: 🤔 شاید
rsvp-answer-declined = جواب شما: ❌ نمی‌توانم بیایم
rsvp-answer-waitlist = ظرفیت جلسه پر است: نام شما در فهرست انتظار، شماره { $position } است. وقتی جایی خالی شود، به شما خبر می‌دهم.

## Meetings: messages people receive

invitation =
    📩 <b>شما به جلسه شبکه دعوت شده‌اید</b>

    { $card }

    { $answer }
reminder =
    ⏰ <b>یادآوری</b>

    { $card }

    { $answer }
nudge =
    📩 <b>می‌آیید؟</b> لطفاً یکی از جواب‌ها را انتخاب کنید تا هماهنگ‌کننده‌ها بتوانند برنامه‌ریزی کنند.

    { $card }

    { $answer }
update =
    ✏️ <b>جلسه تغییر کرد</b>

    { $card }

    { $answer }
promotion =
    🎉 <b>یک جای خالی شد: شما در جلسه اشتراک می‌کنید!</b>

    { $card }

    { $answer }
next-meeting =
    <b>جلسه بعدی</b>

    { $card }

    { $answer }
rsvp-card =
    ‏{ $card }

    { $answer }
meeting-cancelled-notice = ❌ <b>لغو شد:</b> { $title }، { $when }. این جلسه برگزار نمی‌شود.
calendar-caption = این فایل را باز کنید تا «{ $title }» به تقویم شما اضافه شود. اگر جلسه تغییر کند، فایل نو را باز کنید: همان مورد در تقویم به‌روز می‌شود.

## Meetings: coordinators

meeting-ask-title = عنوان جلسه چیست؟ (حداکثر { $limit } حرف؛ برای توقف ⁦/cancel⁩ را بفرستید)
meeting-ask-when =
    جلسه چه وقت است؟ تاریخ و ساعت را به { $zone } (با ارقام انگلیسی یا دری) به یکی از این دو شکل بنویسید:
    • هجری شمسی: <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code>، یا
    • میلادی: <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code>
meeting-ask-venue = جلسه در کجا برگزار می‌شود؟ نام محل یا یک لینک آنلاین بنویسید (حداکثر { $limit } حرف).
meeting-ask-agenda = یک یادداشت کوتاه درباره اجندا بنویسید (حداکثر { $limit } حرف)، یا «صرف‌نظر» را بزنید.
meeting-ask-capacity = ظرفیت جلسه چند نفر است؟ یک عدد بفرستید؛ اگر محدودیتی نیست، دکمه زیر را بزنید.
meeting-ask-deadline = اعضا تا چه وقت می‌توانند جواب بدهند؟ تاریخ و ساعت را به { $zone } بنویسید، مثلاً <code>⁦۱۴۰۵-۰۹-۲۸ ۱۸:۰۰⁩</code>؛ یا «صرف‌نظر» را بزنید تا جواب دادن تا شروع جلسه ممکن باشد.
meeting-preview =
    <b>لطفاً جلسه را بررسی کنید</b>

    { $card }
meeting-scheduled =
    ✅ جلسه ثبت شد (شماره { $id }):

    { $card }

    دعوت‌نامه‌ها برای { $people } عضو نهادهای تأییدشده فرستاده می‌شود.
meeting-edit-what =
    چه چیزی را می‌خواهید تغییر دهید؟

    { $card }
meeting-edited =
    ✅ تغییر داده شد. به همه کسانی که دعوت شده‌اند خبر داده می‌شود.

    { $card }
meeting-cancel-confirm =
    این جلسه لغو شود؟ به همه کسانی که دعوت شده‌اند خبر داده می‌شود.

    { $card }
meeting-cancelled-done = ❌ { $title } لغو شد. به همه کسانی که دعوت شده‌اند خبر داده می‌شود.
meeting-kept = { $title } بدون تغییر می‌ماند.
meetings-none = هیچ جلسه‌ای برنامه‌ریزی نشده است.
meetings-list =
    <b>جلسات پیش رو</b>
    { $lines }
meetings-line = • شماره { $id }: { $title } — { $when }
pick-meeting = کدام جلسه؟
meeting-id-invalid = «{ $text }» شماره جلسه نیست. ⁦/meetings⁩ شماره‌ها را نشان می‌دهد.
attendance =
    <b>وضعیت اشتراک: { $title }</b>
    ‏{ $when }{ $capacity }

    { $total }

    به تفکیک نهاد:
    { $lines }
attendance-total = ✅ { $going } می‌آیند · 🤔 { $maybe } شاید · ❌ { $declined } نمی‌آیند · ⏳ { $waitlist } در انتظار · ❔ { $none } بدون جواب
attendance-org = ‏• { $name }: ✅ { $going } · 🤔 { $maybe } · ❌ { $declined } · ⏳ { $waitlist } · ❔ { $none }
deliveries =
    <b>ارسال پیام‌ها: { $title }</b>
    ‏{ $when }

    📨 فرستاده شد: { $sent }
    ⏳ در انتظار: { $pending }
    🚫 نرسید (ربات را بلاک کرده یا هیچ‌وقت شروع نکرده): { $unreachable }
    ⚠️ ناکام پس از چند کوشش: { $failed }
    ⏭ فرستاده نشد (دیگر لازم نبود): { $skipped }

## Monthly series

series-week-1 = اولین
series-week-2 = دومین
series-week-3 = سومین
series-week-4 = چهارمین
series-week--1 = آخرین
weekday-0 = دوشنبه
weekday-1 = سه‌شنبه
weekday-2 = چهارشنبه
weekday-3 = پنجشنبه
weekday-4 = جمعه
weekday-5 = شنبه
weekday-6 = یکشنبه
series-rule = { $week } { $weekday } هر ماه { $calendar }، ساعت { $time }
series-none = هیچ برنامه ماهواری تنظیم نشده است.
series-current =
    برنامه ماهوار: { $rule }.
    عنوان: { $title }
    جلسه بعدی: { $next }
series-ask-week = برای تنظیم برنامه نو، هفته ماه را انتخاب کنید (یا برای توقف برنامه فعلی ⁦/series off⁩ را بفرستید):
series-ask-weekday = { $week } … کدام روز هفته؟
series-ask-time = در کدام ساعت، به { $zone }؟ مثلاً <code>⁦۱۴:۰۰⁩</code>.
series-time-invalid = لطفاً ساعت را این‌طور بنویسید: <code>⁦۱۴:۰۰⁩</code>.
series-stopped = برنامه ماهوار «{ $title }» متوقف شد. جلساتی که قبلاً ایجاد شده‌اند باقی می‌مانند.
series-created-meeting =
    ✅ جلسه بعدی ایجاد شد:

    { $card }
series-will-create = جلسه بعدی { $lead } روز پیش از برگزاری آن ایجاد می‌شود.

## Meetings: mistakes

date-format = «{ $text }» را نتوانستم بخوانم. لطفاً آن را این‌طور بنویسید: <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> یا <code>⁦۲۰۲۶-۱۲-۲۱ ۱۴:۰۰⁩</code>.
date-nonexistent = «{ $text }» تاریخ و ساعت درستی نیست. لطفاً روز و ماه را بررسی کنید.
date-past = این زمان گذشته است. لطفاً زمانی در آینده انتخاب کنید.
meeting-capacity-invalid = «{ $text }» عدد درستی برای ظرفیت نیست. یک عدد کامل مانند ۴۰ بفرستید، یا «صرف‌نظر» را بزنید.
meeting-deadline-after-start = مهلت جواب دادن باید پیش از شروع جلسه باشد.
meeting-is-cancelled = { $title } لغو شده است.
meeting-is-past = { $title } قبلاً شروع شده است؛ دیگر نمی‌توان آن را تغییر داد یا به آن جواب داد.
rsvp-closed = جواب دادن به { $title } بسته شده است: مهلت آن گذشته است.
rsvp-not-invited = فقط اعضای نهادهای شبکه می‌توانند جواب بدهند. اول با لینک دعوت نهاد خود به آن بپیوندید.

## Meetings: the coordination group

group-meeting-scheduled =
    📅 <b>جلسه نو</b>

    { $card }

    اعضا دعوت‌نامه خود را در چت خصوصی با من دریافت می‌کنند.
group-meeting-changed =
    ✏️ <b>جلسه تغییر کرد</b>

    { $card }
group-meeting-cancelled =
    ❌ <b>جلسه لغو شد</b>

    { $card }

## Monthly series: whose months

series-ask-calendar = کدام ماه‌ها؟ هجری شمسی (حمل، ثور، …) یا میلادی (جنوری، فبروری، …)؟
series-calendar-solar_hijri = هجری شمسی
series-calendar-gregorian = میلادی
button-calendar-solar_hijri = ماه‌های هجری شمسی
button-calendar-gregorian = ماه‌های میلادی
