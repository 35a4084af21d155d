## The organizers' board: a Telegram Mini App served by the bot (bot/web)

cmd-board = باز کردن صفحهٔ هماهنگ‌کنندگان: وضعیت اشتراک، نگرانی‌ها، اجندا، طرح‌ها و صفحهٔ ثبت حضور
board-off = صفحهٔ هماهنگ‌کنندگان برای این ربات روشن نیست. کسی که شورا را اجرا می‌کند، آن را با تنظیم ⁦SHURA_WEB_URL⁩ روشن می‌کند (راهنمای ⁦README⁩ را ببینید).
board-open = 📋 صفحهٔ هماهنگ‌کنندگان همین‌جا در تلگرام باز می‌شود. کدام بخش؟
button-board-attendance = 👥 وضعیت اشتراک
button-board-concerns = 📥 نگرانی‌ها
button-board-agenda = 🗳 اجندا
button-board-motions = ✋ طرح‌ها
button-board-checkin = 📲 صفحهٔ ثبت حضور
button-agenda-board = 🗳 باز کردن صفحهٔ اجندا

board-title = شورا — صفحهٔ هماهنگ‌کنندگان
board-start-first = نخست ربات شورا را در تلگرام باز کنید و دکمهٔ «شروع» را بزنید.
board-no-meeting = هنوز هیچ جلسه‌ای تعیین نشده است.
board-pick-meeting = جلسه:
board-no-organization = بدون نهاد (هماهنگ‌کنندگان)
board-no-organizations = هنوز هیچ نهادی تأیید نشده است.

board-status-all = همه
board-all-topics = همه موضوع‌ها
board-filter-status = وضعیت:
board-filter-topic = موضوع:
board-search = جستجو در متن
board-search-button = 🔍 جستجو
board-concern-head = نگرانی #{ $number }، { $topic }، { $status }
board-no-text = (پیام صوتی یا عکس)
board-play-voice = ▶️ شنیدن پیام صوتی
board-show-photo = 🖼 نشان دادن عکس
board-file-gone = این فایل دیگر در تلگرام نیست.
board-choose = انتخاب نگرانی #{ $number }
board-with-chosen = با نگرانی‌هایی که نشانی کرده‌اید:
board-approve = ✅ تأیید
board-reject = ❌ رد…
board-reason = دلیل (به فرستنده گفته می‌شود)
board-reject-confirm = رد با همین دلیل
board-merge-choose = یکجا کردن با…
board-merge = 🔗 یکجا کردن
board-queue-empty = هیچ نگرانی‌ای با این جستجو پیدا نشد.
board-nothing-chosen = نخست یک یا چند نگرانی را نشانی کنید.
board-merge-no-target = نگرانی‌ای را که باید با آن یکجا شود انتخاب کنید.
board-approved = ✅ تأیید شد: { $numbers }. اعضا اکنون می‌توانند روی آن‌ها نقطه بگذارند.
board-rejected = ❌ پذیرفته نشد: { $numbers }. دلیل به هر فرستنده گفته می‌شود.
board-merged = 🔗 یکجا شد: { $numbers }. نقطه‌های آن‌ها هم منتقل شد.

board-agenda-dots = از { $dots } نقطهٔ شما { $left } نقطه مانده است: روی هر نگرانی یک نقطه، و تا آغاز جلسه می‌توانید نقطه را پس بگیرید.
board-agenda-closed = رأی‌دهی بسته شد. اجندا به ترتیب:
board-dots = { $count } نقطه
board-add-dot = ➕ گذاشتن نقطهٔ من
board-take-dot = ➖ پس گرفتن نقطهٔ من

board-motions-open = طرح‌های باز
board-motions-closed = بسته‌شده در { $days } روز گذشته
board-no-open-motions = هیچ طرحی باز نیست.
board-no-closed-motions = به تازگی هیچ طرحی بسته نشده است.
board-turnout = مشارکت: { $cast } از { $eligible } ({ $state }، حد نصاب { $quorum }٪)
board-quorum-needed = برای حد نصاب { $needed } رأی لازم است.
board-closes = بسته می‌شود: { $when }

board-checked-in = 📍 حاضر: { $names }
board-checked-in-guests = حاضران بدون نهاد
board-checkin-count = 📍 حاضران: { $people }؛ نهادهای حاضر: { $organizations } از { $approved }
board-checkin-ready = ثبت حضور اکنون می‌تواند باز شود. با باز کردن آن کدی ساخته می‌شود که حاضران اسکن یا تایپ می‌کنند؛ این کد تا بسته شدن ثبت حضور کار می‌کند.
board-checkin-open = 📲 باز کردن ثبت حضور و نشان دادن کد
board-checkin-scan = کد ⁦QR⁩ را با کمرهٔ تلفن خود اسکن کنید، یا دستور ⁦/checkin { $code }⁩ را به ربات بفرستید.
board-checkin-people = { $count } نفر حضور خود را ثبت کرده‌اند
board-checkin-closes = ثبت حضور { $closes } بسته می‌شود.
board-projector = ⛶ تمام صفحه برای پروجکتور
