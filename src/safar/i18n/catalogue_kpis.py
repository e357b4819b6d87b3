"""Messages of the key metrics (``kpis.*``): measured values, targets and revision snapshots, in English and Persian."""

from __future__ import annotations

KPIS_MESSAGES: dict[str, dict[str, str]] = {
    "kpis.bad_period": {
        "en": "Unknown period '{value}'. Choose one of: {allowed}.",
        "fa": "دوره «{value}» شناخته نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "kpis.no_snapshot": {
        "en": "Revision {revision} of map {map_id} has no snapshot of its key metrics. "
        "Take one with `safar map snapshot {map_id} --revision {revision}`.",
        "fa": "نسخه {revision} نقشه {map_id} برداشتی از شاخص‌های کلیدی ندارد. "
        "با `safar map snapshot {map_id} --revision {revision}` یک برداشت بگیرید.",
    },
    # Why a metric has no value
    "kpis.reason.not_bound": {
        "en": "not measured: the metric has no `measure`",
        "fa": "سنجیده نمی‌شود: شاخص `measure` ندارد",
    },
    "kpis.reason.no_current_touchpoint": {
        "en": "no touchpoint of the current-state map to measure (add `improves`)",
        "fa": "نقطه تماسی در نقشه وضعیت فعلی برای سنجش نیست (`improves` را بیفزایید)",
    },
    "kpis.reason.no_current_stage": {
        "en": "no stage of the current-state map to measure",
        "fa": "مرحله‌ای در نقشه وضعیت فعلی برای سنجش نیست",
    },
    "kpis.reason.no_dataset": {
        "en": "no dataset: bind the map to events (`safar map bind`) or name one in `measure.dataset`",
        "fa": "داده‌ای نیست: نقشه را به رویدادها پیوند دهید (`safar map bind`) یا در `measure.dataset` نام ببرید",
    },
    "kpis.reason.no_data": {"en": "no data yet", "fa": "هنوز داده‌ای نیست"},
    "kpis.reason.last_stage": {
        "en": "conversion to a later stage: the last stage has none",
        "fa": "تبدیل به مرحله بعد: مرحله آخر مرحله بعدی ندارد",
    },
    # What a metric measures
    "kpis.kind.customers": {"en": "customers", "fa": "مشتریان"},
    "kpis.kind.conversion": {"en": "conversion to a later stage", "fa": "نرخ تبدیل به مرحله بعد"},
    "kpis.kind.dropoff": {"en": "drop-off", "fa": "ریزش"},
    "kpis.kind.median_time_to_next": {"en": "median time to next", "fa": "میانه زمان تا گام بعد"},
    "kpis.kind.nps": {"en": "NPS", "fa": "NPS"},
    "kpis.kind.csat": {"en": "CSAT", "fa": "CSAT"},
    "kpis.kind.ces": {"en": "CES", "fa": "CES"},
    "kpis.kind.negative_share": {"en": "share of negative comments", "fa": "سهم نظرهای منفی"},
    # Tables of the CLI and the web page
    "kpis.col.metric": {"en": "metric", "fa": "شاخص"},
    "kpis.col.touchpoint": {"en": "touchpoint", "fa": "نقطه تماس"},
    "kpis.col.measure": {"en": "measures", "fa": "می‌سنجد"},
    "kpis.col.target": {"en": "target", "fa": "هدف"},
    "kpis.col.current": {"en": "today", "fa": "امروز"},
    "kpis.col.value": {"en": "value", "fa": "مقدار"},
    "kpis.col.n": {"en": "n", "fa": "n"},
    "kpis.col.gap": {"en": "gap to target", "fa": "فاصله تا هدف"},
    "kpis.col.met": {"en": "met?", "fa": "محقق شده؟"},
    "kpis.col.trend": {"en": "trend", "fa": "روند"},
    "kpis.col.change": {"en": "change", "fa": "تغییر"},
    "kpis.met": {"en": "met", "fa": "محقق شده"},
    "kpis.not_met": {"en": "not met", "fa": "محقق نشده"},
    "kpis.title_targets": {"en": "Targets of map {map_id}", "fa": "هدف‌های نقشه {map_id}"},
    "kpis.title_kpis": {
        "en": "Key metrics of map {map_id}, revision {revision}",
        "fa": "شاخص‌های کلیدی نقشه {map_id}، نسخه {revision}",
    },
    "kpis.since": {
        "en": "change since the snapshot of revision {revision} ({when})",
        "fa": "تغییر از برداشت نسخه {revision} ({when})",
    },
    "kpis.snapshot_taken": {
        "en": "Snapshot of map {map_id}, revision {revision}: {measured} of {total} metrics measured.",
        "fa": "برداشت نقشه {map_id}، نسخه {revision}: {measured} از {total} شاخص سنجیده شد.",
    },
    # The web page
    "kpis.web.link": {"en": "Key metrics", "fa": "شاخص‌های کلیدی"},
    "kpis.web.title": {"en": "Key metrics: {title}", "fa": "شاخص‌های کلیدی: {title}"},
    "kpis.web.based_on": {
        "en": "A future-state map: its targets are measured on the data of the current-state map",
        "fa": "نقشه وضعیت آینده: هدف‌های آن با داده‌های نقشه وضعیت فعلی سنجیده می‌شوند",
    },
    "kpis.web.dataset": {"en": "Data: {dataset}", "fa": "داده: {dataset}"},
    "kpis.web.no_metrics": {
        "en": "This map has no key metrics yet. Add metrics with a `measure` to the map or its touchpoints "
        "(see docs/kpis.md).",
        "fa": "این نقشه هنوز شاخص کلیدی ندارد. شاخص‌هایی با `measure` به نقشه یا نقاط تماس آن بیفزایید "
        "(راهنما: docs/kpis.md).",
    },
    "kpis.web.interval": {"en": "95% interval {low} – {high}", "fa": "بازه ۹۵٪: {low} تا {high}"},
    "kpis.web.small_n": {"en": "few answers", "fa": "پاسخ کم"},
    "kpis.web.snapshot_now": {"en": "Snapshot now", "fa": "برداشت اکنون"},
    "kpis.web.snapshot_help": {
        "en": "Keeps today's values with revision {revision}, so the history shows how they move.",
        "fa": "مقدارهای امروز را با نسخه {revision} نگه می‌دارد تا تاریخچه نشان دهد چگونه تغییر می‌کنند.",
    },
    "kpis.web.history": {"en": "Snapshots by revision", "fa": "برداشت‌ها به تفکیک نسخه"},
    "kpis.web.no_snapshots": {
        "en": "No snapshots yet.",
        "fa": "هنوز برداشتی نیست.",
    },
    "kpis.web.revision": {"en": "Revision {revision}", "fa": "نسخه {revision}"},
    "kpis.web.taken": {"en": "{when} by {author}", "fa": "{when} توسط {author}"},
}
