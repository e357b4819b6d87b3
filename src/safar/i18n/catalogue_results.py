"""Messages of kept results (``results.*``, safar.services.results): when a screen's numbers were computed
and whether newer ones are on their way, in English and Persian."""

from __future__ import annotations

RESULTS_MESSAGES: dict[str, dict[str, str]] = {
    "results.computed": {
        "en": "Numbers computed {when} (in {seconds} s).",
        "fa": "اعداد در {when} محاسبه شده‌اند (در {seconds} ثانیه).",
    },
    "results.stale": {
        "en": "New data has arrived since: the numbers are being recomputed and will be offered here when ready.",
        "fa": "از آن زمان دادهٔ تازه رسیده است: اعداد دوباره محاسبه می‌شوند و وقتی آماده شدند همین‌جا پیشنهاد می‌شوند.",
    },
    "results.locked": {
        "en": "Another program is loading data right now: these are the numbers from before it; reload later.",
        "fa": "برنامهٔ دیگری هم‌اکنون داده بار می‌کند: این اعداد مربوط به پیش از آن است؛ کمی بعد صفحه را دوباره باز کنید.",
    },
    "results.first": {
        "en": "The numbers of this map are being computed for the first time; this page shows them as soon as they are ready.",
        "fa": "اعداد این نقشه برای نخستین بار در حال محاسبه است؛ این صفحه به محض آماده شدن نشانشان می‌دهد.",
    },
    "results.ready": {"en": "Show the new numbers", "fa": "نمایش اعداد تازه"},
    "results.not_found": {
        "en": "No computation {key} is known in this workspace.",
        "fa": "محاسبه‌ای با شناسهٔ {key} در این فضای کار شناخته نیست.",
    },
}
