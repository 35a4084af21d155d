## The agenda by dot voting: /agenda, a dot per tap, and the agenda when voting closes

cmd-agenda = رأی‌دهی به اجندای جلسه بعدی
button-agenda = 🗳 اجندا
agenda-board =
    🗳 <b>اجندای جلسه: { $title }</b>
    ‏{ $when }
    نقطه‌های خود را روی نگرانی‌هایی بگذارید که جلسه باید اول به آن‌ها بپردازد: با زدن یک نگرانی یک نقطه بگذارید و با زدن دوباره آن را پس بگیرید. روی هر نگرانی تنها یک نقطه.
    از { $dots } نقطه، { $left } نقطه برای شما مانده است. رأی‌دهی با آغاز جلسه بسته می‌شود.

    { $lines }
agenda-final =
    🗳 <b>اجندای جلسه: { $title }</b>
    ‏{ $when }
    رأی‌دهی بسته شد. نگرانی‌هایی که بیشترین نقطه را گرفتند، به ترتیب:

    { $lines }
agenda-empty = هنوز هیچ نگرانی برای این جلسه تأیید نشده است.
agenda-line = ‏{ $rank }. { $text } (#{ $number }) — { $count } نقطه
agenda-line-mine = ‏{ $rank }. ✅ { $text } (#{ $number }) — { $count } نقطه
agenda-page = صفحه { $page } از { $pages }
agenda-button = ‏#{ $number } { $text }
agenda-button-mine = ‏✅ #{ $number } { $text }
agenda-no-meeting = هنوز جلسه‌ای برنامه‌ریزی نشده است، پس اجندایی برای رأی‌دادن نیست.
agenda-dot-added = یک نقطه روی نگرانی #{ $number } گذاشته شد.
agenda-dot-taken = نقطه از نگرانی #{ $number } پس گرفته شد.
agenda-no-dots-left = هر { $dots } نقطه خود را به کار برده‌اید. نخست یک نقطه را از نگرانی دیگری پس بگیرید.
agenda-voting-closed = رأی‌دهی به اجندای { $title } بسته شده است.
agenda-concern-rejected = نگرانی #{ $number } رد شده است و نقطه نمی‌گیرد.
agenda-concern-merged = نگرانی #{ $number } با نگرانی دیگری یکی شده است: نقطه خود را روی آن بگذارید.
agenda-concern-submitted = نگرانی #{ $number } هنوز تأیید نشده است و نقطه نمی‌گیرد.
card-agenda = { $note }
    🗳 <b>اجندای جلسه</b>{ $items }
card-agenda-item = { "" }
    ‏{ $rank }. #{ $number } { $text }{ $rest }
