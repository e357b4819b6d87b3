"""Messages of the journey analytics (``analytics.*``), in English and Persian."""

from __future__ import annotations

ANALYTICS_MESSAGES: dict[str, dict[str, str]] = {
    "analytics.bad_level": {
        "en": "Unknown level {value!r}. Use one of: {allowed}.",
        "fa": "سطح «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "analytics.bad_order": {
        "en": "Unknown funnel order {value!r}. Use one of: {allowed}.",
        "fa": "ترتیب قیف «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "analytics.no_steps": {
        "en": "A funnel needs at least one step. Give the steps as --steps A,B,C.",
        "fa": "قیف دست‌کم یک مرحله لازم دارد. مراحل را به شکل ‎--steps A,B,C‎ بدهید.",
    },
    "analytics.duplicate_step": {
        "en": "A funnel in any order cannot repeat a step: {steps}. Remove the repeated step or use "
        "--order sequential.",
        "fa": "در قیف بدون ترتیب نمی‌توان یک مرحله را تکرار کرد: {steps}. مرحله تکراری را بردارید یا "
        "‎--order sequential‎ را به کار ببرید.",
    },
    "analytics.unknown_step": {
        "en": "{step!r} is not a {level} of this journey map. Known ids: {known}.",
        "fa": "«{step}» در این نقشه سفر وجود ندارد (سطح: {level}). شناسه‌های موجود: {known}.",
    },
    "analytics.map_required": {
        "en": "Analysis at the {level} level needs a journey map to bind events to. Give --map ID.",
        "fa": "تحلیل در سطح {level} به نقشه سفر برای اتصال رویدادها نیاز دارد. ‎--map ID‎ را بدهید.",
    },
    "analytics.missing_columns": {
        "en": "The events table lacks the columns {missing}; it has {columns}.",
        "fa": "جدول رویدادها ستون‌های {missing} را ندارد؛ ستون‌های موجود: {columns}.",
    },
    "analytics.bad_duration": {
        "en": "Cannot read the duration {value!r}. Write a number and a unit: 90s, 45m, 12h, 30d or 2w.",
        "fa": "مدت «{value}» خوانا نیست. یک عدد و یک واحد بنویسید: 90s، 45m، 12h، 30d یا 2w.",
    },
    "analytics.bad_time": {
        "en": "Cannot read the time {value!r}. Write an ISO date or date-time, e.g. 2024-03-20 or "
        "2024-03-20T08:30:00+03:30.",
        "fa": "زمان «{value}» خوانا نیست. تاریخ یا زمان را به شکل ISO بنویسید، مثلاً 2024-03-20 یا "
        "2024-03-20T08:30:00+03:30.",
    },
    "analytics.bad_segment": {
        "en": "Cannot read the segment {value!r}. Write it as ATTRIBUTE=VALUE, e.g. --segment tier=gold.",
        "fa": "بخش «{value}» خوانا نیست. آن را به شکل ATTRIBUTE=VALUE بنویسید، مثلاً ‎--segment tier=gold‎.",
    },
    "analytics.bad_number": {
        "en": "{option} must be a positive whole number, not {value!r}.",
        "fa": "{option} باید عددی صحیح و مثبت باشد، نه «{value}».",
    },
    "analytics.request_response_overlap": {
        "en": "These activities are both requests and responses: {activities}. A step can be only one of them.",
        "fa": "این فعالیت‌ها هم درخواست‌اند و هم پاسخ: {activities}. هر فعالیت فقط یکی از این دو می‌تواند باشد.",
    },
    "analytics.no_requests": {
        "en": "Name the request activities with --request and the response activities with --response.",
        "fa": "فعالیت‌های درخواست را با ‎--request‎ و فعالیت‌های پاسخ را با ‎--response‎ نام ببرید.",
    },
}
