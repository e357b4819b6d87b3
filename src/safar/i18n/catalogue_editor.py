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
    "edit.lane_needs_name": {
        "en": "A lane needs a name: write one (e.g. “Systems used”).",
        "fa": "ردیف نام لازم دارد: نامی بنویسید (مثلاً «سامانه‌های درگیر»).",
    },
    "edit.unknown_lane": {
        "en": "The map has no such lane (“{lane}”); its lanes: {allowed}. Reload the map: someone may have removed it.",
        "fa": "نقشه چنین ردیفی («{lane}») ندارد؛ ردیف‌های آن: {allowed}. نقشه را دوباره بارگذاری کنید: شاید کسی آن را حذف کرده باشد.",
    },
    "lane.picture_too_big": {
        "en": "“{file}” is too large for a lane's picture: send one of at most {mb} MB and 40 megapixels.",
        "fa": "«{file}» برای تصویر ردیف بیش از اندازه بزرگ است: تصویری تا {mb} مگابایت و ۴۰ مگاپیکسل بفرستید.",
    },
    # The map's own lanes
    "lane.add": {"en": "+ Add a lane", "fa": "+ افزودن ردیف"},
    "lane.kind": {"en": "Kind", "fa": "نوع"},
    "lane.kind.text": {"en": "Text", "fa": "متن"},
    "lane.kind.list": {"en": "List", "fa": "فهرست"},
    "lane.kind.image": {"en": "Picture", "fa": "تصویر"},
    "lane.kind.channels": {"en": "Channels", "fa": "کانال‌ها"},
    "lane.kind.figure": {"en": "Figure from the data (bars)", "fa": "شاخص از داده‌ها (میله‌ای)"},
    "lane.figure": {"en": "Figure", "fa": "شاخص"},
    "lane.figure_only": {"en": "for a figure lane", "fa": "برای ردیف شاخص"},
    "lane.figure.customers": {"en": "Customers who reached it", "fa": "مشتریانی که رسیدند"},
    "lane.figure.conversion": {"en": "Went on to the next stage", "fa": "ادامه به مرحله بعد"},
    "lane.figure.dropoff": {"en": "Left here", "fa": "ریزش در این نقطه"},
    "lane.figure.time_to_next": {"en": "Median time to the next step", "fa": "میانه زمان تا گام بعد"},
    "lane.figure.nps": {"en": "NPS", "fa": "NPS"},
    "lane.figure.csat": {"en": "CSAT", "fa": "CSAT"},
    "lane.figure.ces": {"en": "CES", "fa": "CES"},
    "lane.figure.negative_share": {"en": "Negative comments", "fa": "سهم نظرهای منفی"},
    "lane.change": {"en": "Change the lane", "fa": "تغییر ردیف"},
    "lane.up": {"en": "Move up", "fa": "بالاتر"},
    "lane.down": {"en": "Move down", "fa": "پایین‌تر"},
    "lane.remove": {"en": "Remove the lane", "fa": "حذف ردیف"},
    "lane.remove_sure": {
        "en": "Yes, remove “{name}” and what its cells hold",
        "fa": "بله، «{name}» با محتوای خانه‌هایش حذف شود",
    },
    "lane.no_data": {"en": "No data for this touchpoint", "fa": "برای این نقطه تماس داده‌ای نیست"},
    "lane.picture": {"en": "Picture (JPEG, PNG, WebP or GIF)", "fa": "تصویر (JPEG، PNG، WebP یا GIF)"},
    "lane.picture_remove": {"en": "Remove the picture", "fa": "حذف تصویر"},
    "target.lane": {"en": "lane", "fa": "ردیف"},
    "field.lanes": {"en": "lanes", "fa": "ردیف‌ها"},
    "field.figure": {"en": "figure", "fa": "شاخص"},
    "field.cells": {"en": "cells", "fa": "خانه‌ها"},
    "field.cell_of": {"en": "cell of “{touchpoint}”", "fa": "خانهٔ «{touchpoint}»"},
    "edit.bad_lane_kind": {
        "en": "“{kind}” is not a kind of lane: choose one of {allowed}.",
        "fa": "«{kind}» نوعی از ردیف نیست: یکی از این‌ها را برگزینید: {allowed}.",
    },
    "edit.lane_needs_figure": {
        "en": "A figure lane draws one figure of the map's data: choose one of {allowed}.",
        "fa": "ردیف شاخص یکی از شاخص‌های داده‌های نقشه را نشان می‌دهد: یکی از این‌ها را برگزینید: {allowed}.",
    },
}
