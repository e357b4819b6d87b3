"""Messages of the alerts (``alerts.*``): errors, alert texts, statuses and labels, in English and Persian."""

from __future__ import annotations

_KINDS = {
    "satisfaction_falls": ("Satisfaction falls", "افت رضایت"),
    "conversion_drops": ("Conversion drops", "افت نرخ تبدیل"),
    "unanswered_rises": ("Unanswered share rises", "افزایش سهم بی‌پاسخ"),
    "negative_sentiment_rises": ("Negative sentiment rises", "افزایش نظرهای منفی"),
    "wait_exceeds": ("Expected wait above a threshold", "زمان انتظار تقریبی بیش از آستانه"),
}
_STATUSES = {
    "fired": ("fired", "هشدار داده شد"),
    "quiet": ("no significant change", "تغییر معناداری نیست"),
    "too_few": ("too few data", "داده کافی نیست"),
    "cooling_down": ("cooling down", "در دوره آرامش"),
    "duplicate": ("already alerted on this data", "برای همین داده هشدار داده شده"),
    "no_data": ("no data", "داده‌ای نیست"),
    "error": ("error", "خطا"),
}
_DELIVERY = {
    "delivered": ("delivered", "تحویل شد"),
    "partial": ("partly delivered", "بخشی تحویل شد"),
    "failed": ("delivery failed", "تحویل ناموفق"),
    "none": ("no webhook", "بدون وب‌هوک"),
}
_LABELS = {
    "id": ("#", "شناسه"),
    "map": ("Map", "نقشه"),
    "target": ("Where", "کجا"),
    "kind": ("Rule", "قاعده"),
    "owner": ("Department", "واحد مسئول"),
    "guard": ("Guard", "محافظ آماری"),
    "touchpoint": ("touchpoint", "نقطه تماس"),
    "stage": ("stage", "مرحله"),
    "channel": ("channel", "کانال"),
    "questions": ("unanswered questions", "پرسش‌های بی‌پاسخ"),
    "rule": ("Rule", "قاعده"),
    "status": ("Status", "وضعیت"),
    "baseline": ("Baseline", "پایه"),
    "recent": ("Recent", "اخیر"),
    "p_value": ("p", "p"),
    "fired_at": ("Fired", "زمان هشدار"),
    "message": ("Alert", "هشدار"),
    "delivery": ("Delivery", "تحویل"),
    "attempts": ("Attempts", "تلاش‌ها"),
    "title": ("Alerts", "هشدارها"),
    "intro": (
        "Alerts fire when a touchpoint's numbers get significantly worse than their baseline; "
        "the owning department's webhook receives each one.",
        "هشدار وقتی داده می‌شود که شاخص‌های یک نقطه تماس نسبت به دوره پایه به‌طور معنادار بدتر شود؛ "
        "وب‌هوک واحد مسئول هر هشدار را دریافت می‌کند.",
    ),
    "feed": ("Fired alerts", "هشدارهای داده‌شده"),
    "no_alerts": ("No alert has fired yet.", "هنوز هشداری داده نشده است."),
    "rules": ("Rules", "قاعده‌ها"),
    "no_rules": ("No rules yet.", "هنوز قاعده‌ای نیست."),
    "destinations": ("Department webhooks", "وب‌هوک واحدها"),
    "no_destinations": ("No webhooks yet.", "هنوز وب‌هوکی نیست."),
    "add_rule": ("Add a rule", "افزودن قاعده"),
    "remove": ("Remove", "حذف"),
    "ack": ("Acknowledge", "دیدم"),
    "acked_by": ("acknowledged by", "دیده‌شده توسط"),
    "check_now": ("Check now", "همین حالا بررسی کن"),
    "set_destination": ("Set webhook", "تنظیم وب‌هوک"),
    "department_hint": ("Department (* for all others)", "واحد (* برای بقیه)"),
    "window": ("Recent window", "بازه اخیر"),
    "baseline_window": ("Baseline window", "بازه پایه"),
    "min_n": ("Minimum n", "کمینه n"),
    "alpha": ("Significance level α", "سطح معناداری α"),
    "min_effect": ("Minimum change", "کمینه تغییر"),
    "cooldown": ("Cool-down", "دوره آرامش"),
    "metric": ("Satisfaction metric", "شاخص رضایت"),
    "target_id": ("Touchpoint, stage or channel id", "شناسه نقطه تماس، مرحله یا کانال"),
    "default_owner": ("(the touchpoint's owner)", "(مسئول نقطه تماس)"),
    "rule_added": ("Added alert rule {id}.", "قاعده هشدار {id} افزوده شد."),
    "rule_removed": ("Removed alert rule {id}.", "قاعده هشدار {id} حذف شد."),
    "destination_set": (
        "Alerts of {department} go to {url}.",
        "هشدارهای {department} به {url} فرستاده می‌شود.",
    ),
    "destination_removed": (
        "Alerts of {department} go nowhere now.",
        "هشدارهای {department} دیگر جایی فرستاده نمی‌شود.",
    ),
    "acknowledged": ("Alert {id} acknowledged.", "هشدار {id} دیده شد."),
    "fired_after_ingest": (
        "Alert {id} fired: {target}. See `safar alerts list`.",
        "هشدار {id} داده شد: {target}. `safar alerts list` را ببینید.",
    ),
}

ALERTS_MESSAGES: dict[str, dict[str, str]] = {
    "alerts.bad_every": {
        "en": "{name} must be a whole number of seconds (0 turns this check of the web app off), not '{value}'.",
        "fa": "{name} باید عددی صحیح از ثانیه‌ها باشد (۰ این بررسی را در برنامه وب خاموش می‌کند)، نه «{value}».",
    },
    "alerts.url_internal": {
        "en": "The webhook address {host} is on this machine or an internal network ({address}). "
        "Allow it with SAFAR_WEBHOOK_ALLOW={host} if it is meant to be.",
        "fa": "نشانی وب‌هوک {host} روی همین ماشین یا شبکه داخلی است ({address}). "
        "اگر عمدی است با SAFAR_WEBHOOK_ALLOW={host} اجازه دهید.",
    },
    "alerts.bad_param": {
        "en": "Alert setting '{param}' cannot be '{value}'. Allowed: {allowed}.",
        "fa": "تنظیم «{param}» هشدار نمی‌تواند «{value}» باشد. مجاز: {allowed}.",
    },
    "alerts.bad_text": {
        "en": "Alert setting '{param}' cannot be '{value}': give 1 to 200 characters without control characters.",
        "fa": "تنظیم «{param}» هشدار نمی‌تواند «{value}» باشد: ۱ تا ۲۰۰ نویسه بدون نویسه‌های کنترلی بدهید.",
    },
    "alerts.to_only_conversion": {
        "en": "--to '{to}' applies only to conversion_drops rules, not to {kind}.",
        "fa": "--to «{to}» فقط برای قاعده‌های conversion_drops است، نه {kind}.",
    },
    "alerts.one_target": {
        "en": "Name exactly one target: --touchpoint, --stage or --channel (given: {given}).",
        "fa": "دقیقاً یک هدف بدهید: --touchpoint یا --stage یا --channel (داده‌شده: {given}).",
    },
    "alerts.bad_kind": {
        "en": "Unknown alert rule kind '{kind}'. Use one of: {allowed}.",
        "fa": "نوع قاعده هشدار «{kind}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "alerts.unknown_target": {
        "en": "The map has no {kind} '{target}'. Known: {known}.",
        "fa": "نقشه {kind}ی با شناسه «{target}» ندارد. موجودها: {known}.",
    },
    "alerts.rule_not_found": {
        "en": "No alert rule with id {rule_id} in this workspace. Run `safar alerts rules` to see them.",
        "fa": "قاعده هشداری با شناسه {rule_id} در این فضای کار نیست. `safar alerts rules` فهرست را نشان می‌دهد.",
    },
    "alerts.rule_gone": {
        "en": "The rule of alert {alert_id} was removed, so what it counted cannot be read again.",
        "fa": "قاعدهٔ هشدار {alert_id} حذف شده است؛ برای همین آنچه شمرده بود دوباره خواندنی نیست.",
    },
    "alerts.bad_window": {
        "en": "Unknown window '{window}'. Use one of: {allowed}.",
        "fa": "بازهٔ «{window}» شناخته نیست. یکی از این‌ها را بدهید: {allowed}.",
    },
    "alerts.bad_which": {
        "en": "Unknown choice '{which}'. Use one of: {allowed}.",
        "fa": "گزینهٔ «{which}» شناخته نیست. یکی از این‌ها را بدهید: {allowed}.",
    },
    "alerts.rows.title": {"en": "What the alert counted", "fa": "آنچه هشدار شمرد"},
    "alerts.rows.about.recent": {
        "en": "{target}: the recent window, from {start} to {end}",
        "fa": "{target}: بازهٔ اخیر، از {start} تا {end}",
    },
    "alerts.rows.about.baseline": {
        "en": "{target}: the baseline window, from {start} to {end}",
        "fa": "{target}: بازهٔ پایه، از {start} تا {end}",
    },
    "alerts.rows.when_fired": {
        "en": "When the alert fired: n = {n}, of which {hits} {hit_label}.",
        "fa": "هنگام هشدار: n = {n}، که {hits} از آن {hit_label}.",
    },
    "alerts.rows.count": {"en": "{n} rows now", "fa": "اکنون {n} ردیف"},
    "alerts.rows.none": {"en": "Nothing in this window.", "fa": "در این بازه چیزی نیست."},
    "alerts.rows.recent": {"en": "recent window", "fa": "بازهٔ اخیر"},
    "alerts.rows.baseline": {"en": "baseline window", "fa": "بازهٔ پایه"},
    "alerts.rows.all": {"en": "all", "fa": "همه"},
    "alerts.rows.open": {"en": "open what was counted", "fa": "دیدن آنچه شمرده شد"},
    "alerts.rows.hit.nps": {"en": "promoters", "fa": "مروج"},
    "alerts.rows.miss.nps": {"en": "passives or detractors", "fa": "منفعل یا منتقد"},
    "alerts.rows.hit.csat_top2": {"en": "satisfied (top two)", "fa": "راضی (دو گزینهٔ بالا)"},
    "alerts.rows.miss.csat_top2": {"en": "not satisfied", "fa": "ناراضی یا بی‌نظر"},
    "alerts.rows.hit.conversion": {"en": "went on", "fa": "ادامه دادند"},
    "alerts.rows.miss.conversion": {"en": "did not go on", "fa": "ادامه ندادند"},
    "alerts.rows.hit.unanswered_share": {"en": "unanswered", "fa": "بی‌پاسخ"},
    "alerts.rows.miss.unanswered_share": {"en": "answered", "fa": "پاسخ‌گرفته"},
    "alerts.rows.hit.negative_share": {"en": "negative", "fa": "منفی"},
    "alerts.rows.miss.negative_share": {"en": "not negative", "fa": "غیرمنفی"},
    "alerts.rows.col.customer_id": {"en": "Customer id", "fa": "شناسه مشتری"},
    "alerts.rows.col.time": {"en": "Time", "fa": "زمان"},
    "alerts.rows.col.counted": {"en": "Counted as", "fa": "شمرده‌شده به‌عنوان"},
    "alerts.rows.col.at_utc": {"en": "Time (UTC)", "fa": "زمان (UTC)"},
    "alerts.rows.written": {"en": "{n} rows written to {file}.", "fa": "{n} ردیف در {file} نوشته شد."},
    "alerts.rows.sheet": {"en": "Counted", "fa": "شمرده‌شده"},
    "alerts.rows.sheet_total": {"en": "Rows", "fa": "ردیف‌ها"},
    "alerts.alert_not_found": {
        "en": "No alert with id {alert_id} in this workspace. Run `safar alerts list` to see them.",
        "fa": "هشداری با شناسه {alert_id} در این فضای کار نیست. `safar alerts list` فهرست را نشان می‌دهد.",
    },
    "alerts.destination_not_found": {
        "en": "No webhook is set for department '{department}'. Run `safar alerts destinations` to see them.",
        "fa": "برای واحد «{department}» وب‌هوکی تنظیم نشده است. `safar alerts destinations` فهرست را نشان می‌دهد.",
    },
    "alerts.bad_url": {
        "en": "'{url}' is not a webhook URL. Give an http:// or https:// address.",
        "fa": "«{url}» نشانی وب‌هوک نیست. نشانی‌ای با http:// یا https:// بدهید.",
    },
    "alerts.message.satisfaction_falls": {
        "en": "Satisfaction (CSAT, share of 4–5) at {target} fell from {before}% to {after}% "
        "(n {n_before} → {n_after}, p = {p:.4f}).",
        "fa": "رضایت (CSAT، سهم امتیاز ۴ و ۵) در {target} از {before}٪ به {after}٪ افت کرد "
        "(n {n_before} ← {n_after}، p = {p:.4f}).",
    },
    "alerts.message.nps": {
        "en": "NPS at {target} fell from {before} to {after} (n {n_before} → {n_after}, p = {p:.4f}).",
        "fa": "NPS در {target} از {before} به {after} افت کرد (n {n_before} ← {n_after}، p = {p:.4f}).",
    },
    "alerts.message.conversion_drops": {
        "en": "Conversion after {target} dropped from {before}% to {after}% (n {n_before} → {n_after}, p = {p:.4f}).",
        "fa": "نرخ تبدیل پس از {target} از {before}٪ به {after}٪ افت کرد (n {n_before} ← {n_after}، p = {p:.4f}).",
    },
    "alerts.message.unanswered_rises": {
        "en": "Unanswered requests at {target} rose from {before}% to {after}% "
        "(n {n_before} → {n_after}, p = {p:.4f}).",
        "fa": "سهم درخواست‌های بی‌پاسخ در {target} از {before}٪ به {after}٪ رسید "
        "(n {n_before} ← {n_after}، p = {p:.4f}).",
    },
    "alerts.message.wait_exceeds": {
        "en": "The expected wait at {target} is {after} min, over the threshold of {threshold} min "
        "(contacts answered in the recent window: {n_after}).",
        "fa": "زمان انتظار تقریبی در {target} {after} دقیقه است، بیش از آستانه {threshold} دقیقه "
        "(تماس‌های پاسخ‌گرفته در بازه اخیر: {n_after}).",
    },
    "alerts.label.wait_rule": {
        "en": "Wait rule (contact centre): the contact roles, the queue and the threshold",
        "fa": "قاعده زمان انتظار (مرکز تماس): نقش‌های تماس، صف و آستانه",
    },
    "alerts.label.threshold": {"en": "Threshold of the expected wait", "fa": "آستانه زمان انتظار تقریبی"},
    "alerts.label.recent": {"en": "Window of the recent mean", "fa": "بازه میانگین اخیر"},
    "alerts.no_rows": {
        "en": "Alert {alert_id} is a wait alert: it rests on an estimate, not on rows it counted. Its queue's "
        "contacts are on the expected-wait page of the contact centre.",
        "fa": "هشدار {alert_id} هشدار زمان انتظار است: بر برآورد تکیه دارد، نه بر سطرهایی که شمرده باشد. "
        "تماس‌های صف آن در صفحه زمان انتظار تقریبی مرکز تماس است.",
    },
    "alerts.questions_rows": {
        "en": "Alert {alert_id} counts customers' questions, not their rows: its questions are on the knowledge "
        "base page, in the group it names.",
        "fa": "هشدار {alert_id} پرسش‌های مشتریان را می‌شمارد، نه سطرهای آن‌ها را: پرسش‌هایش در صفحه پایگاه دانش، "
        "در گروهی که نام برده، آمده است.",
    },
    "alerts.wait_needs": {
        "en": "A wait rule needs “{param}”: the activities of entering the queue (enter) and of the answer "
        "(answer), and the threshold of the expected wait (threshold, e.g. 5m).",
        "fa": "قاعده زمان انتظار به «{param}» نیاز دارد: فعالیت‌های ورود به صف (enter) و پاسخ (answer)، و "
        "آستانه زمان انتظار تقریبی (threshold، مثلاً 5m).",
    },
    "alerts.wait_only": {
        "en": "“{param}” is a setting of wait rules (wait_exceeds), not of {kind}. Leave it empty.",
        "fa": "«{param}» تنظیمِ قاعده‌های زمان انتظار (wait_exceeds) است، نه {kind}. آن را خالی بگذارید.",
    },
    "alerts.message.questions_surge": {
        "en": "Customers ask more about “{target}” on {map} and no article answers it: {after}% of their questions "
        "in the last 30 days, {before}% in the 90 before ({recent} questions; n {n_before} → {n_after}, "
        "p = {p:.4f}). Add an article to the knowledge base.",
        "fa": "مشتریان در «{map}» بیشتر درباره «{target}» می‌پرسند و هیچ مقاله‌ای به آن پاسخ نمی‌دهد: {after}٪ "
        "پرسش‌های ۳۰ روز اخیر، در برابر {before}٪ در ۹۰ روز پیش از آن ({recent} پرسش؛ n {n_before} ← {n_after}، "
        "p = {p:.4f}). مقاله‌ای به پایگاه دانش بیفزایید.",
    },
    "alerts.message.negative_sentiment_rises": {
        "en": "Negative comments about {target} rose from {before}% to {after}% (n {n_before} → {n_after}, p = {p:.4f}).",
        "fa": "نظرهای منفی درباره {target} از {before}٪ به {after}٪ رسید (n {n_before} ← {n_after}، p = {p:.4f}).",
    },
    **{f"alerts.kind.{k}": {"en": en, "fa": fa} for k, (en, fa) in _KINDS.items()},
    **{f"alerts.status.{k}": {"en": en, "fa": fa} for k, (en, fa) in _STATUSES.items()},
    **{f"alerts.delivery.{k}": {"en": en, "fa": fa} for k, (en, fa) in _DELIVERY.items()},
    **{f"alerts.label.{k}": {"en": en, "fa": fa} for k, (en, fa) in _LABELS.items()},
}
