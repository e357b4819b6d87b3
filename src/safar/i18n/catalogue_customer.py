"""Messages of one customer's whole history (``customer.*``): the page, its search, the CLI and their errors."""

from __future__ import annotations

CUSTOMER_MESSAGES: dict[str, dict[str, str]] = {
    "customer.alerts": {"en": "Alerts that counted them", "fa": "هشدارهایی که این مشتری در شمارششان بود"},
    "customer.alert_rows": {
        "en": "their rows in the alert: {rows}, of them {label}: {hits}",
        "fa": "سطرهای او در هشدار: {rows}، از آن‌ها {label}: {hits}",
    },
    # Errors
    "customer.not_found": {
        "en": "No dataset of this workspace has the customer “{customer}”. Check the id, or search for it "
        "(`safar customer find TEXT`, or the search on the customers page).",
        "fa": "هیچ مجموعه داده‌ای در این فضای کار مشتری «{customer}» را ندارد. شناسه را بررسی کنید یا آن را "
        "جست‌وجو کنید (‎`safar customer find TEXT`‎ یا جست‌وجوی صفحه مشتریان).",
    },
    "customer.search_empty": {
        "en": "Type part of a customer's id or of one of their attributes (a segment, a city …) to search.",
        "fa": "برای جست‌وجو بخشی از شناسه مشتری یا یکی از ویژگی‌هایش (بخش، شهر …) را بنویسید.",
    },
    "customer.bad_option": {
        "en": "{option} “{value}” is not possible: an id or a dataset of at most 200 characters, "
        "a limit from 1 to 5000.",
        "fa": "{option} «{value}» ممکن نیست: شناسه یا مجموعه داده حداکثر ۲۰۰ نویسه، و حد از ۱ تا ۵۰۰۰.",
    },
    "customer.search_long": {
        "en": "A search can be at most {limit} characters long.",
        "fa": "متن جست‌وجو حداکثر {limit} نویسه می‌تواند باشد.",
    },
    # The search page
    "customer.search_title": {"en": "Find a customer", "fa": "یافتن مشتری"},
    "customer.search_intro": {
        "en": "One customer's whole history: what they did in every channel, where they are on each map, what "
        "they said and answered. Search by their id or by an attribute loaded with them.",
        "fa": "تمام تاریخچه یک مشتری: آنچه در هر کانال کرد، جایی که اکنون روی هر نقشه است، و آنچه گفت و "
        "پاسخ داد. با شناسه مشتری یا یکی از ویژگی‌هایی که با او بارگذاری شده جست‌وجو کنید.",
    },
    "customer.search_label": {"en": "Customer id or attribute", "fa": "شناسه یا ویژگی مشتری"},
    "customer.search_button": {"en": "Search", "fa": "جست‌وجو"},
    "customer.found": {"en": "{n} customers found", "fa": "{n} مشتری یافت شد"},
    "customer.more": {
        "en": "Only the first {n} are listed: type more of the id or attribute to narrow the search.",
        "fa": "فقط {n} مشتری نخست فهرست شده‌اند: برای محدودتر کردن جست‌وجو بیشتر از شناسه یا ویژگی را بنویسید.",
    },
    "customer.none_found": {
        "en": "No customer's id or attributes hold “{text}”.",
        "fa": "شناسه یا ویژگی‌های هیچ مشتری‌ای «{text}» را ندارد.",
    },
    "customer.no_data": {
        "en": "This workspace has no data yet: bring events in from the Data page first.",
        "fa": "این فضای کار هنوز داده‌ای ندارد: نخست از صفحه داده‌ها رویدادها را وارد کنید.",
    },
    "customer.col.id": {"en": "Customer", "fa": "مشتری"},
    "customer.col.dataset": {"en": "Dataset", "fa": "مجموعه داده"},
    "customer.col.attributes": {"en": "Attributes", "fa": "ویژگی‌ها"},
    "customer.col.events": {"en": "Events", "fa": "رویدادها"},
    "customer.col.last": {"en": "Last event", "fa": "آخرین رویداد"},
    # The customer's page
    "customer.title": {"en": "Customer {customer}", "fa": "مشتری {customer}"},
    "customer.heading": {"en": "Customer", "fa": "مشتری"},
    "customer.on": {"en": "on", "fa": "روی"},
    "customer.last_at": {"en": "Last at", "fa": "آخرین بار در"},
    "customer.steps": {"en": "{n} steps on the map", "fa": "{n} گام روی نقشه"},
    "customer.furthest": {"en": "Furthest stage reached:", "fa": "دورترین مرحله‌ای که رسید:"},
    "customer.stage_of": {"en": "stage {number} of {stages}", "fa": "مرحله {number} از {stages}"},
    "customer.who": {"en": "Who", "fa": "مشخصات"},
    "customer.in_dataset": {
        "en": "In {dataset}: {events} events, from {first} to {last}",
        "fa": "در {dataset}: {events} رویداد، از {first} تا {last}",
    },
    "customer.in_dataset_none": {
        "en": "In {dataset}: loaded as a customer, with no events",
        "fa": "در {dataset}: به‌عنوان مشتری بارگذاری شده، بدون رویداد",
    },
    "customer.no_attributes": {
        "en": "No attributes were loaded with them.",
        "fa": "ویژگی‌ای با او بارگذاری نشده است.",
    },
    "customer.journeys": {"en": "Where they are on each map", "fa": "جایگاه او روی هر نقشه"},
    "customer.no_journeys": {
        "en": "Not one of their events is on a journey map of this workspace.",
        "fa": "هیچ‌یک از رویدادهای او روی نقشه سفری از این فضای کار نیست.",
    },
    "customer.journey_now": {
        "en": "Last at {touchpoint} ({stage}), {when}; {steps} steps on the map",
        "fa": "آخرین بار در {touchpoint} ({stage})، {when}؛ {steps} گام روی نقشه",
    },
    "customer.journey_furthest": {
        "en": "Furthest stage reached: {stage}, {number} of {stages}",
        "fa": "دورترین مرحله‌ای که رسید: {stage}، مرحله {number} از {stages}",
    },
    "customer.journey_end": {"en": "Reached the map's last stage", "fa": "به مرحله پایانی نقشه رسید"},
    "customer.timeline": {"en": "Timeline, newest first", "fa": "گاه‌شمار، از تازه‌ترین"},
    "customer.counts": {
        "en": "{events} events, {comments} comments, {answers} survey answers",
        "fa": "{events} رویداد، {comments} نظر، {answers} پاسخ پرسش‌نامه",
    },
    "customer.shown": {
        "en": "The newest {shown} of {total} are listed.",
        "fa": "{shown} مورد تازه‌تر از {total} مورد فهرست شده است.",
    },
    "customer.kind.event": {"en": "Event", "fa": "رویداد"},
    "customer.kind.comment": {"en": "Comment", "fa": "نظر"},
    "customer.kind.answer": {"en": "Survey answer", "fa": "پاسخ پرسش‌نامه"},
    "customer.on_map": {"en": "on {map}: {touchpoint} ({stage})", "fa": "روی {map}: {touchpoint} ({stage})"},
    "customer.off_map": {"en": "on no map", "fa": "روی هیچ نقشه‌ای نیست"},
    "customer.no_time": {"en": "no time given", "fa": "بدون زمان"},
    "customer.by": {"en": "by", "fa": "توسط"},
    "customer.answer_value": {"en": "answered {value}", "fa": "پاسخ: {value}"},
    "customer.open": {"en": "Open the customer's history", "fa": "دیدن تاریخچه مشتری"},
    "customer.back": {"en": "Find another customer", "fa": "یافتن مشتری دیگر"},
}
