"""Messages of a map's exports (``export.*``): the command's errors, and the words of the SVG, PNG and PDF,
in English and Persian."""

from __future__ import annotations

EXPORT_MESSAGES: dict[str, dict[str, str]] = {
    "export.paper": {
        "en": "Cannot print on '{paper}' paper; choose one of: {allowed}.",
        "fa": "چاپ روی کاغذ «{paper}» ممکن نیست؛ یکی از این‌ها را انتخاب کنید: {allowed}.",
    },
    "export.needs_output": {
        "en": "A {format} file is not written to a terminal: give a file with -o FILE, or redirect the output.",
        "fa": "فایل {format} در پایانه نوشته نمی‌شود: با ‎-o FILE‎ فایلی بدهید یا خروجی را به فایلی هدایت کنید.",
    },
    "export.emotion_gap": {
        "en": "Measured {measured} vs assumed {assumed}",
        "fa": "سنجیده {measured} در برابر فرضی {assumed}",
    },
    "export.data": {"en": "data: {dataset}", "fa": "داده: {dataset}"},
    "export.data_of": {"en": "data: {dataset}, {span}", "fa": "داده: {dataset}، {span}"},
    "export.exported_at": {"en": "exported {when}", "fa": "خروجی در {when}"},
    "export.map_type": {"en": "Map type", "fa": "نوع نقشه"},
    "export.revision": {"en": "Revision", "fa": "نسخه"},
    "export.exported": {"en": "Exported", "fa": "زمان خروجی"},
    "export.scope": {"en": "Period the map covers", "fa": "دوره‌ای که نقشه دربر می‌گیرد"},
    "export.span": {"en": "Data from – to", "fa": "داده از – تا"},
    "export.customers": {"en": "Customers in the data", "fa": "مشتریان در داده"},
    "export.no_data": {"en": "none (the map is not bound to data)", "fa": "ندارد (نقشه به داده‌ای وصل نیست)"},
    "export.alerts": {"en": "Open alerts", "fa": "هشدارهای باز"},
    "export.continued": {"en": "continued", "fa": "ادامه"},
    "export.pdf_a3": {"en": "PDF (A3)", "fa": "PDF (کاغذ بزرگ آ۳)"},
    "export.poster": {"en": "Poster (PDF, one page)", "fa": "پوستر (PDF یک‌صفحه‌ای)"},
}
