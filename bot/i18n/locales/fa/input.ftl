# Hostile or odd input: refusals with a reason the person can act on.
error-control-character = در این متن یک علامت کنترلی نامرئی هست (کاپی کردن از بعضی برنامه‌ها چنین می‌کند). لطفاً آن را دوباره بنویسید.
date-far = «{ $text }» خیلی دور است: لطفاً تاریخی را در ۵ سال آینده انتخاب کنید.
