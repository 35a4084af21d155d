## The outcome summary: /summary, the post to the group and its chart

cmd-summary = پیش‌نمایش خلاصه نتایج جلسه و فرستادن آن به گروپ
summary =
    📋 <b>نتایج جلسه: { $title }</b>
    🗓 زمان: { $when }
    📍 محل: { $venue }

    { $lines }
summary-attendance = <b>حاضری</b>: { $count } نفر حاضر شدند
summary-answer-going = ‏• گفتند می‌آیند: { $answered }؛ از آن‌ها { $came } نفر آمدند
summary-answer-maybe = ‏• گفتند شاید: { $answered }؛ از آن‌ها { $came } نفر آمدند
summary-answer-declined = ‏• گفتند نمی‌توانند بیایند: { $answered }؛ از آن‌ها { $came } نفر آمدند
summary-answer-none = ‏• بدون جواب آمدند: { $came }
summary-organizations = 🏢 نهادهای حاضر: { $represented } از { $approved }
summary-agenda = <b>اجندا، به ترتیب نقطه‌ها</b>
summary-agenda-item = ‏{ $rank }. #{ $number } { $text } ({ $dots } نقطه)
summary-agenda-none = هیچ نگرانی در اجندا نبود.
summary-voice = (پیام صوتی)
summary-photo = (عکس)
summary-motions = <b>طرح‌ها</b>
summary-motion-open = 🗳 { $question }: رأی‌گیری تا { $closes } باز است.
summary-motions-none = هیچ طرحی به رأی گذاشته نشد.
summary-outcome-none = هیچ تصمیم یا کار پیگیری ثبت نشد.
summary-decisions = <b>تصمیم‌ها</b>
summary-decision = ‏• { $text }
summary-actions = <b>کارهای پیگیری</b>
summary-action = ‏• { $text }{ $details }
summary-action-owner-due = { "" } — مسئول: { $owner }، تا { $due }
summary-action-owner = { "" } — مسئول: { $owner }
summary-action-due = { "" } — تا { $due }
summary-next = ➡️ جلسه بعدی: { $when }
summary-next-none = ➡️ جلسه بعدی هنوز برنامه‌ریزی نشده است.

summary-chart-caption = 📊 { $title }: حاضری و نگرانی‌هایی که بیشترین نقطه را گرفتند
summary-chart-attendance = حاضری: { $count } نفر حاضر شدند
summary-chart-legend-answered = جواب دادند
summary-chart-legend-came = حاضر شدند
summary-chart-going = گفتند می‌آیند
summary-chart-maybe = گفتند شاید
summary-chart-declined = گفتند نمی‌توانند بیایند
summary-chart-no-answer = بدون جواب آمدند
summary-chart-came-of = { $came } از { $answered } نفر آمدند
summary-chart-came = { $came } نفر آمدند
summary-chart-nobody = هیچ کس جواب نداد و حاضر نشد.
summary-chart-concerns = نگرانی‌هایی که بیشترین نقطه را گرفتند
summary-chart-concern = ‏#{ $number } { $text }
summary-chart-dots = { $dots } نقطه
summary-chart-no-concerns = هیچ نگرانی در اجندا نبود.

summary-post-ask = این خلاصه همین حالا به گروپ هماهنگی فرستاده شود؟ هماهنگ‌کننده‌های دیگر هم آن را می‌گیرند.
summary-button-post = 📣 فرستادن به گروپ
summary-posted = ✅ خلاصه به گروپ هماهنگی و هماهنگ‌کننده‌ها فرستاده می‌شود.
summary-posted-before = این خلاصه پیش از این در { $when } به گروپ فرستاده شده است.
summary-no-group-yet = هنوز گروپ هماهنگی تعیین نشده است: مرا به گروپ اضافه کنید و در آن‌جا ⁦/bindgroup⁩ را بفرستید، سپس برای فرستادن خلاصه دوباره ⁦/summary⁩ را بفرستید.
summary-already-posted = خلاصه { $title } پیش از این در { $when } فرستاده شده است.
summary-not-ended = { $title } هنوز تمام نشده است: خلاصه آن از { $end } آماده می‌شود.
summary-no-meeting = هنوز هیچ جلسه‌ای برگزار نشده است، پس خلاصه‌ای برای ساختن نیست.
summary-no-group = گروپ هماهنگی تعیین نشده است: مرا به گروپ اضافه کنید و در آن‌جا ⁦/bindgroup⁩ را بفرستید، سپس دوباره کوشش کنید.
