"""Messages of the drill-down to customers (``cohort.*``, ``customers.*``): which customers, in words, and the list."""

from __future__ import annotations

CUSTOMERS_MESSAGES: dict[str, dict[str, str]] = {
    # Errors: a cohort that cannot be built
    "cohort.map_level": {
        "en": "This list of customers exists only on a journey map: choose the level {allowed}, not activity.",
        "fa": "این فهرست مشتریان فقط روی نقشه سفر معنا دارد: سطح را {allowed} برگزینید، نه فعالیت.",
    },
    "cohort.step_required": {
        "en": "This list of customers needs a step: name the touchpoint or stage "
        "(e.g. --touchpoint ID, or ?step=ID in the address).",
        "fa": "این فهرست مشتریان به یک گام نیاز دارد: نقطه تماس یا مرحله را نام ببرید "
        "(مثلاً ‎--touchpoint ID‎ یا ‎?step=ID‎ در نشانی).",
    },
    "cohort.steps_required": {
        "en": "This list of customers needs its steps in order (e.g. --variant a,b,c, or ?steps=a&steps=b).",
        "fa": "این فهرست مشتریان به گام‌هایش به ترتیب نیاز دارد (مثلاً ‎--variant a,b,c‎ یا ‎?steps=a&steps=b‎).",
    },
    "cohort.bad_index": {
        "en": "The funnel has {steps} steps; step {index} does not exist. Choose a step from 1 to {steps}.",
        "fa": "قیف {steps} گام دارد و گام {index} در آن نیست. گامی از ۱ تا {steps} برگزینید.",
    },
    # Errors: the filter as a page, the API or the CLI received it
    "customers.unknown_touchpoint": {
        "en": "The map “{map}” has no touchpoint “{step}”. Choose one of its touchpoints: {known}.",
        "fa": "نقشه «{map}» نقطه تماس «{step}» ندارد. یکی از نقاط تماس آن را برگزینید: {known}.",
    },
    "customers.unknown_stage": {
        "en": "The map “{map}” has no stage “{step}”. Choose one of its stages: {known}.",
        "fa": "نقشه «{map}» مرحله «{step}» ندارد. یکی از مراحل آن را برگزینید: {known}.",
    },
    "customers.unknown_step": {
        "en": "The map “{map}” has no touchpoint or stage “{step}”. "
        "Choose one of its touchpoint or stage ids: {known}.",
        "fa": "نقشه «{map}» نقطه تماس یا مرحله‌ای با شناسه «{step}» ندارد. "
        "یکی از شناسه‌های نقاط تماس یا مراحل آن را برگزینید: {known}.",
    },
    "customers.index_required": {
        "en": "Which step of the funnel? Give its number, from 1 to {steps} (--funnel-step N, or ?index=N).",
        "fa": "کدام گام قیف؟ شماره آن را از ۱ تا {steps} بدهید (‎--funnel-step N‎ یا ‎?index=N‎).",
    },
    "customers.bad_page": {
        "en": "Page {value} does not exist: pages are numbered from 1.",
        "fa": "صفحه {value} وجود ندارد: صفحه‌ها از ۱ شماره می‌خورند.",
    },
    "customers.bad_per_page": {
        "en": "{value} customers per page is not possible: choose from 1 to {limit}, or export the whole list.",
        "fa": "{value} مشتری در هر صفحه ممکن نیست: عددی از ۱ تا {limit} برگزینید، یا کل فهرست را برون‌بری کنید.",
    },
    "customers.one_filter": {
        "en": "Choose one list of customers at a time; given: {given}.",
        "fa": "هر بار یک فهرست مشتریان را برگزینید؛ داده‌شده: {given}.",
    },
    "customers.at_alone": {
        "en": "--at names where customers completed or were last seen: use it with --completed or --unobserved.",
        "fa": "‎--at‎ جایی را نام می‌برد که مشتریان سفر را کامل کردند یا آخرین بار دیده شدند: "
        "آن را با ‎--completed‎ یا ‎--unobserved‎ به کار ببرید.",
    },
    "customers.bad_format": {
        "en": "Cannot export the customers as “{format}”. Choose one of: {allowed}.",
        "fa": "برون‌بری مشتریان با قالب «{format}» ممکن نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    # Which customers, in words
    "customers.filter.all": {
        "en": "All customers with at least one event",
        "fa": "همه مشتریانی که دست‌کم یک رویداد دارند",
    },
    "customers.filter.reached_touchpoint": {
        "en": "Customers who reached the touchpoint «{name}»",
        "fa": "مشتریانی که به نقطه تماس «{name}» رسیدند",
    },
    "customers.filter.reached_stage": {
        "en": "Customers who reached the stage «{name}»",
        "fa": "مشتریانی که به مرحله «{name}» رسیدند",
    },
    "customers.filter.converted_touchpoint": {
        "en": "Customers who went on to a later stage after the touchpoint «{name}»",
        "fa": "مشتریانی که پس از نقطه تماس «{name}» به مرحله‌ای بعدی رفتند",
    },
    "customers.filter.converted_stage": {
        "en": "Customers who went on to a later stage after the stage «{name}»",
        "fa": "مشتریانی که پس از مرحله «{name}» به مرحله‌ای بعدی رفتند",
    },
    "customers.filter.reached_touchpoint_any": {
        "en": "Customers who reached one of the touchpoints {name}",
        "fa": "مشتریانی که به یکی از نقاط تماس {name} رسیدند",
    },
    "customers.filter.reached_stage_any": {
        "en": "Customers who reached one of the stages {name}",
        "fa": "مشتریانی که به یکی از مراحل {name} رسیدند",
    },
    "customers.filter.converted_touchpoint_any": {
        "en": "Customers who went on to a later stage after one of the touchpoints {name}",
        "fa": "مشتریانی که پس از یکی از نقاط تماس {name} به مرحله‌ای بعدی رفتند",
    },
    "customers.filter.converted_stage_any": {
        "en": "Customers who went on to a later stage after one of the stages {name}",
        "fa": "مشتریانی که پس از یکی از مراحل {name} به مرحله‌ای بعدی رفتند",
    },
    "customers.filter.reached_map": {
        "en": "Customers with at least one event on the map",
        "fa": "مشتریانی که دست‌کم یک رویداد روی نقشه دارند",
    },
    "customers.filter.converted_map": {
        "en": "Customers who reached the last stage with data",
        "fa": "مشتریانی که به آخرین مرحلهٔ دارای داده رسیدند",
    },
    "customers.filter.funnel": {
        "en": "Customers who reached step {index} of {steps} of the stage funnel, «{name}», "
        "after the steps before it, in order",
        "fa": "مشتریانی که پس از گام‌های پیشین، به ترتیب، به گام {index} از {steps} قیف مراحل، «{name}»، رسیدند",
    },
    "customers.filter.dropped": {
        "en": "Customers who stopped before completing the journey "
        "(not counting those whose next stage has no data)",
        "fa": "مشتریانی که پیش از کامل کردن سفر متوقف شدند (بی‌شمار آوردن آنان که مرحله بعدشان داده‌ای ندارد)",
    },
    "customers.filter.dropped_at": {
        "en": "Customers who stopped after «{name}»: their last step, without completing the journey "
        "(not counting those whose next stage has no data)",
        "fa": "مشتریانی که پس از «{name}» متوقف شدند: آخرین گامشان، بی آنکه سفر را کامل کنند "
        "(بی‌شمار آوردن آنان که مرحله بعدشان داده‌ای ندارد)",
    },
    "customers.filter.dropped_at_any": {
        "en": "Customers who stopped after one of {name}: their last step, without completing the journey "
        "(not counting those whose next stage has no data)",
        "fa": "مشتریانی که پس از یکی از {name} متوقف شدند: آخرین گامشان، بی آنکه سفر را کامل کنند "
        "(بی‌شمار آوردن آنان که مرحله بعدشان داده‌ای ندارد)",
    },
    "customers.filter.completed_at_any": {
        "en": "Customers who completed the journey at one of {name}",
        "fa": "مشتریانی که سفر را در یکی از {name} کامل کردند",
    },
    "customers.filter.unobserved_at_any": {
        "en": "Customers last seen at one of {name}, whose next stage has no data: "
        "the data cannot say whether they went on",
        "fa": "مشتریانی که آخرین بار در یکی از {name} دیده شدند و مرحله بعدشان داده‌ای ندارد: "
        "داده‌ها نمی‌گویند ادامه دادند یا نه",
    },
    "customers.filter.completed": {
        "en": "Customers who completed the journey (their last step is in the last stage with data)",
        "fa": "مشتریانی که سفر را کامل کردند (آخرین گامشان در آخرین مرحله دارای داده است)",
    },
    "customers.filter.completed_at": {
        "en": "Customers who completed the journey at «{name}»",
        "fa": "مشتریانی که سفر را در «{name}» کامل کردند",
    },
    "customers.filter.unobserved": {
        "en": "Customers whose next stage has no data: the data cannot say whether they went on",
        "fa": "مشتریانی که مرحله بعدشان داده‌ای ندارد: داده‌ها نمی‌گویند ادامه دادند یا نه",
    },
    "customers.filter.unobserved_at": {
        "en": "Customers last seen at «{name}», whose next stage has no data: "
        "the data cannot say whether they went on",
        "fa": "مشتریانی که آخرین بار در «{name}» دیده شدند و مرحله بعدشان داده‌ای ندارد: "
        "داده‌ها نمی‌گویند ادامه دادند یا نه",
    },
    "customers.from_step_alone": {
        "en": "--from-step says where the steps of --variant begin: give --variant too.",
        "fa": "‎--from-step‎ می‌گوید گام‌های ‎--variant‎ از کجا آغاز می‌شوند: ‎--variant‎ را هم بدهید.",
    },
    "customers.filter.position": {
        "en": "Customers whose step {index} was {path} (a node of the paths diagram)",
        "fa": "مشتریانی که گام {index} سفرشان {path} بود (گرهی از نمودار مسیرها)",
    },
    "customers.filter.position_link": {
        "en": "Customers whose journey went {path} from step {index} (a flow of the paths diagram)",
        "fa": "مشتریانی که سفرشان از گام {index} چنین رفت: {path} (جریانی از نمودار مسیرها)",
    },
    "customers.filter.variant": {
        "en": "Customers whose whole journey was exactly: {path}",
        "fa": "مشتریانی که کل سفرشان دقیقاً چنین بود: {path}",
    },
    "customers.filter.in_dataset": {
        "en": "(dataset «{dataset}»)",
        "fa": "(مجموعه داده «{dataset}»)",
    },
    # The list, its columns and its exports
    "customers.title": {"en": "Customers", "fa": "مشتریان"},
    "customers.count": {"en": "{n} customers", "fa": "{n} مشتری"},
    "customers.page_of": {"en": "page {page} of {pages}", "fa": "صفحه {page} از {pages}"},
    "customers.previous": {"en": "Previous page", "fa": "صفحه پیشین"},
    "customers.next": {"en": "Next page", "fa": "صفحه بعد"},
    "customers.export": {"en": "Export the whole list", "fa": "برون‌بری کل فهرست"},
    "customers.none": {
        "en": "No customer matches this filter.",
        "fa": "هیچ مشتری‌ای با این فیلتر نمی‌خواند.",
    },
    "customers.no_data": {
        "en": "This map reads no dataset yet: bind its touchpoints to a dataset to see its customers.",
        "fa": "این نقشه هنوز هیچ مجموعه داده‌ای نمی‌خواند: نقاط تماس آن را به مجموعه داده‌ای وصل کنید تا مشتریانش را ببینید.",
    },
    "customers.open": {
        "en": "See the customers behind this number",
        "fa": "دیدن مشتریان پشت این عدد",
    },
    "customers.list_all": {"en": "list the customers", "fa": "فهرست مشتریان"},
    "customers.back_canvas": {"en": "Back to the map", "fa": "بازگشت به نقشه"},
    "customers.back_journeys": {"en": "Journeys", "fa": "سفرها"},
    "customers.written": {
        "en": "{n} customers written to {file}.",
        "fa": "{n} مشتری در {file} نوشته شد.",
    },
    "customers.more": {
        "en": "More on the next page: --page {page}, or the whole list with --out FILE.csv.",
        "fa": "ادامه در صفحه بعد: ‎--page {page}‎، یا کل فهرست با ‎--out FILE.csv‎.",
    },
    "customers.col.customer_id": {"en": "Customer", "fa": "مشتری"},
    "customers.col.segment": {"en": "Segment", "fa": "بخش"},
    "customers.col.last_touchpoint_name": {"en": "Last touchpoint", "fa": "آخرین نقطه تماس"},
    "customers.col.last_stage_name": {"en": "Last stage", "fa": "آخرین مرحله"},
    "customers.col.last_activity": {"en": "Last activity", "fa": "آخرین فعالیت"},
    "customers.col.last_event_at": {"en": "Last event (UTC)", "fa": "آخرین رویداد (UTC)"},
    "customers.col.last_seen": {"en": "Last event", "fa": "آخرین رویداد"},
    "customers.col.events": {"en": "Events", "fa": "رویدادها"},
    "customers.sheet.customers": {"en": "Customers", "fa": "مشتریان"},
    "customers.sheet.filter": {"en": "Which customers", "fa": "کدام مشتریان"},
    "customers.sheet.which": {"en": "Customers", "fa": "مشتریان"},
    "customers.sheet.total": {"en": "How many", "fa": "تعداد"},
}
