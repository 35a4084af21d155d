## Motions: opening one, ballots, results, proxies

cmd-motion = گشودن یک طرح برای رأی‌گیری اعضا یا نهادها
cmd-vote = طرح‌های باز و رأی شما
cmd-ballots = چه کسی به کدام گزینه رأی داد (طرح‌های علنی)
cmd-proxy = ثبت رأی یا پاسخ برای کسی که تلفن ندارد

motion-option-yes = بلی
motion-option-no = نخیر
motion-option-abstain = ممتنع

motion-no-meeting = هیچ جلسه آینده‌ای نیست که طرح به آن مربوط شود. نخست با ⁦/newmeeting⁩ یک جلسه تعیین کنید.
motion-pick-meeting = این طرح برای کدام جلسه است؟
motion-meeting-chosen = طرح برای جلسه: <b>{ $title }</b>
motion-ask-question = پرسش طرح برای <b>{ $title }</b> چیست؟ آن را در یک سطر بنویسید (حداکثر { $limit } حرف).
motion-ask-options = گزینه‌ها چه باشند؟ برای «بلی / نخیر / ممتنع» دکمه را بزنید، یا گزینه‌های خود را بفرستید، هر گزینه در یک سطر: { $low } تا { $high } گزینه، هر کدام حداکثر { $limit } حرف.
motion-button-standard = بلی / نخیر / ممتنع
motion-standard-chosen = گزینه‌ها: بلی / نخیر / ممتنع
motion-options-count = { $low } تا { $high } گزینه بفرستید، هر گزینه در یک سطر.
motion-option-too-long = هر گزینه حداکثر { $limit } حرف می‌تواند باشد. لطفاً آن را کوتاه کنید و فهرست را دوباره بفرستید.
motion-options-repeated = دو گزینه یکسان است. فهرست را دوباره بفرستید و هر گزینه را یک بار بنویسید.
motion-ask-voters = چه کسی رأی می‌دهد؟
motion-button-each-member = هر عضو
motion-button-each-org = هر نهاد (از طریق نماینده‌اش)
motion-voters-per_member = رأی‌دهندگان: هر عضو
motion-voters-per_organization = رأی‌دهندگان: هر نهاد، از طریق نماینده‌اش (اگر نماینده تعیین نکرده باشد، مدیر آن)
motion-ask-secret = رأی‌گیری مخفی باشد یا علنی؟
motion-button-secret = مخفی: فقط مجموع رأی‌ها نشان داده می‌شود
motion-button-public = علنی: هماهنگ‌کنندگان رأی هر کس را می‌بینند
motion-secret-note = 🔒 رأی‌گیری مخفی: فقط مجموع رأی‌ها نشان داده می‌شود.
motion-public-note = 👁 رأی‌گیری علنی: هماهنگ‌کنندگان می‌توانند رأی هر کس را ببینند.
motion-ask-quorum = چند درصد رأی‌دهندگان واجد شرایط باید رأی بدهند تا نتیجه معتبر باشد (نصاب)؟ دکمه‌ای را بزنید یا عددی از ۰ تا ۱۰۰ بفرستید.
motion-button-quorum = { $percent }٪
motion-quorum-invalid = نصاب را به درصد، از ۰ تا ۱۰۰ بفرستید، مثلاً ۵۰.
motion-quorum-chosen = نصاب: { $percent }٪
motion-ask-closes = رأی‌گیری چه وقت بسته شود؟ دکمه‌ای را بزنید، یا تاریخ و ساعت را بفرستید، مثلاً <code>⁦۱۴۰۵-۰۹-۳۰ ۱۴:۰۰⁩</code> ({ $zone }).
motion-button-closes-start = هنگام شروع جلسه
motion-button-closes-end = هنگام پایان جلسه
motion-button-closes-24h = پس از ۲۴ ساعت
motion-closes-past = این زمان گذشته است. زمانی در آینده انتخاب کنید.
motion-closes-chosen = رأی‌گیری { $closes } بسته می‌شود.
motion-option-line = ‏• { $option }
motion-line =
    ‏{ $line }
    { $rest }
motion-preview =
    <b>این طرح گشوده شود؟</b>

    ‏❓ { $question }
    { $options }
    { $voters }
    { $how }
    نصاب: { $quorum }٪
    پایان رأی‌گیری: { $closes }
motion-button-open = گشودن طرح
motion-opened = ✅ طرح شماره { $id } گشوده شد: { $question }. برگه‌های رأی در حال ارسال است.

motion-ballot =
    ‏🗳 <b>{ $question }</b>

    { $how }
    رأی‌گیری { $closes } بسته می‌شود. تا آن زمان می‌توانید رأی خود را تغییر دهید.

    { $choice }
motion-no-choice-yet = هنوز رأی نداده‌اید.
motion-your-choice = رأی شما: <b>{ $option }</b>
motion-org-choice = ‏{ $organization }: <b>{ $option }</b>
motion-button-chosen = ‏✅ { $option }
motion-ballot-saved = رأی شما ثبت شد.
motion-org-header = دکمه‌های زیر برای این نهاد رأی می‌دهند.
motion-none-open = هیچ طرح بازی برای رأی دادن ندارید.
motion-open-list = { $count } طرح برای رأی شما باز است. روی یکی بزنید تا برگه رأی را ببینید.

motion-not-member = فقط اعضای نهادهای شبکه می‌توانند رأی بدهند.
motion-not-delegate = شما در این طرح از طرف آن نهاد رأی نمی‌دهید: نماینده آن رأی می‌دهد (یا اگر نماینده ندارد، مدیر آن).
motion-closed = رأی‌گیری درباره «{ $question }» بسته شده است.
motion-closed-cancelled = رأی‌گیری درباره «{ $question }» بسته شد، چون جلسه آن لغو شد. تصمیمی گرفته نشد و نتیجه‌ای اعلام نمی‌شود.
motion-secret-list = این طرح مخفی است: فقط مجموع رأی‌های آن به هر کسی نشان داده می‌شود.

motion-result =
    🗳 <b>نتیجه: { $question }</b>

    { $options }
    مشارکت: { $cast } از { $eligible } ({ $quorum_state }، نصاب { $quorum }٪)
    { $proxies }
    { $outcome }
motion-result-option = ‏• { $option }: { $count }
motion-quorum-met = نصاب پوره شد
motion-quorum-not-met = نصاب پوره نشد
motion-proxies = { $count } رأی را هماهنگ‌کننده برای کسانی که تلفن ندارند ثبت کرد.
motion-outcome = ✅ تصمیم: <b>{ $option }</b>
motion-outcome-tie = ⚖️ تصمیمی گرفته نشد: گزینه‌های اول برابر شدند.
motion-outcome-no-quorum = ⛔ تصمیمی گرفته نشد: نصاب پوره نشد.

ballots-usage = دستور ⁦/ballots⁩ را همراه با شماره طرح بفرستید، مثلاً ⁦/ballots ۳⁩.
ballots-list =
    رأی‌ها درباره «{ $question }»:
    { $lines }
ballots-line = ‏• { $name }: { $option }
ballots-line-proxy = • { $name }: { $option } (ثبت‌شده توسط هماهنگ‌کننده)
ballots-none = هنوز رأیی داده نشده است.

proxy-for-anything = 👥 ثبت برای کسی که تلفن ندارد.
proxy-for-meeting = 👥 ثبت پاسخ به <b>{ $title }</b> برای کسی که تلفن ندارد.
proxy-for-motion = 👥 ثبت رأی درباره «{ $question }» برای کسی که تلفن ندارد.
proxy-pick-org =
    { $purpose }
    این شخص عضو کدام نهاد است؟ (صفحه { $page } از { $pages })
    یا دستور ⁦/proxy⁩ را همراه با ⁦@username⁩ یا شناسه تلگرام او بفرستید.
proxy-pick-person =
    { $purpose }
    کدام عضو { $org }؟ (صفحه { $page } از { $pages })
proxy-no-organizations = هنوز هیچ نهادی تأیید نشده است: کسی نیست که برایش ثبت شود.
proxy-no-members = نهاد { $org } هیچ عضوی ندارد.
proxy-not-voter = برای { $name } در این طرح رأیی نیست: فقط اعضا در آن رأی می‌دهند، و از طرف هر نهاد فقط نماینده آن (اگر نماینده ندارد، مدیر آن).
proxy-button-pick-rsvp = 👥 ثبت پاسخ برای کسی که تلفن ندارد
proxy-button-pick-ballot = 👥 ثبت رأی برای کسی که تلفن ندارد
proxy-button-another = 👥 ثبت برای شخص دیگر
proxy-unknown-person = کسی با { $reference } این ربات را آغاز نکرده است. ⁦@username⁩ یا شناسه تلگرام را بررسی کنید.
proxy-nothing = چیز بازی نیست که { $name } بتواند به آن رأی یا پاسخ بدهد.
proxy-what = برای { $name } چه چیزی ثبت شود؟
proxy-button-motion = ‏🗳 { $question }
proxy-button-meeting = ‏📅 { $title }
proxy-ballot = رأی { $name } درباره «{ $question }»: کدام گزینه را انتخاب کرد؟
proxy-ballot-recorded = ✅ برای { $name } درباره «{ $question }» ثبت شد: { $option }. این کار در دفتر ثبت رویدادها نوشته شد.
proxy-rsvp = آیا { $name } به { $title } می‌آید؟
proxy-answer-going = می‌آید
proxy-answer-maybe = شاید
proxy-answer-declined = نمی‌تواند بیاید
proxy-rsvp-recorded = ✅ برای { $name } درباره { $title } ثبت شد: { $answer }. این کار در دفتر ثبت رویدادها نوشته شد.
