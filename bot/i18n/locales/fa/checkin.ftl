## Check-in: the meeting's code and QR image, checking in, and counting who came

cmd-checkin = ثبت حضور در جلسه (هماهنگ‌کنندگان: گشودن ثبت حضور و نشان دادن کد ⁦QR⁩ آن)

checkin-usage = برای ثبت حضور، کد ⁦QR⁩ را که هماهنگ‌کنندگان در جلسه نشان می‌دهند اسکن کنید، یا دستور ⁦/checkin⁩ را همراه با کد آن بفرستید، مثلاً <code>⁦/checkin K7MX-3QPA⁩</code>.
checkin-done = ✅ حضور شما در <b>{ $title }</b> از طرف { $org } ثبت شد. خوش آمدید!
checkin-done-no-org = ✅ حضور شما در <b>{ $title }</b> ثبت شد. خوش آمدید!
checkin-already = حضور شما در <b>{ $title }</b> از طرف { $org } پیش‌تر ثبت شده است. کار دیگری لازم نیست.
checkin-already-no-org = حضور شما در <b>{ $title }</b> پیش‌تر ثبت شده است. کار دیگری لازم نیست.
checkin-pick-seat = شما عضو بیش از یک نهاد هستید. در <b>{ $title }</b> از طرف کدام نهاد حاضر هستید؟
checkin-code-unknown = این کد ثبت حضور درست نیست. آن را روی صفحهٔ هماهنگ‌کنندگان بررسی کنید و دوباره بفرستید، مثلاً <code>⁦/checkin K7MX-3QPA⁩</code>.
checkin-closed = ثبت حضور برای <b>{ $title }</b> بسته شده است: کد آن دیگر کار نمی‌کند.
checkin-not-yet = ثبت حضور برای <b>{ $title }</b> { $opens } باز می‌شود.

checkin-no-meeting = هیچ جلسه‌ای تعیین نشده است، پس حضوری برای ثبت نیست. با ⁦/newmeeting⁩ یک جلسه تعیین کنید.
checkin-pick-meeting = بیش از یک جلسه برای ثبت حضور باز است. کدام یک؟
checkin-meeting-chosen = ثبت حضور برای <b>{ $title }</b>:
checkin-opened =
    ✅ ثبت حضور برای <b>{ $title }</b> تا { $closes } باز است.
    کد: <b>{ $code }</b>

    کد ⁦QR⁩ را با کمرهٔ تلفن خود اسکن کنید، یا <code>⁦/checkin { $code }⁩</code> را به ربات بفرستید، یا این لینک را باز کنید:
    { $link }
checkin-status =
    👥 ثبت حضور برای <b>{ $title }</b>
    کسانی که حضورشان ثبت شده: { $people } (ثبت‌شده با نام: { $walkins })
    نهادهای حاضر: { $organizations } از { $approved }
    ثبت حضور { $closes } بسته می‌شود.
checkin-button-refresh = 🔄 تازه‌سازی
checkin-button-add = ➕ ثبت حضور کسی که تلفن ندارد
checkin-refreshed = شمارش‌ها به‌روز است.

checkin-pick-org = حضور چه کسی را در <b>{ $title }</b> ثبت می‌کنید؟ نهاد او را انتخاب کنید.
checkin-button-guest = 👤 از هیچ نهادی نیست: نام را بنویسید
checkin-pick-member = <b>{ $org }</b>: کدام شخص است؟ ✅ یعنی حضور او پیش‌تر ثبت شده است.
checkin-member-checked = ‏✅ { $name }
checkin-button-walk-in = ✍️ در فهرست نیست: نام را بنویسید
checkin-button-back = ‹ نهادها
checkin-ask-name = نام شخصی از { $org } را که حاضر است بنویسید (حداکثر { $limit } حرف).
checkin-ask-name-guest = نام مهمانی را که حاضر است بنویسید (حداکثر { $limit } حرف).
checkin-recorded = ✅ حضور { $name } در <b>{ $title }</b> از طرف { $org } ثبت شد. این کار در دفتر ثبت رویدادها نوشته شد.
checkin-recorded-guest = ✅ حضور { $name } در <b>{ $title }</b> به عنوان مهمان ثبت شد. این کار در دفتر ثبت رویدادها نوشته شد.
checkin-recorded-already = حضور { $name } پیش‌تر ثبت شده است.
checkin-button-another = ➕ ثبت حضور شخص دیگر
