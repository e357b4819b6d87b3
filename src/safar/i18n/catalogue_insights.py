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
}
