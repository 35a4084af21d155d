# Removing a member: what happened to their seats at meetings still to come.
member-removed-report =
    عضو { $name } از نهاد { $org } حذف شد.
    { $seats }
seat-given = جای او در جلسه { $title } به نفر بعدی فهرست انتظار داده شد و به او خبر داده شد.
seat-freed = جای او در جلسه { $title } دوباره خالی است؛ کسی در فهرست انتظار نبود.
seat-none = او در هیچ جلسهٔ آینده‌ای جا نداشت.
