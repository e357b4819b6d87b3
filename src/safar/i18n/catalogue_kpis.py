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
    # Choosing what a metric measures (the page's form and its JSON twin)
    "kpis.bad_key": {
        "en": "The map has no key metric '{value}'. Reload the page and choose one of its metrics.",
        "fa": "نقشه شاخص کلیدی «{value}» ندارد. صفحه را دوباره بارگذاری کنید و یکی از شاخص‌های آن را برگزینید.",
    },
    "kpis.bad_kind": {
        "en": "'{value}' is not something Safar measures. Choose one of: {allowed}.",
        "fa": "«{value}» سنجه‌ای نیست که سفر بسنجد. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "kpis.bad_where": {
        "en": "'{value}' is not a touchpoint or stage of this map. Choose one from the list.",
        "fa": "«{value}» نقطه تماس یا مرحله‌ای از این نقشه نیست. یکی را از فهرست برگزینید.",
    },
    "kpis.bad_revision": {
        "en": "The form's map revision '{value}' is not a revision number. Reload the page and try again.",
        "fa": "نسخه نقشه در فرم («{value}») شماره نسخه نیست. صفحه را دوباره بارگذاری کنید و دوباره بکوشید.",
    },
    "kpis.contact_role_twice": {
        "en": "'{value}' is given twice, as `{field}` and as `{first}`: an activity has one role only.",
        "fa": "«{value}» دو بار آمده است، هم در `{field}` و هم در `{first}`: هر فعالیت فقط یک نقش دارد.",
    },
    "kpis.contact_role_needed": {
        "en": "Name at least one activity for `{field}`: a contact is read from entering the queue and being "
        "answered.",
        "fa": "دست‌کم یک فعالیت برای `{field}` نام ببرید: تماس از ورود به صف و پاسخ گرفتن خوانده می‌شود.",
    },
    "kpis.bad_contact_duration": {
        "en": "'{value}' (`{field}`) is not a duration: write it as 20s, 5m, 12h, 7d or 2w.",
        "fa": "«{value}» (`{field}`) یک مدت نیست: آن را به شکل 20s، 5m، 12h، 7d یا 2w بنویسید.",
    },
    "kpis.bad_contact_column": {
        "en": "'{value}' (`{field}`) is not a column name Safar can read: give the column's name, at most 200 "
        "characters.",
        "fa": "«{value}» (`{field}`) نام ستونی نیست که سفر بخواند: نام ستون را بدهید، حداکثر ۲۰۰ نویسه.",
    },
    "kpis.bad_contact_field": {
        "en": "'{value}' is not one of the contact-centre roles. Give: {allowed}.",
        "fa": "«{value}» از نقش‌های مرکز تماس نیست. این‌ها را بدهید: {allowed}.",
    },
    "kpis.contact_roles_saved": {"en": "contact-centre roles set", "fa": "نقش‌های مرکز تماس تعیین شد"},
    "kpis.contact_roles_cleared": {"en": "contact-centre roles removed", "fa": "نقش‌های مرکز تماس برداشته شد"},
    "kpis.measure_saved": {
        "en": "{metric}: measures {kind}",
        "fa": "{metric}: {kind} را می‌سنجد",
    },
    "kpis.measure_cleared": {
        "en": "{metric}: no longer measured",
        "fa": "{metric}: دیگر سنجیده نمی‌شود",
    },
    "kpis.web.measure": {"en": "Measure", "fa": "سنجه"},
    "kpis.web.kind_none": {"en": "not measured", "fa": "سنجیده نشود"},
    "kpis.web.where": {"en": "where", "fa": "کجا"},
    "kpis.web.where_own": {"en": "its own touchpoint", "fa": "نقطه تماس خودش"},
    "kpis.web.where_map": {"en": "the whole map", "fa": "کل نقشه"},
    "kpis.web.stages": {"en": "Stages", "fa": "مرحله‌ها"},
    "kpis.web.touchpoints": {"en": "Touchpoints", "fa": "نقاط تماس"},
    "kpis.web.save_measure": {"en": "Save", "fa": "ذخیره"},
    "kpis.web.contact_roles": {"en": "Contact-centre roles", "fa": "نقش‌های مرکز تماس"},
    "kpis.web.contact_roles_help": {
        "en": "How the contact-centre metrics (service level, abandonment, speed of answer, handle time, "
        "first-contact resolution, repeat contacts, transfers) read the map's events: the activities of each "
        "role, separated by commas, as the data names them; the column naming each contact; and the "
        "thresholds, written as `20s`, `5m`, `7d`. A contact counts at a touchpoint when one of its events is "
        "bound there. The same definitions as the contact-centre page.",
        "fa": "سنجه‌های مرکز تماس (سطح خدمت، رهاشدن، سرعت پاسخ، زمان رسیدگی، حل در اولین تماس، تماس تکراری، "
        "انتقال) رویدادهای نقشه را این‌گونه می‌خوانند: فعالیت‌های هر نقش، جداشده با ویرگول، همان‌گونه که در داده "
        "آمده‌اند؛ ستونی که هر تماس را نام می‌برد؛ و آستانه‌ها به شکل `20s`، `5m`، `7d`. تماسی در یک نقطه تماس "
        "شمرده می‌شود که یکی از رویدادهایش به آنجا پیوسته باشد. تعریف‌ها همان تعریف‌های صفحه مرکز تماس‌اند.",
    },
    "kpis.web.contact_roles_none": {
        "en": "Not set: the contact-centre metrics of this map have no value until they are.",
        "fa": "تعیین نشده است: سنجه‌های مرکز تماس این نقشه تا تعیین نشوند مقداری ندارند.",
    },
    "kpis.web.contact_roles_clear": {
        "en": "Leave every field empty to remove the roles.",
        "fa": "برای برداشتن نقش‌ها همه خانه‌ها را خالی بگذارید.",
    },
    "kpis.web.role.enter": {"en": "Entering the queue", "fa": "ورود به صف"},
    "kpis.web.role.answer": {"en": "Answer", "fa": "پاسخ"},
    "kpis.web.role.abandon": {"en": "Abandon", "fa": "رها کردن"},
    "kpis.web.role.end": {"en": "End", "fa": "پایان"},
    "kpis.web.role.reopen": {"en": "Reopening", "fa": "بازگشایی"},
    "kpis.web.role.columns": {"en": "Columns: contact · queue · agent", "fa": "ستون‌ها: تماس · صف · کارشناس"},
    "kpis.web.role.thresholds": {
        "en": "Thresholds: SLA · short abandon · repeat window",
        "fa": "آستانه‌ها: مهلت پاسخ · رهاشدن کوتاه · بازه تکرار",
    },
    "kpis.web.role.contact_col": {"en": "Contact column", "fa": "ستون تماس"},
    "kpis.web.role.queue_col": {"en": "Queue column", "fa": "ستون صف"},
    "kpis.web.role.agent_col": {"en": "Agent column", "fa": "ستون کارشناس"},
    "kpis.web.role.sla": {"en": "SLA (answered within)", "fa": "مهلت پاسخ"},
    "kpis.web.role.short_abandon": {"en": "Short abandon under", "fa": "رهاشدن کوتاه، کمتر از"},
    "kpis.web.role.repeat_within": {"en": "Repeat window", "fa": "بازه تکرار"},
    "kpis.web.map_level": {"en": "the whole map", "fa": "کل نقشه"},
    # Why a metric has no value
    "kpis.reason.not_bound": {
        "en": "not measured yet: choose what it measures (a kind, and a touchpoint or stage)",
        "fa": "هنوز سنجیده نمی‌شود: بگویید چه چیزی را می‌سنجد (نوع سنجه، و نقطه تماس یا مرحله)",
    },
    # A metric that names data Safar does not hold says what data would measure it
    "kpis.reason.needs_market_survey": {
        "en": "not measured from this data: needs a survey of the market (people who are not customers yet)",
        "fa": "با این داده‌ها سنجیده نمی‌شود: نظرسنجی از بازار (کسانی که هنوز مشتری نیستند) لازم است",
    },
    "kpis.reason.needs_acquisition": {
        "en": "not measured from this data: needs where each new customer came from (search, referral, campaign)",
        "fa": "با این داده‌ها سنجیده نمی‌شود: لازم است بدانیم هر مشتری جدید از کجا آمده (جست‌وجو، معرفی، کمپین)",
    },
    "kpis.reason.needs_campaigns": {
        "en": "not measured from this data: needs the sends, opens and clicks of the ads, SMS or e-mails",
        "fa": "با این داده‌ها سنجیده نمی‌شود: آمار ارسال، بازشدن و کلیک تبلیغ‌ها، پیامک‌ها یا ایمیل‌ها لازم است",
    },
    "kpis.reason.needs_operations": {
        "en": "not measured from this data: needs the timings the service's own systems record "
        "(answer, reply, delivery or processing times)",
        "fa": "با این داده‌ها سنجیده نمی‌شود: زمان‌هایی که سامانه‌های خود سازمان ثبت می‌کنند لازم است "
        "(زمان پاسخ، رسیدگی، تحویل یا پردازش)",
    },
    "kpis.reason.needs_outcomes": {
        "en": "not measured from this data: needs the outcome of each case "
        "(paid or failed, resolved or not, renewed or lapsed)",
        "fa": "با این داده‌ها سنجیده نمی‌شود: نتیجه هر مورد لازم است "
        "(پرداخت موفق یا ناموفق، حل‌شده یا نه، تمدیدشده یا نه)",
    },
    "kpis.reason.needs_revenue": {
        "en": "not measured from this data: needs the revenue of each customer by period",
        "fa": "با این داده‌ها سنجیده نمی‌شود: درآمد هر مشتری به تفکیک دوره لازم است",
    },
    "kpis.reason.needs_usage": {
        "en": "not measured from this data: needs product use per user over time (active days, sessions, seats)",
        "fa": "با این داده‌ها سنجیده نمی‌شود: میزان استفاده هر کاربر از محصول در طول زمان لازم است "
        "(روزهای فعال، نشست‌ها، کاربران مجاز)",
    },
    "kpis.reason.needs_diary": {
        "en": "not measured from this data: needs a diary or time-use study of the persona's day",
        "fa": "با این داده‌ها سنجیده نمی‌شود: مطالعه روزنگار یا زمان‌سنجی روز پرسونا لازم است",
    },
    "kpis.reason.no_current_touchpoint": {
        "en": "no touchpoint of the current-state map to measure: say which current touchpoints this one improves",
        "fa": "نقطه تماسی در نقشه وضعیت فعلی برای سنجش نیست: بگویید این نقطه تماس کدام نقاط تماس فعلی را بهبود می‌دهد",
    },
    "kpis.reason.no_current_stage": {
        "en": "no stage of the current-state map to measure",
        "fa": "مرحله‌ای در نقشه وضعیت فعلی برای سنجش نیست",
    },
    "kpis.reason.no_dataset": {
        "en": "no events: bind the map's touchpoints to a dataset of events first",
        "fa": "رویدادی نیست: نخست نقاط تماس نقشه را به مجموعه‌داده‌ای از رویدادها پیوند دهید",
    },
    "kpis.reason.no_data": {"en": "no data yet", "fa": "هنوز داده‌ای نیست"},
    "kpis.reason.no_answers": {
        "en": "no survey answers here yet: ask this question in a survey on the map",
        "fa": "هنوز پاسخ نظرسنجی‌ای اینجا نیست: این پرسش را در نظرسنجی نقشه بپرسید",
    },
    "kpis.reason.no_comments": {
        "en": "no comments here yet: collect open answers or comments on this touchpoint",
        "fa": "هنوز نظری اینجا نیست: پاسخ‌های باز یا نظرهای مشتریان را درباره این نقطه تماس گردآوری کنید",
    },
    "kpis.reason.no_contact_roles": {
        "en": "the map does not say how its contacts are read: give it contact-centre roles (which activities "
        "enter the queue and answer, which column names the contact)",
        "fa": "نقشه نمی‌گوید تماس‌هایش چگونه خوانده شوند: نقش‌های مرکز تماس را برایش تعیین کنید (کدام فعالیت‌ها "
        "ورود به صف و پاسخ‌اند و کدام ستون تماس را نام می‌برد)",
    },
    "kpis.reason.no_contacts": {
        "en": "no contacts here yet: none of the events bound here belongs to a contact the roles read",
        "fa": "هنوز تماسی اینجا نیست: هیچ‌یک از رویدادهای پیوسته به اینجا از تماسی نیست که نقش‌ها بخوانند",
    },
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
    "kpis.kind.service_level": {
        "en": "service level (answered within the SLA)",
        "fa": "سطح خدمت (پاسخ در مهلت)",
    },
    "kpis.kind.abandonment_rate": {"en": "abandonment rate", "fa": "نرخ رهاشدن"},
    "kpis.kind.speed_of_answer": {"en": "average speed of answer", "fa": "میانگین سرعت پاسخ"},
    "kpis.kind.handle_time": {"en": "average handle time", "fa": "میانگین زمان رسیدگی"},
    "kpis.kind.first_contact_resolution": {
        "en": "first-contact resolution",
        "fa": "حل در اولین تماس",
    },
    "kpis.kind.repeat_share": {"en": "share of repeat contacts", "fa": "سهم تماس‌های تکراری"},
    "kpis.kind.transfer_rate": {"en": "transfer rate", "fa": "نرخ انتقال"},
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
        "en": "This map has no key metrics yet. Add key metrics to the map or its touchpoints on the canvas, "
        "then choose here what each one measures.",
        "fa": "این نقشه هنوز شاخص کلیدی ندارد. روی بوم، شاخص‌های کلیدی را به نقشه یا نقاط تماس آن بیفزایید "
        "و سپس اینجا بگویید هر کدام چه چیزی را می‌سنجد.",
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
