"""Messages of the journey analytics (``analytics.*``), in English and Persian."""

from __future__ import annotations

ANALYTICS_MESSAGES: dict[str, dict[str, str]] = {
    "analytics.bad_level": {
        "en": "Unknown level “{value}”. Use one of: {allowed}.",
        "fa": "سطح «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "analytics.bad_order": {
        "en": "Unknown funnel order “{value}”. Use one of: {allowed}.",
        "fa": "ترتیب قیف «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "analytics.bad_breakdown": {
        "en": "Cannot break the funnel down by “{value}”. Use channel, segment:ATTRIBUTE or persona:ID (a persona "
        "of the map that says who it is in the data).",
        "fa": "قیف را نمی‌توان بر پایه «{value}» تفکیک کرد. channel، segment:ویژگی یا persona:شناسه (پرسونایی از "
        "نقشه که در داده معرفی شده) را به کار ببرید.",
    },
    "analytics.bad_compare": {
        "en": "Unknown comparison “{value}”: the funnel is compared with the period before (--compare previous).",
        "fa": "مقایسه «{value}» شناخته نیست: قیف با دوره پیش از آن مقایسه می‌شود (‎--compare previous‎).",
    },
    "analytics.bad_range": {
        "en": "The period's end ({end}) must come after its start ({start}).",
        "fa": "پایان دوره ({end}) باید پس از آغاز آن ({start}) باشد.",
    },
    "analytics.no_events": {
        "en": "The dataset has no events to compare periods of.",
        "fa": "این مجموعه داده رویدادی برای مقایسه دوره‌ها ندارد.",
    },
    "analytics.bad_step_windows": {
        "en": "Give one window per step after the first ({steps}; it was {given}), comma-separated and empty for no "
        "limit (e.g. 1d,,3d), with the sequential or strict order (not {order}).",
        "fa": "برای هر گام پس از نخستین یک بازه بدهید ({steps}؛ {given} داده شد)، با ویرگول و خالی برای بی‌حد "
        "(مثلاً 1d,,3d)، با ترتیب sequential یا strict (نه {order}).",
    },
    "analytics.bad_direction": {
        "en": "Paths go from a step or to it: “{value}” is neither (use --from or --to).",
        "fa": "مسیرها از یک گام یا به آن‌اند: «{value}» هیچ‌کدام نیست (‎--from یا ‎--to).",
    },
    "analytics.bad_rule": {
        "en": "The map has no rule {rule} about “{where}”. Rules are starts_with and must_not_skip (one stage), "
        "must_follow and within (two stages, within with its time); stages: {known}.",
        "fa": "نقشه قاعده {rule} درباره «{where}» ندارد. قاعده‌ها starts_with و must_not_skip (یک مرحله)، "
        "must_follow و within (دو مرحله، within با زمانش) هستند؛ مرحله‌ها: {known}.",
    },
    "analytics.bad_depth": {
        "en": "A path around a step is 1 to 10 steps long (it was {value}).",
        "fa": "مسیر پیرامون یک گام ۱ تا ۱۰ گام است (بود: {value}).",
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
        "en": "“{step}” is not a {level} of this journey map. Known ids: {known}.",
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
        "en": "Cannot read the duration “{value}”. Write a number and a unit: 90s, 45m, 12h, 30d or 2w.",
        "fa": "مدت «{value}» خوانا نیست. یک عدد و یک واحد بنویسید: 90s، 45m، 12h، 30d یا 2w.",
    },
    "analytics.bad_time": {
        "en": "Cannot read the time “{value}”. Write an ISO date or date-time, e.g. 2024-03-20 or "
        "2024-03-20T08:30:00+03:30.",
        "fa": "زمان «{value}» خوانا نیست. تاریخ یا زمان را به شکل ISO بنویسید، مثلاً 2024-03-20 یا "
        "2024-03-20T08:30:00+03:30.",
    },
    "analytics.bad_segment": {
        "en": "Cannot read the segment “{value}”. Write it as ATTRIBUTE=VALUE, e.g. --segment tier=gold.",
        "fa": "بخش «{value}» خوانا نیست. آن را به شکل ATTRIBUTE=VALUE بنویسید، مثلاً ‎--segment tier=gold‎.",
    },
    "analytics.bad_number": {
        "en": "{option} must be a positive whole number, not “{value}”.",
        "fa": "{option} باید عددی صحیح و مثبت باشد، نه «{value}».",
    },
    "analytics.request_response_overlap": {
        "en": "These activities are both requests and responses: {activities}. A step can be only one of them.",
        "fa": "این فعالیت‌ها هم درخواست‌اند و هم پاسخ: {activities}. هر فعالیت فقط یکی از این دو می‌تواند باشد.",
    },
    "analytics.unsupported_regex": {
        "en": "The binding rule of touchpoint “{touchpoint}” uses {pattern}, with a look-around or a "
        "back-reference, which the analytics engines cannot run. Rewrite it without them (e.g. with "
        "activity_in or two rules).",
        "fa": "قاعده اتصال نقطه تماس «{touchpoint}» عبارت {pattern} را به کار برده که نگاه به جلو/عقب یا "
        "ارجاع به گروه دارد و موتورهای تحلیل آن را اجرا نمی‌کنند. آن را بدون این‌ها بازنویسی کنید "
        "(مثلاً با activity_in یا دو قاعده).",
    },
    "analytics.no_requests": {
        "en": "Name the request activities with --request and the response activities with --response.",
        "fa": "فعالیت‌های درخواست را با ‎--request‎ و فعالیت‌های پاسخ را با ‎--response‎ نام ببرید.",
    },
}

# Labels of the fields the analytics return, for people reading the CLI's tables (the JSON keeps the keys).
_LABELS: dict[str, tuple[str, str]] = {
    "breakdown": ("funnel per group", "قیف به تفکیک گروه"),
    "rules": ("the map's rules", "قاعده‌های نقشه"),
    "rule": ("rule", "قاعده"),
    "starts_with": ("starts with", "آغاز با"),
    "must_follow": ("must follow", "باید پس از"),
    "must_not_skip": ("must not skip", "نباید جا بماند"),
    "within": ("within", "در مدت"),
    "within_seconds": ("within", "در مدت"),
    "applies": ("applies to", "شامل"),
    "broken": ("broke it", "شکستند"),
    "broken_share": ("share broke it", "سهم شکستن"),
    "broken_dropoff_share": ("drop-off if broken", "ریزش در شکستن"),
    "kept_dropoff_share": ("drop-off if kept", "ریزش در رعایت"),
    "median_seconds_broken": ("median time if broken", "میانه زمان در شکستن"),
    "median_seconds_kept": ("median time if kept", "میانه زمان در رعایت"),
    "keeping_all": ("keeping every rule", "رعایت همه قاعده‌ها"),
    "keeping_all_share": ("share keeping every rule", "سهم رعایت همه قاعده‌ها"),
    "flow_from": ("the paths after it", "مسیرهای پس از آن"),
    "flow_to": ("the paths to it", "مسیرهای پیش از آن"),
    "path": ("path", "مسیر"),
    "group": ("group", "گروه"),
    "comparison": ("against the period before", "در برابر دوره پیش"),
    "previous": ("period before", "دوره پیش"),
    "current": ("this period", "این دوره"),
    "change": ("change (points)", "تغییر (واحد درصد)"),
    "p_value": ("p", "p"),
    "times": ("time taken", "زمان صرف‌شده"),
    "to_convert": ("median from the first step", "میانه از گام نخست"),
    "in_step": ("median from the step before", "میانه از گام پیش"),
    "dropped": ("left after the step before: n · median stay", "رفته پس از گام پیش: تعداد · میانه ماندن"),
    "activity": ("activity", "فعالیت"),
    "answered": ("answered", "پاسخ‌داده"),
    "bound": ("bound", "متصل"),
    "bound_share": ("bound share", "سهم متصل"),
    "by_channel": ("by channel", "به تفکیک کانال"),
    "by_kind": ("by kind", "به تفکیک نوع"),
    "by_pair": ("by channel pair", "به تفکیک جفت کانال"),
    "by_step": ("by step", "به تفکیک گام"),
    "channel": ("channel", "کانال"),
    "channels": ("channels", "کانال‌ها"),
    "completed": ("completed", "تکمیل‌شده"),
    "conforming": ("conforming", "منطبق"),
    "conforming_share": ("conforming share", "سهم منطبق"),
    "conversion": ("time to convert", "زمان تبدیل"),
    "conversion_to_next_stage": ("conversion to next stage", "نرخ تبدیل به مرحله بعد"),
    "count": ("count", "تعداد"),
    "customers": ("customers", "مشتریان"),
    "customers_with_repeats": ("customers with repeats", "مشتریان با تکرار"),
    "depth": ("depth", "عمق"),
    "deviations": ("deviations", "انحراف‌ها"),
    "dropoff": ("drop-off", "ریزش"),
    "dropoff_share": ("drop-off share", "سهم ریزش"),
    "edges": ("directly-follows", "پیروی مستقیم"),
    "end": ("end", "پایان"),
    "events": ("events", "رویدادها"),
    "final": ("final step", "گام پایانی"),
    "from": ("from", "از"),
    "id": ("id", "شناسه"),
    "kind": ("kind", "نوع"),
    "level": ("level", "سطح"),
    "links": ("links", "پیوندها"),
    "mean": ("mean", "میانگین"),
    "mean_repeats": ("mean repeats", "میانگین تکرار"),
    "median": ("median", "میانه"),
    "median_seconds_to_next": ("median time to next", "میانه زمان تا بعدی"),
    "n": ("n", "تعداد"),
    "n_variants": ("variants in all", "تعداد کل گونه‌ها"),
    "nodes": ("nodes", "گره‌ها"),
    "overall": ("overall", "کل"),
    "p25": ("p25", "صدک ۲۵"),
    "p75": ("p75", "صدک ۷۵"),
    "p90": ("p90", "صدک ۹۰"),
    "ping_pong": ("channel ping-pong", "پینگ‌پنگ کانال"),
    "rate_from_previous": ("rate from previous", "نرخ از گام قبل"),
    "rate_from_start": ("rate from start", "نرخ از شروع"),
    "repeats": ("repeats", "تکرارها"),
    "request": ("request", "درخواست"),
    "requests": ("requests", "درخواست‌ها"),
    "response": ("response", "پاسخ"),
    "response_seconds": ("time to response", "زمان تا پاسخ"),
    "sankey": ("Sankey", "سنکی"),
    "share": ("share", "سهم"),
    "sla_seconds": ("SLA time", "زمان سطح خدمت"),
    "source": ("from", "از"),
    "stage": ("stage", "مرحله"),
    "start": ("start", "شروع"),
    "step": ("step", "گام"),
    "steps": ("steps", "گام‌ها"),
    "target": ("to", "به"),
    "top_unbound": ("top unbound activities", "پرتکرارترین فعالیت‌های متصل‌نشده"),
    "touchpoint": ("touchpoint", "نقطه تماس"),
    "touchpoints": ("touchpoints", "نقاط تماس"),
    "transitions": ("time between steps", "زمان بین گام‌ها"),
    "unanswered": ("unanswered", "بی‌پاسخ"),
    "unanswered_share": ("unanswered share", "سهم بی‌پاسخ"),
    "unbound": ("unbound", "متصل‌نشده"),
    "unbound_activities": ("unbound activities", "فعالیت‌های متصل‌نشده"),
    "unbound_events": ("unbound events", "رویدادهای متصل‌نشده"),
    "unobserved": ("before a stage without data", "پیش از مرحله بی‌داده"),
    "variants": ("variants", "گونه‌های مسیر"),
    "via": ("via", "از طریق"),
    "where": ("where", "محل"),
    "within_sla": ("within SLA", "در سطح خدمت"),
    "within_sla_share": ("within SLA share", "سهم در سطح خدمت"),
    "backward_move": ("backward move", "بازگشت به مرحله قبل"),
    "not_on_map": ("not on the map", "خارج از نقشه"),
    "out_of_order": ("out of order", "خارج از ترتیب"),
    "skipped_stage": ("skipped stage", "جا انداختن مرحله"),
}

ANALYTICS_MESSAGES.update(
    {f"analytics.label.{key}": {"en": en, "fa": fa} for key, (en, fa) in _LABELS.items()}
)
