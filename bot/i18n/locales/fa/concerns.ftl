## Concerns: sending one, the decision on it, and the coordinators' daily count

concern-text-empty = نگرانی خالی است. لطفاً بنویسید که جلسه به چه چیزی بپردازد.
concern-text-too-long = نگرانی شما { $length } حرف دارد؛ لطفاً آن را در { $limit } حرف بنویسید.
concern-media-missing = آن پیام صوتی یا عکس نرسید. لطفاً دوباره بفرستید.
concern-reason-empty = لطفاً دلیل را بنویسید؛ به فرستنده اطلاع داده می‌شود.
concern-reason-too-long = دلیل { $length } حرف دارد؛ لطفاً آن را در { $limit } حرف بنویسید.
concern-decided-approved = ✅ نگرانی شماره { $number } شما تأیید شد: اعضا اکنون می‌توانند در اجندا به آن رأی بدهند.
concern-decided-rejected =
    نگرانی شماره { $number } شما پذیرفته نشد.
    دلیل: { $reason }
concern-decided-merged = 🔗 نگرانی شماره { $number } شما با نگرانی شماره { $target } که همان موضوع را مطرح می‌کند یکجا شد؛ رأی‌های آن در آنجا شمرده می‌شود.
concern-digest = 📥 { $count } نگرانی در انتظار تصمیم است. با ⁦/review⁩ آن‌ها را ببینید.
