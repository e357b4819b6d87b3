"""Messages of the map editor on the canvas: editing a cell in place and confirming a removal."""

from __future__ import annotations

EDITOR_MESSAGES: dict[str, dict[str, str]] = {
    "canvas.edit_cell": {"en": "Edit {field} of “{name}”", "fa": "ویرایش {field} «{name}»"},
    "canvas.edit_hint": {
        "en": "Click a cell of the map, or press Enter on it, to change it here.",
        "fa": "برای تغییر هر خانه نقشه، روی آن کلیک کنید یا Enter را بزنید.",
    },
    "canvas.one_per_line": {"en": "One entry per line.", "fa": "هر مورد در یک خط."},
    "canvas.save_keys": {
        "en": "Ctrl+Enter saves, Esc cancels.",
        "fa": "Ctrl+Enter ذخیره می‌کند و Esc لغو.",
    },
    "canvas.cancel": {"en": "Cancel", "fa": "انصراف"},
    "canvas.emotion": {"en": "Emotion", "fa": "احساس"},
    "canvas.no_emotion": {"en": "Emotion not set", "fa": "احساس تعیین نشده"},
    "canvas.edit_metrics": {"en": "Metrics and targets", "fa": "سنجه‌ها و هدف‌ها"},
    "canvas.remove_stage_sure": {
        "en": "Yes, remove “{name}” and its {count} touchpoints",
        "fa": "بله، «{name}» با {count} نقطه تماسش حذف شود",
    },
    "canvas.remove_touchpoint_sure": {
        "en": "Yes, remove “{name}” from this map",
        "fa": "بله، «{name}» از این نقشه حذف شود",
    },
}
