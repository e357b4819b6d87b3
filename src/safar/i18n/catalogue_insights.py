"""Messages of the insights (``insights.*``): key drivers, importance × performance and gaps, in English and Persian."""

from __future__ import annotations

INSIGHTS_MESSAGES: dict[str, dict[str, str]] = {
    "insights.file_not_found": {
        "en": "No file at {file}. Give the path of a CSV file with a header row.",
        "fa": "فایلی در {file} نیست. مسیر یک فایل CSV با سطر سرستون بدهید.",
    },
    "insights.bad_csv": {
        "en": "{file} cannot be read as a UTF-8 CSV file: {reason}",
        "fa": "{file} را نمی‌توان به‌عنوان فایل CSV با کدگذاری UTF-8 خواند: {reason}",
    },
    "insights.missing_column": {
        "en": "The table has no column '{column}'. Its columns are: {columns}.",
        "fa": "جدول ستونی به نام «{column}» ندارد. ستون‌های آن: {columns}.",
    },
    "insights.not_numeric": {
        "en": "Column '{column}', data row {row}: '{value}' is not a number. Ratings must be numbers; "
        "leave a cell empty when there is no answer.",
        "fa": "ستون «{column}»، سطر داده {row}: «{value}» عدد نیست. امتیازها باید عدد باشند؛ "
        "اگر پاسخی نیست خانه را خالی بگذارید.",
    },
    "insights.positive_not_found": {
        "en": "The outcome column '{column}' never has the value '{value}' given as positive. Values seen: {values}.",
        "fa": "ستون پیامد «{column}» هیچ‌جا مقدار «{value}» را که مثبت داده شده ندارد. مقدارهای موجود: {values}.",
    },
    "insights.bad_confidence": {
        "en": "Confidence level {value} must be between 0 and 1 (for example 0.95).",
        "fa": "سطح اطمینان {value} باید بین ۰ و ۱ باشد (برای نمونه 0.95).",
    },
    "insights.bad_bootstrap": {
        "en": "The number of bootstrap resamples must be 0 (no intervals) or more, not {value}.",
        "fa": "تعداد بازنمونه‌های بوت‌استرپ باید ۰ (بدون بازه) یا بیشتر باشد، نه {value}.",
    },
    "insights.too_few_rows": {
        "en": "Only {n} of {rows} rows have the outcome and all {drivers} drivers rated; at least {needed} are needed. "
        "Use fewer drivers (--drivers) or check the not-applicable codes (--na).",
        "fa": "فقط {n} سطر از {rows} سطر هم پیامد و هم امتیاز هر {drivers} عامل را دارند؛ دست‌کم {needed} سطر لازم است. "
        "عامل‌های کمتری برگزینید (--drivers) یا کدهای «نامربوط» را بررسی کنید (--na).",
    },
    "insights.outcome_not_numeric": {
        "en": "The outcome '{column}' is not numeric (values: {values}). For a yes/no outcome name the value "
        "that counts as positive, e.g. --positive satisfied.",
        "fa": "پیامد «{column}» عددی نیست (مقدارها: {values}). برای پیامد بله/خیر مقداری را که مثبت شمرده "
        "می‌شود نام ببرید، مثلاً --positive satisfied.",
    },
    "insights.bad_missing": {
        "en": "Unknown handling of missing rows '{value}'. Use one of: {allowed}.",
        "fa": "شیوه «{value}» برای سطرهای ناقص شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "insights.undefined_correlation": {
        "en": "Some pair of columns has no correlation on the rows where both are rated (too few rows, or one of "
        "them constant there; at least {n} rows for the {drivers} drivers). Use --missing listwise or fewer drivers.",
        "fa": "برای جفتی از ستون‌ها روی سطرهایی که هر دو امتیاز دارند همبستگی تعریف نمی‌شود (سطرها کم است یا یکی "
        "ثابت است؛ دست‌کم {n} سطر برای {drivers} عامل). --missing listwise یا عامل‌های کمتری به کار ببرید.",
    },
    "insights.outcome_is_driver": {
        "en": "The outcome '{column}' cannot also be a driver; remove it from the drivers.",
        "fa": "پیامد «{column}» نمی‌تواند عامل هم باشد؛ آن را از فهرست عامل‌ها بردارید.",
    },
    "insights.no_drivers": {
        "en": "No numeric driver columns besides the outcome '{outcome}'. Name them with --drivers; the columns are: {columns}.",
        "fa": "جز پیامد «{outcome}» ستون عددی‌ای برای عامل‌ها نیست. آن‌ها را با --drivers نام ببرید؛ ستون‌ها: {columns}.",
    },
    "insights.constant_column": {
        "en": "The driver '{column}' has the same value {value} in all {n} rows used, so its importance cannot be "
        "estimated. Leave it out (--exclude).",
        "fa": "عامل «{column}» در همه {n} سطر به‌کاررفته مقدار یکسان {value} دارد و اهمیتش برآوردشدنی نیست. "
        "آن را کنار بگذارید (--exclude).",
    },
    "insights.constant_outcome": {
        "en": "The outcome '{column}' has the same value {value} in all {n} rows used; there is nothing to explain.",
        "fa": "پیامد «{column}» در همه {n} سطر به‌کاررفته مقدار یکسان {value} دارد؛ چیزی برای توضیح نیست.",
    },
    "insights.bad_threshold": {
        "en": "Unknown threshold '{value}'. Use one of: {allowed}.",
        "fa": "آستانه «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "insights.no_points": {
        "en": "There are no drivers to place in the importance × performance matrix.",
        "fa": "عاملی برای جای‌دادن در ماتریس اهمیت × عملکرد نیست.",
    },
    "insights.file_or_map": {
        "en": "Give either --file (a CSV of ratings) or --map (the answers to a map's surveys), not both.",
        "fa": "یا ‎--file (فایل CSV امتیازها) بدهید یا ‎--map (پاسخ‌های نظرسنجی‌های یک نقشه)، نه هر دو.",
    },
    "insights.outcome_needed": {
        "en": "With --file, name the outcome column with --outcome.",
        "fa": "با ‎--file، ستون پیامد را با ‎--outcome نام ببرید.",
    },
    "insights.pairs_needed": {
        "en": "With --file, name the expectation/perception columns with --pairs.",
        "fa": "با ‎--file، ستون‌های انتظار و ادراک را با ‎--pairs نام ببرید.",
    },
    "insights.no_survey_drivers": {
        "en": "Map {map_id}'s survey answers give no key drivers ({reason}): it needs a whole-journey "
        "question (NPS, CSAT or Likert) and touchpoint ratings answered by the same respondents.",
        "fa": "پاسخ‌های نظرسنجی نقشه {map_id} محرک کلیدی به دست نمی‌دهد ({reason}): یک پرسش درباره کل سفر "
        "(NPS، CSAT یا لیکرت) و امتیاز نقطه‌های تماس از همان پاسخ‌دهندگان لازم است.",
    },
    "insights.no_survey_gaps": {
        "en": "Map {map_id} has no answered expectation/perception (gap) questions; add one with "
        "`safar survey create {map_id} -q gap:TOUCHPOINT`.",
        "fa": "نقشه {map_id} پرسش انتظار/ادراک (شکاف) پاسخ‌داده ندارد؛ با "
        "`safar survey create {map_id} -q gap:TOUCHPOINT` یکی بیفزایید.",
    },
    "insights.bad_pair": {
        "en": "'{value}' is not a gap pair. Write TOUCHPOINT:EXPECTATION_COLUMN:PERCEPTION_COLUMN, pairs separated by commas.",
        "fa": "«{value}» جفت شکاف نیست. بنویسید نقطه‌تماس:ستون‌انتظار:ستون‌ادراک و جفت‌ها را با ویرگول جدا کنید.",
    },
    "insights.too_few_pairs": {
        "en": "Touchpoint '{touchpoint}' has {n} rows with both ratings; a paired test needs at least 2.",
        "fa": "نقطه تماس «{touchpoint}» فقط {n} سطر با هر دو امتیاز دارد؛ آزمون زوجی دست‌کم ۲ سطر می‌خواهد.",
    },
    "insights.bad_na": {
        "en": "Not-applicable code '{value}' is not a number. Give numbers separated by commas, e.g. --na 0.",
        "fa": "کد «نامربوط» «{value}» عدد نیست. عددهایی جداشده با ویرگول بدهید، مثلاً --na 0.",
    },
    # Labels of the CLI tables
    "insights.label.title_drivers": {"en": "Key drivers of {outcome}", "fa": "عوامل کلیدی {outcome}"},
    "insights.label.title_quadrants": {"en": "Importance × performance", "fa": "اهمیت × عملکرد"},
    "insights.label.title_gaps": {"en": "Gap analysis", "fa": "تحلیل شکاف"},
    "insights.label.rank": {"en": "#", "fa": "رتبه"},
    "insights.label.driver": {"en": "Driver", "fa": "عامل"},
    "insights.label.importance": {"en": "Importance", "fa": "اهمیت"},
    "insights.label.interval": {"en": "Interval", "fa": "بازه"},
    "insights.label.share": {"en": "Share of R²", "fa": "سهم از R²"},
    "insights.label.direction": {"en": "Direction", "fa": "جهت"},
    "insights.label.performance": {"en": "Performance", "fa": "عملکرد"},
    "insights.label.quadrant": {"en": "Quadrant", "fa": "ناحیه"},
    "insights.label.touchpoint": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "insights.label.expectation": {"en": "Expectation", "fa": "انتظار"},
    "insights.label.perception": {"en": "Perception", "fa": "ادراک"},
    "insights.label.gap": {"en": "Gap", "fa": "شکاف"},
    "insights.label.p_value": {"en": "p (t-test)", "fa": "p (آزمون t)"},
    "insights.label.p_fisher": {"en": "p (Fisher)", "fa": "p (فیشر)"},
    "insights.label.p_wilcoxon": {"en": "p (Wilcoxon)", "fa": "p (ویلکاکسون)"},
    "insights.label.dz": {"en": "Effect dz", "fa": "اندازه اثر dz"},
    "insights.label.n": {"en": "n", "fa": "n"},
    "insights.label.positive": {"en": "positive", "fa": "مثبت"},
    "insights.label.negative": {"en": "negative", "fa": "منفی"},
    "insights.label.none": {"en": "none", "fa": "بی‌اثر"},
    "insights.no_outcome": {
        "en": "Name the outcome column (e.g. overall satisfaction) to explain.",
        "fa": "ستون پیامد (مثلاً رضایت کلی) را که باید توضیح داده شود نام ببرید.",
    },
    "insights.label.fix_first": {"en": "fix first", "fa": "اول اصلاح شود"},
    "insights.label.keep_up": {"en": "keep up", "fa": "حفظ شود"},
    "insights.label.low_priority": {"en": "low priority", "fa": "اولویت کم"},
    "insights.label.possible_overkill": {"en": "possible overkill", "fa": "شاید بیش از نیاز"},
    "insights.label.summary_drivers": {
        "en": "R² = {r2} · n = {n} of {rows} rows ({missing}) · {bootstrap} bootstrap resamples, seed {seed}",
        "fa": "R² = {r2} · n = {n} از {rows} سطر ({missing}) · {bootstrap} بازنمونه بوت‌استرپ، بذر {seed}",
    },
    "insights.label.listwise": {"en": "listwise", "fa": "حذف سطری"},
    "insights.label.pairwise": {"en": "pairwise", "fa": "حذف زوجی"},
    "insights.label.summary_quadrants": {
        "en": "Thresholds ({threshold}): importance {importance}, performance {performance}",
        "fa": "آستانه‌ها ({threshold}): اهمیت {importance}، عملکرد {performance}",
    },
    # Moments of truth from behaviour, evidence verdicts, opportunities ------------------------------
    "insights.bad_alpha": {
        "en": "Significance level {value} must be between 0 and 1 (for example 0.05).",
        "fa": "سطح معناداری {value} باید بین ۰ و ۱ باشد (برای نمونه 0.05).",
    },
    "insights.bad_equivalence": {
        "en": "The equivalence bound {value} must be above 1 (for example 1.5: odds ratios between 1/1.5 and 1.5 count as no effect).",
        "fa": "مرز هم‌ارزی {value} باید بیشتر از ۱ باشد (برای نمونه 1.5: نسبت شانس بین 1/1.5 و 1.5 یعنی بی‌اثر).",
    },
    "insights.no_outcome_target": {
        "en": "Say what the outcome is: --outcome TOUCHPOINT_OR_ACTIVITY, or --churn --cutoff TIME.",
        "fa": "بگویید پیامد چیست: ‎--outcome نقطه‌تماس‌یا‌فعالیت، یا ‎--churn --cutoff زمان.",
    },
    "insights.cutoff_with_target": {
        "en": "Give either an outcome ({target}) or a churn cut-off, not both.",
        "fa": "یا پیامد ({target}) را بدهید یا زمان برش ریزش را، نه هر دو.",
    },
    "insights.cutoff_needs_churn": {
        "en": "A cut-off defines churn (no event after it): add --churn.",
        "fa": "زمان برش، ریزش را تعریف می‌کند (هیچ رویدادی پس از آن): ‎--churn را هم بدهید.",
    },
    "insights.outcome_not_found": {
        "en": "No customer reached '{target}' in this dataset. Give a touchpoint id of the map ({touchpoints}) or an activity that occurs in the events.",
        "fa": "هیچ مشتری در این مجموعه داده به «{target}» نرسیده است. شناسه یک نقطه تماس نقشه ({touchpoints}) یا فعالیتی را که در رویدادها هست بدهید.",
    },
    "insights.no_customers_before_cutoff": {
        "en": "No customer has an event before the cut-off {cutoff}: choose a later time.",
        "fa": "هیچ مشتری پیش از زمان برش {cutoff} رویدادی ندارد: زمان دیرتری برگزینید.",
    },
    "insights.no_dataset": {
        "en": "Map {map_id} has no events: bind it to a dataset (bind[].dataset) or give --dataset.",
        "fa": "نقشه {map_id} رویدادی ندارد: آن را به یک مجموعه داده متصل کنید (bind[].dataset) یا ‎--dataset بدهید.",
    },
    "insights.bad_population": {
        "en": "'{value}' is not a comparison group; use one of {allowed}.",
        "fa": "«{value}» گروه مقایسه معتبری نیست؛ یکی از {allowed} را به کار ببرید.",
    },
    "insights.bad_weight": {
        "en": "'{value}' is not a weight: write NAME=NUMBER with NAME one of {allowed}.",
        "fa": "«{value}» وزن نیست: به شکل نام=عدد بنویسید که نام یکی از {allowed} باشد.",
    },
    "insights.negative_weight": {
        "en": "The weight of {component} must be a finite number of 0 or more, not {value}.",
        "fa": "وزن {component} باید عددی متناهی و ۰ یا بیشتر باشد، نه {value}.",
    },
    "insights.zero_weights": {
        "en": "At least one weight must be above 0.",
        "fa": "دست‌کم یکی از وزن‌ها باید بیشتر از ۰ باشد.",
    },
    "insights.unknown_opportunity": {
        "en": "Map {map_id} has no opportunity '{ref}'. Use a touchpoint id or an added opportunity: {known}.",
        "fa": "نقشه {map_id} فرصتی به نام «{ref}» ندارد. شناسه یک نقطه تماس یا فرصت افزوده‌شده را بدهید: {known}.",
    },
    "insights.unknown_touchpoint": {
        "en": "The map has no touchpoint '{touchpoint}'. Its touchpoints: {known}.",
        "fa": "نقشه نقطه تماسی به نام «{touchpoint}» ندارد. نقاط تماس آن: {known}.",
    },
    "insights.empty_text": {
        "en": "The text is empty: write the opportunity or the note.",
        "fa": "متن خالی است: فرصت یا یادداشت را بنویسید.",
    },
    "insights.text_too_long": {
        "en": "The text has {length} characters; at most {limit} are allowed.",
        "fa": "متن {length} نویسه دارد؛ حداکثر {limit} نویسه مجاز است.",
    },
    "insights.bad_status": {
        "en": "'{value}' is not a decision; use one of {allowed}.",
        "fa": "«{value}» تصمیم معتبری نیست؛ یکی از {allowed} را به کار ببرید.",
    },
    "insights.label.title_moments": {
        "en": "Moments of truth from behaviour: outcome {target} ({outcome} of {customers} customers)",
        "fa": "لحظه‌های حقیقت از رفتار: پیامد {target} ({outcome} از {customers} مشتری)",
    },
    "insights.label.title_evidence": {
        "en": "The map's evidence beside the data",
        "fa": "شواهد نقشه در کنار داده",
    },
    "insights.label.title_opportunities": {
        "en": "Opportunities of map {map_id}, by priority",
        "fa": "فرصت‌های بهبود نقشه {map_id}، به ترتیب اولویت",
    },
    "insights.label.moments": {"en": "Moments of truth", "fa": "لحظه‌های حقیقت"},
    "insights.label.opportunities": {"en": "Opportunities", "fa": "فرصت‌های بهبود"},
    "insights.label.had": {"en": "had it", "fa": "داشتند"},
    "insights.label.rate_had": {"en": "rate (had)", "fa": "نرخ (داشتند)"},
    "insights.label.rate_not": {"en": "rate (not)", "fa": "نرخ (نداشتند)"},
    "insights.label.odds_ratio": {"en": "odds ratio", "fa": "نسبت شانس"},
    "insights.label.q_value": {"en": "q (BH)", "fa": "q (BH)"},
    "insights.label.effect": {"en": "effect", "fa": "اثر"},
    "insights.label.experience": {"en": "negative comments", "fa": "نظر منفی"},
    "insights.label.matters": {"en": "matters", "fa": "اثرگذار"},
    "insights.label.no_effect": {"en": "no effect", "fa": "بدون اثر"},
    "insights.label.unknown": {"en": "not enough data", "fa": "داده کافی نیست"},
    "insights.label.evidence": {"en": "map's evidence", "fa": "شواهد نقشه"},
    "insights.label.data": {"en": "data", "fa": "داده"},
    "insights.label.ratings": {"en": "ratings", "fa": "امتیازها"},
    "insights.label.verdict": {"en": "verdict", "fa": "داوری"},
    "insights.label.agreed": {"en": "agreed", "fa": "تأیید شد"},
    "insights.label.contradicted": {"en": "contradicted", "fa": "رد شد"},
    "insights.label.unclaimed": {"en": "unclaimed", "fa": "ادعا نشده"},
    "insights.label.not_a_moment": {"en": "not a moment of truth", "fa": "لحظه حقیقت نیست"},
    "insights.label.management": {"en": "management", "fa": "مدیریت"},
    "insights.label.frontline_staff": {"en": "front-line staff", "fa": "کارکنان خط مقدم"},
    "insights.label.market_research": {"en": "market research", "fa": "تحقیقات بازار"},
    "insights.label.retention_data": {"en": "retention data", "fa": "داده‌های ماندگاری"},
    "insights.label.satisfaction_data": {"en": "satisfaction data", "fa": "داده‌های رضایت"},
    "insights.label.owner": {"en": "owner", "fa": "مالک"},
    "insights.label.stage": {"en": "stage", "fa": "مرحله"},
    "insights.label.score": {"en": "score", "fa": "امتیاز"},
    "insights.label.coverage": {"en": "evidence", "fa": "پوشش شواهد"},
    "insights.label.priority": {"en": "priority", "fa": "اولویت"},
    "insights.label.priority_help": {
        "en": "Ranked by priority = score × evidence: the score over the components with data, times the share of the evidence present, so a touchpoint known by one component cannot outrank one that all the evidence points at.",
        "fa": "ترتیب بر پایهٔ اولویت = امتیاز × پوشش شواهد: امتیاز روی مؤلفه‌هایی که داده دارند، ضرب در سهم شواهدِ موجود؛ پس نقطهٔ تماسی که فقط یک مؤلفه دارد از نقطه‌ای که همهٔ شواهد به آن اشاره می‌کنند جلو نمی‌زند.",
    },
    "insights.label.reach": {"en": "reach", "fa": "دسترسی"},
    "insights.label.dropoff": {"en": "drop-off", "fa": "ریزش"},
    "insights.label.sentiment": {"en": "negative sentiment", "fa": "احساس منفی"},
    "insights.label.weight": {"en": "weight", "fa": "وزن"},
    "insights.label.missing": {"en": "no data", "fa": "بدون داده"},
    "insights.label.status": {"en": "status", "fa": "وضعیت"},
    "insights.label.open": {"en": "open", "fa": "باز"},
    "insights.label.accepted": {"en": "accepted", "fa": "پذیرفته"},
    "insights.label.rejected": {"en": "rejected", "fa": "ردشده"},
    "insights.label.accept": {"en": "Accept", "fa": "پذیرفتن"},
    "insights.label.reject": {"en": "Reject", "fa": "رد کردن"},
    "insights.label.reopen": {"en": "Reopen", "fa": "بازگشایی"},
    "insights.label.note": {"en": "Add note", "fa": "افزودن یادداشت"},
    "insights.label.pain_points": {"en": "pain points", "fa": "نقاط درد"},
    "insights.label.map_opportunities": {"en": "ideas on the map", "fa": "ایده‌های روی نقشه"},
    "insights.label.add_own": {"en": "Add your own opportunity", "fa": "فرصت خودتان را بیفزایید"},
    "insights.label.text": {"en": "opportunity", "fa": "فرصت"},
    "insights.label.add": {"en": "Add", "fa": "افزودن"},
    "insights.label.outcome": {"en": "outcome", "fa": "پیامد"},
    "insights.label.churn": {"en": "churn (not reaching it)", "fa": "ریزش (نرسیدن به آن)"},
    "insights.label.show": {"en": "Show", "fa": "نمایش"},
    "insights.label.custom": {"en": "added by a user", "fa": "افزوده کاربر"},
    "insights.label.maps": {
        "en": "Moments of truth and opportunities per map",
        "fa": "لحظه‌های حقیقت و فرصت‌ها برای هر نقشه",
    },
    "insights.label.decided": {"en": "{ref}: {status}", "fa": "{ref}: {status}"},
    "insights.label.noted": {"en": "Note added to {ref}.", "fa": "یادداشت به {ref} افزوده شد."},
    "insights.label.added": {"en": "Added {ref}.", "fa": "{ref} افزوده شد."},
}
