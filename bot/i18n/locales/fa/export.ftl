## Exports: /export sends coordinators the network's data as CSV files, and a meeting's calendar file

cmd-export = گرفتن داده‌های شبکه به شکل فایل‌های جدولی (⁦CSV⁩)
export-coordinators-only = فقط هماهنگ‌کنندگان می‌توانند داده‌ها را بگیرند: این فایل‌ها نام اعضا و آنچه فرستاده‌اند را دارند.
export-no-meeting = جلسه‌ای با شماره { $number } برای گرفتن فایل وجود ندارد. با ⁦/export⁩ یکی را انتخاب کنید.
export-stale-button = این دکمه گرفتن فایل دیگر معتبر نیست. دوباره ⁦/export⁩ را بفرستید.
export-menu =
    📦 <b>گرفتن داده‌ها</b>: فایل‌های ⁦CSV⁩ که در برنامه‌های جدولی (مانند اکسل) باز می‌شوند.
    همه شبکه: نهادها، و اعضا با نقش‌هایشان.
    جلسه شماره { $number }: <b>{ $title }</b>، { $when }. برای جلسه دیگر، دکمه آن را در پایین بزنید.
export-menu-no-meeting =
    📦 <b>گرفتن داده‌ها</b>: فایل‌های ⁦CSV⁩ که در برنامه‌های جدولی (مانند اکسل) باز می‌شوند.
    هنوز هیچ جلسه‌ای برنامه‌ریزی نشده است، پس فقط فایل‌های همه شبکه اینجاست: نهادها، و اعضا با نقش‌هایشان.
button-export-organizations = 🏢 نهادها
button-export-members = 👥 اعضا و نقش‌ها
button-export-rsvps = ✋ جواب‌ها به دعوت‌نامه
button-export-checkins = ✅ حاضری
button-export-concerns = 📝 نگرانی‌ها
button-export-motions = 🗳 نتیجه طرح‌ها
button-export-actions = 📌 تصمیم‌ها و کارها
button-export-calendar = 📅 فایل تقویم
button-export-all = 📦 همه فایل‌های این جلسه
export-caption = ‏{ $file }: { $rows } ردیف
export-caption-meeting = ‏{ $file } — { $title }، { $when }: { $rows } ردیف
audit-export-file = گرفتن فایل داده‌های شبکه
