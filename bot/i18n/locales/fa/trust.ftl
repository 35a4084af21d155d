# Who may see what: refusals for people outside the network.
error-network-only = این بخش تنها برای اعضای نهادهای شبکه است. با لینک دعوتی که مدیر نهادتان می‌دهد (یا کد همراه با ⁦/join⁩) به نهاد خود بپیوندید، یا با ⁦/register⁩ نهاد تازه‌ای ثبت کنید.

# Promoting and demoting coordinators: exact person, then a confirmation.
person-identity = { $name } (‏{ $username }، شناسه تلگرام { $id })
promote-reference-invalid = { $reference } شناسه تلگرام یا نام کاربری نیست. شماره را بفرستید، یا نام کاربری را دقیقاً همان‌طور که نوشته شده همراه با ⁦@⁩ بفرستید.
promote-confirm = این شخص هماهنگ‌کننده شود؟ او می‌تواند نهادها را تأیید کند، جلسه بگذارد و پاسخ همه اعضا را ببیند.
    ‏{ $who }
demote-confirm = نقش هماهنگ‌کننده از این شخص گرفته شود؟
    ‏{ $who }
button-promote = بله، هماهنگ‌کننده شود
button-demote = بله، گرفته شود
roles-unchanged = هیچ چیزی تغییر نکرد.

meeting-not-found = جلسه‌ای با شماره { $number } وجود ندارد. ⁦/meetings⁩ جلسه‌ها را نشان می‌دهد.

# When something breaks, and when nobody can review an application.
error-internal-id = ببخشید، از طرف من مشکلی پیش آمد. لطفاً چند لحظه بعد دوباره کوشش کنید. اگر باز هم پیش آمد، این شماره خطا را به یک هماهنگ‌کننده بدهید: { $id }
error-alert = ⚠️ هنگام رسیدگی به یک پیام یا دکمه مشکلی پیش آمد. شماره خطا: { $id }. جزئیات آن با همین شماره در گزارش ربات ثبت شده است. (این خبر در هر چند دقیقه حداکثر یک بار فرستاده می‌شود.)
register-submitted-no-coordinators = درخواست شما برای <b>{ $name }</b> ذخیره شد، اما هنوز هیچ هماهنگ‌کننده‌ای این ربات را آغاز نکرده است و کسی از آن خبر ندارد. از کسی که ربات را اداره می‌کند بخواهید یک هماهنگ‌کننده اضافه کند؛ او درخواست را با ⁦/pending⁩ می‌یابد.
