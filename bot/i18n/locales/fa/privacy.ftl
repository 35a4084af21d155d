## داده‌های خود شما: دیدن، پاک کردن، و بیرون شدن از یک نهاد

cmd-mydata = دیدن آنچه ربات از شما نگه می‌دارد
cmd-forgetme = پاک کردن داده‌های شما از ربات
cmd-leave = بیرون شدن از یک نهاد

mydata =
    <b>آنچه شورا از شما نگه می‌دارد</b> ({ $part })
    { $lines }
mydata-section-telegram = <b>شما، آن‌گونه که تلگرام به ربات گفته است</b>
mydata-name = نام: { $name }
mydata-username = نام کاربری: { $username }
mydata-user-id = شناسه تلگرام: { $id }
mydata-language = زبان: { $language }
mydata-language-unset = هنوز انتخاب نشده
mydata-since = نخستین پیام به ربات: { $when }
mydata-reachable-yes = پیام‌ها به شما می‌رسد: بلی
mydata-reachable-no = پیام‌ها به شما نمی‌رسد: شما «دسترس‌ناپذیر» ثبت شده‌اید (ربات مسدود شده یا هرگز آغاز نشده است). با نوشتن به ربات این حالت برداشته می‌شود.
mydata-coordinator = شما هماهنگ‌کننده شبکه هستید.
mydata-section-memberships = <b>نهادهای شما</b>
mydata-membership = • نهاد { $name } — { $role } (وضعیت: { $status })، از { $when }
mydata-section-registered = <b>نهادهایی که ثبت کرده‌اید</b>
mydata-registered = • نهاد { $name } (وضعیت: { $status })، ثبت‌شده در { $when }
mydata-section-answers = <b>جواب‌های شما به جلسات</b>
mydata-answer = • جلسه { $title }، { $when }: { $answer }
mydata-waitlisted = ⏳ در فهرست انتظار
mydata-section-concerns = <b>نگرانی‌هایی که مطرح کرده‌اید</b>
mydata-concern = • نگرانی #{ $number }: { $status }، { $privacy }
mydata-section-ballots = <b>رأی‌های شما</b>
mydata-ballot = • رأی شما دربارهٔ { $question }: { $choice }، { $when }
mydata-ballot-proxy = • رأی شما دربارهٔ { $question }: { $choice }، { $when } (هماهنگ‌کننده به جای شما ثبت کرد)
mydata-section-dialog = <b>گفت‌وگویی که تمام نکرده‌اید</b>
mydata-dialog = کار نیمه‌تمام: { $flow }، آخرین جواب در { $when }. آنچه تا حال نوشته‌اید: { $answers }
mydata-flow-register = ثبت یک نهاد
mydata-flow-reject = دلیل رد یک درخواست
mydata-flow-newmeeting = برنامه‌ریزی یک جلسه
mydata-flow-editmeeting = تغییر یک جلسه
mydata-flow-series = برنامه ماهوار جلسات
mydata-section-outbox = <b>پیام‌هایی که در انتظار فرستادن به شما هستند</b>
mydata-outbox-kind = • { $kind }: تعداد { $count }
mydata-kind-invitation = دعوت‌نامه‌ها
mydata-kind-reminder = یادآوری‌ها
mydata-kind-nudge = یادآوری برای جواب دادن
mydata-kind-update = تغییرات جلسه
mydata-kind-cancellation = لغو جلسه
mydata-kind-promotion = جای خالی از فهرست انتظار
mydata-kind-notice = اطلاعیه‌ها
mydata-outbox-handled = پیام‌هایی که قبلاً به شما فرستاده شده و به حیث سابقه ارسال نگه داشته می‌شوند: { $count }. متن آن‌ها { $period } پس از فرستادن پاک می‌شود.
privacy-days = { $count ->
   *[other] { $n } روز
}
privacy-hours = { $count ->
   *[other] { $n } ساعت
}
mydata-section-actions = <b>کارهای شما، آن‌گونه که در دفتر ثبت کارها آمده است</b>
mydata-action = • { $action }: تعداد { $count }
audit-org-registered = ثبت یک نهاد
audit-org-approved = تأیید یک نهاد
audit-org-rejected = رد یک درخواست
audit-member-joined = پیوستن به یک نهاد
audit-member-left = بیرون شدن از یک نهاد
audit-member-removed = حذف یک عضو
audit-member-delegate = تعیین نماینده
audit-member-admin = تعیین یک عضو به حیث مدیر
audit-member-unadmin = پس گرفتن نقش مدیر
audit-invite-revoked = عوض کردن لینک دعوت
audit-coordinator-promoted = تعیین یک نفر به حیث هماهنگ‌کننده
audit-coordinator-demoted = پس گرفتن نقش هماهنگ‌کننده
audit-group-bound = تعیین گروپ هماهنگی
audit-meeting-scheduled = برنامه‌ریزی یک جلسه
audit-meeting-edited = تغییر یک جلسه
audit-meeting-cancelled = لغو یک جلسه
audit-series-started = آغاز برنامه ماهوار جلسات
audit-series-stopped = توقف برنامه ماهوار جلسات
mydata-nothing = (هیچ)
mydata-footer = این را تنها شما می‌بینید. با ⁦/leave⁩ از یک نهاد بیرون شوید؛ با ⁦/forgetme⁩ داده‌های شما پاک می‌شود.

forget-ask =
    <b>داده‌های شما پاک شود؟</b>
    ربات نام، نام کاربری، شناسه تلگرام و زبان شما، عضویت‌های شما، جواب‌های شما به جلسات (جای شما به کسانی داده می‌شود که در فهرست انتظار هستند)، گفت‌وگوی نیمه‌تمام، پیام‌هایی که در انتظار فرستادن به شما هستند و درخواست‌هایی را که هرگز تأیید نشده‌اند پاک می‌کند.
    آنچه شبکه هنوز به آن نیاز دارد، بدون نام شما باقی می‌ماند: نهادهایی که ثبت کرده‌اید و تأیید شده‌اند، لینک‌های دعوت، جلسات و گروپ هماهنگی که تنظیم کرده‌اید، و دفتر ثبت کارهای شما.
    فایل‌هایی که هماهنگ‌کنندگان پیش از این گرفته‌اند (فهرست اعضا، جواب‌ها، حاضری) بیرون از ربات است و پاک نمی‌شود.
    این کار برگشت‌پذیر نیست.
button-forget-confirm = 🗑 داده‌هایم پاک شود
button-forget-keep = داده‌هایم بماند
forget-cancelled = چیزی پاک نشد.
forget-done = داده‌های شما پاک شد. اگر دوباره به ربات بنویسید، مانند یک شخص تازه از نو شروع می‌کنید. پیام‌های این گفت‌وگو هنوز در تلفن شما هستند؛ برای پاک کردن آن‌ها این گفت‌وگو را حذف کنید.
forget-sole-admin = شما تنها مدیر { $names } هستید. اول یک عضو دیگر را (در ⁦/members⁩) به حیث مدیر تعیین کنید، ورنه نهاد بدون مدیر می‌ماند؛ سپس دوباره ⁦/forgetme⁩ را بفرستید.

leave-none = شما عضو هیچ نهادی نیستید.
leave-pick = از کدام نهاد می‌خواهید بیرون شوید؟
leave-ask = از <b>{ $name }</b> بیرون می‌شوید؟{ $note }
leave-ask-network = این آخرین نهاد شماست: دیگر به جلسات شبکه دعوت نمی‌شوید و جواب‌های شما به جلسات پیش رو پس گرفته می‌شود (جای شما به کسانی داده می‌شود که در فهرست انتظار هستند).
button-leave-confirm = بیرون شدن
button-leave-stay = ماندن
leave-cancelled = شما می‌مانید. چیزی تغییر نکرد.
leave-done = شما از { $name } بیرون شدید.{ $note }
leave-done-network = شما دیگر در شبکه نیستید: جواب‌های شما به جلسات پیش رو پس گرفته شد.
leave-done-seats = جای شما به نفر بعدی در فهرست انتظار داده شد: { $titles }
leave-last-admin = شما آخرین مدیر { $name } هستید، پس نمی‌توانید از آن بیرون شوید. اول یک عضو دیگر را (در ⁦/members⁩) به حیث مدیر تعیین کنید، سپس بیرون شوید.
