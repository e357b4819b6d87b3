"""Messages of binding a map's touchpoints to a dataset's events in the web app, in English and Persian."""

from __future__ import annotations

BINDING_MESSAGES: dict[str, dict[str, str]] = {
    "binding.title": {"en": "Events of the touchpoints", "fa": "رویدادهای نقاط تماس"},
    "binding.link": {"en": "Bind events to touchpoints", "fa": "وصل کردن رویدادها به نقاط تماس"},
    "binding.intro": {
        "en": "Each event of the data belongs to the first touchpoint (in map order) that binds its activity. "
        "Bind the activities below to the touchpoints where they happen; every change is a new revision of the map.",
        "fa": "هر رویداد داده از آنِ نخستین نقطه تماسی (به ترتیب نقشه) است که فعالیتش را به خود وصل کرده باشد. "
        "فعالیت‌های زیر را به نقاط تماسی که در آن رخ می‌دهند وصل کنید؛ هر تغییر نسخه‌ای تازه از نقشه است.",
    },
    "binding.no_data": {
        "en": "This workspace has no event data yet. Bring in an event file first:",
        "fa": "این فضای کار هنوز داده رویداد ندارد. نخست پرونده رویدادها را بیاورید:",
    },
    "binding.show": {"en": "Show", "fa": "نشان بده"},
    "binding.coverage": {
        "en": "{bound} of the {events} events of {dataset} ({share}) belong to a touchpoint.",
        "fa": "{bound} رویداد از {events} رویداد {dataset} ({share}) به نقطه تماسی تعلق دارد.",
    },
    "binding.unbound": {"en": "{n} activities belong to none", "fa": "{n} فعالیت به هیچ نقطه‌ای وصل نیست"},
    "binding.activities": {
        "en": "Activities of the data, most frequent first",
        "fa": "فعالیت‌های داده، پرتکرارها نخست",
    },
    "binding.touchpoints": {"en": "Touchpoints and what they bind", "fa": "نقاط تماس و آنچه وصل کرده‌اند"},
    "binding.col.activity": {"en": "Activity", "fa": "فعالیت"},
    "binding.col.events": {"en": "Events", "fa": "رویدادها"},
    "binding.col.customers": {"en": "Customers", "fa": "مشتریان"},
    "binding.col.share": {"en": "Share of events", "fa": "سهم از رویدادها"},
    "binding.col.touchpoint": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "binding.col.bind": {"en": "Bind to", "fa": "وصل به"},
    "binding.col.rules": {"en": "Activities bound", "fa": "فعالیت‌های وصل‌شده"},
    "binding.none": {"en": "none", "fa": "هیچ‌کدام"},
    "binding.choose": {"en": "(choose a touchpoint)", "fa": "(نقطه تماسی برگزینید)"},
    "binding.split": {"en": "split between touchpoints", "fa": "میان چند نقطه تقسیم شده"},
    "binding.channel": {"en": "Channel", "fa": "کانال"},
    "binding.any_channel": {"en": "on any channel", "fa": "در هر کانالی"},
    "binding.bind": {"en": "Bind", "fa": "وصل کن"},
    "binding.unbind": {"en": "Unbind this activity", "fa": "جدا کردن این فعالیت"},
    "binding.on_channel": {"en": "on the channel {channel}", "fa": "در کانال {channel}"},
    "binding.of_dataset": {"en": "of the dataset", "fa": "از مجموعه‌داده"},
    "binding.no_rules": {"en": "nothing bound yet", "fa": "هنوز چیزی وصل نشده"},
    "binding.more": {
        "en": "{n} rarer activities are not listed.",
        "fa": "{n} فعالیت کم‌تکرارتر فهرست نشده‌اند.",
    },
    "binding.back": {"en": "Back to the map", "fa": "بازگشت به نقشه"},
    "datasets.correct.sheet": {"en": "Rows to correct", "fa": "سطرهای اصلاحی"},
    "datasets.correct.reasons": {"en": "Why rejected", "fa": "دلیل رد"},
    "datasets.correct.row": {"en": "Row {row} of the file", "fa": "سطر {row} پرونده"},
    "datasets.correct.unsplit": {
        "en": "Row {row}, not readable into columns (as read)",
        "fa": "سطر {row}، ناخوانا به‌صورت ستون (همان‌گونه که خوانده شد)",
    },
    "datasets.correct.how": {
        "en": "To fix them: download a file's rejected rows in its own columns, correct them, and send the file "
        "back with its link. Rows that now read are loaded, and the file's list here is replaced by what is "
        "still wrong; nothing already loaded is loaded twice.",
        "fa": "برای اصلاح: سطرهای ردشده هر پرونده را با همان ستون‌هایش بارگیری کنید، درستشان کنید و با پیوند همان "
        "پرونده بازپس بفرستید. سطرهایی که اکنون خوانده شوند بارگذاری می‌شوند و فهرست آن پرونده در اینجا با آنچه "
        "هنوز نادرست است جایگزین می‌شود؛ چیزی دو بار بارگذاری نمی‌شود.",
    },
    "datasets.correct.download": {"en": "Rows to correct (Excel)", "fa": "سطرهای اصلاحی (اکسل)"},
    "datasets.correct.send": {"en": "Send the corrected rows", "fa": "فرستادن سطرهای اصلاح‌شده"},
    "dataset.no_rejected_rows": {
        "en": "The file {source} of dataset {dataset} has no rejected rows.",
        "fa": "پرونده {source} از مجموعه‌داده {dataset} سطر ردشده‌ای ندارد.",
    },
    "upload.corrects": {
        "en": "This file corrects the rejected rows of:",
        "fa": "این پرونده سطرهای ردشده این پرونده را اصلاح می‌کند:",
    },
    "edit.no_activity": {
        "en": "Name at least one activity to bind or unbind.",
        "fa": "دست‌کم یک فعالیت برای وصل یا جدا کردن نام ببرید.",
    },
}
