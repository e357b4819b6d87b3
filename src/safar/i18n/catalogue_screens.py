"""Messages of the screens moved into services (``screens.*``): the maps list's activity, the comments list
and the uploaded-survey drivers, in English and Persian."""

from __future__ import annotations

SCREENS_MESSAGES: dict[str, dict[str, str]] = {
    "screens.activity_title": {"en": "Maps and their activity", "fa": "نقشه‌ها و فعالیتشان"},
    "screens.responses_not_counted": {
        "en": "The warehouse is busy, so responses were not counted; try again in a moment.",
        "fa": "انبار داده مشغول است و پاسخ‌ها شمرده نشدند؛ کمی بعد دوباره امتحان کنید.",
    },
    "screens.col_comment": {"en": "Comment", "fa": "نظر"},
}
