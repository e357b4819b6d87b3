"""Messages of the input-reading layer every importer shares (safar.events.dates, digits, letters, sniff, sheets),
and the names of the periods reports count by (safar.i18n.periods: Jalali and Gregorian months, seasons, weeks).

Codes starting with ``row.`` are quarantine reasons (templates take ``{row}``, ``{field}``, ``{value}``).
"""

from __future__ import annotations

INPUT_MESSAGES: dict[str, dict[str, str]] = {
    # Periods as reports name them (safar.i18n.periods): a Jalali quarter is its season
    "time.bad_period": {
        "en": "Unknown period '{value}'. Choose one of: {allowed}.",
        "fa": "دوره «{value}» شناخته نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    # A moment typed in an option or a filter (--from, --to, --cutoff): the examples are accepted as written
    "time.bad_moment": {
        "en": "{option} '{value}' is not a date or time Safar reads. Write it like `1402/05/14`, "
        "`1402/05/14 10:30` (Jalali), `2023-08-05` or `2023-08-05T10:30:00+03:30`; "
        "a time without an offset is in {tz}.",
        "fa": "{option} «{value}» تاریخ یا زمانی نیست که سفر بخواند. آن را مانند `۱۴۰۲/۰۵/۱۴`، "
        "`۱۴۰۲/۰۵/۱۴ ۱۰:۳۰` (شمسی)، `۲۰۲۳-۰۸-۰۵` یا `۲۰۲۳-۰۸-۰۵T۱۰:۳۰:۰۰+۰۳:۳۰` بنویسید؛ "
        "زمانی که منطقهٔ زمانی‌اش نوشته نشده باشد به وقت {tz} خوانده می‌شود.",
    },
    "time.ambiguous_moment": {
        "en": "{option} '{value}' reads as two different days (day/month or month/day). "
        "Write the year first, like `2023-08-05`, or a Jalali date like `1402/05/14`.",
        "fa": "{option} «{value}» را می‌توان دو روز متفاوت خواند (روز/ماه یا ماه/روز). "
        "سال را اول بنویسید، مانند `2023-08-05`، یا تاریخ شمسی مانند `1402/05/14`.",
    },
    "config.calendar": {
        "en": "SAFAR_CALENDAR={value} is not a calendar Safar counts in. Set it to jalali or gregorian, "
        "or unset it (Jalali in Persian, Gregorian in English).",
        "fa": "SAFAR_CALENDAR={value} تقویمی نیست که سفر با آن بشمارد. آن را jalali یا gregorian بگذارید "
        "یا خالی بگذارید (شمسی در فارسی، میلادی در انگلیسی).",
    },
    "period.trend_by": {"en": "Trend by", "fa": "روند بر پایهٔ"},
    "period.name.jalali.day": {"en": "day", "fa": "روز"},
    "period.name.jalali.week": {"en": "week (from Saturday)", "fa": "هفته (از شنبه)"},
    "period.name.jalali.month": {"en": "Jalali month", "fa": "ماه"},
    "period.name.jalali.quarter": {"en": "season", "fa": "فصل"},
    "period.name.jalali.year": {"en": "Jalali year", "fa": "سال"},
    "period.name.gregorian.day": {"en": "day", "fa": "روز"},
    "period.name.gregorian.week": {"en": "week (from Monday)", "fa": "هفته (از دوشنبه)"},
    "period.name.gregorian.month": {"en": "month", "fa": "ماه میلادی"},
    "period.name.gregorian.quarter": {"en": "quarter", "fa": "سه‌ماهه"},
    "period.name.gregorian.year": {"en": "year", "fa": "سال میلادی"},
    "period.day": {"en": "{day}", "fa": "{day}"},
    "period.week": {"en": "week of {day}", "fa": "هفتهٔ {day}"},
    "period.month": {"en": "{month} {year}", "fa": "{month} {year}"},
    "period.quarter": {"en": "{year} Q{quarter}", "fa": "سه‌ماههٔ {quarter} {year}"},
    "period.season": {"en": "{season} {year}", "fa": "{season} {year}"},
    "period.year": {"en": "{year}", "fa": "{year}"},
    "period.long_day": {"en": "{day} {month} {year}", "fa": "{day} {month} {year}"},
    "month.jalali.1": {"en": "Farvardin", "fa": "فروردین"},
    "month.jalali.2": {"en": "Ordibehesht", "fa": "اردیبهشت"},
    "month.jalali.3": {"en": "Khordad", "fa": "خرداد"},
    "month.jalali.4": {"en": "Tir", "fa": "تیر"},
    "month.jalali.5": {"en": "Mordad", "fa": "مرداد"},
    "month.jalali.6": {"en": "Shahrivar", "fa": "شهریور"},
    "month.jalali.7": {"en": "Mehr", "fa": "مهر"},
    "month.jalali.8": {"en": "Aban", "fa": "آبان"},
    "month.jalali.9": {"en": "Azar", "fa": "آذر"},
    "month.jalali.10": {"en": "Dey", "fa": "دی"},
    "month.jalali.11": {"en": "Bahman", "fa": "بهمن"},
    "month.jalali.12": {"en": "Esfand", "fa": "اسفند"},
    "month.gregorian.1": {"en": "Jan", "fa": "ژانویه"},
    "month.gregorian.2": {"en": "Feb", "fa": "فوریه"},
    "month.gregorian.3": {"en": "Mar", "fa": "مارس"},
    "month.gregorian.4": {"en": "Apr", "fa": "آوریل"},
    "month.gregorian.5": {"en": "May", "fa": "مه"},
    "month.gregorian.6": {"en": "Jun", "fa": "ژوئن"},
    "month.gregorian.7": {"en": "Jul", "fa": "ژوئیه"},
    "month.gregorian.8": {"en": "Aug", "fa": "اوت"},
    "month.gregorian.9": {"en": "Sep", "fa": "سپتامبر"},
    "month.gregorian.10": {"en": "Oct", "fa": "اکتبر"},
    "month.gregorian.11": {"en": "Nov", "fa": "نوامبر"},
    "month.gregorian.12": {"en": "Dec", "fa": "دسامبر"},
    "season.1": {"en": "Spring", "fa": "بهار"},
    "season.2": {"en": "Summer", "fa": "تابستان"},
    "season.3": {"en": "Autumn", "fa": "پاییز"},
    "season.4": {"en": "Winter", "fa": "زمستان"},
    "feedback.ambiguous_time": {
        "en": "reads as two different days (day/month or month/day): give --time-format '%d/%m/%Y' or '%m/%d/%Y'",
        "fa": "می‌توان آن را دو روز متفاوت خواند (روز/ماه یا ماه/روز): `--time-format '%d/%m/%Y'` یا "
        "`--time-format '%m/%d/%Y'` را بدهید",
    },
    "row.ambiguous_time": {
        "en": "Row {row}: {field} = '{value}' reads as two different days (day/month or month/day). "
        "Give the layout with --time-format, e.g. --time-format '%d/%m/%Y' or '%m/%d/%Y' "
        "(add ' %H:%M' when there is a time).",
        "fa": "سطر {row}: مقدار «{value}» در {field} را می‌توان دو روز متفاوت خواند (روز/ماه یا ماه/روز). "
        "چیدمان را با `--time-format` بدهید، مثلاً `--time-format '%d/%m/%Y'` یا `--time-format '%m/%d/%Y'` "
        "(اگر ساعت هم دارد `' %H:%M'` را بیفزایید).",
    },
    "time.bad_calendar": {
        "en": "--calendar {calendar} is not a calendar Safar reads. Use one of: {allowed}.",
        "fa": "--calendar {calendar} تقویمی نیست که سفر بخواند. یکی از این‌ها را بدهید: {allowed}.",
    },
    "time.bad_format": {
        "en": "--time-format '{format}' has no strftime directive. Write it like '%a %b %d %H:%M:%S %z %Y' "
        "or '%d/%m/%Y %H:%M'.",
        "fa": "`--time-format` «{format}» هیچ نشانه strftime ندارد. آن را مانند `'%a %b %d %H:%M:%S %z %Y'` "
        "یا `'%d/%m/%Y %H:%M'` بنویسید.",
    },
    "time.format_with_jalali": {
        "en": "--time-format '{format}' reads Gregorian dates only; Jalali dates (1402/05/14 10:30, with / - or . "
        "and Persian or Latin digits) are read without it. Drop --time-format, or drop --calendar jalali.",
        "fa": "`--time-format` «{format}» فقط تاریخ میلادی را می‌خواند؛ تاریخ شمسی (`1402/05/14 10:30` با / یا - "
        "یا . و رقم فارسی یا لاتین) بدون آن خوانده می‌شود. `--time-format` یا `--calendar jalali` را بردارید.",
    },
    "time.mixed_calendars": {
        "en": "{path}: the times in column '{field}' mix {jalali} Jalali dates (year 1300–1500, e.g. rows "
        "{jalali_rows}) and {gregorian} Gregorian dates (e.g. rows {gregorian_rows}), so neither reading is "
        "safe. Say how to read the column with --calendar jalali or --calendar gregorian; rows written in the "
        "other calendar will be rejected, so fix them first.",
        "fa": "{path}: زمان‌های ستون «{field}» آمیخته‌اند: {jalali} تاریخ شمسی (سال ۱۳۰۰ تا ۱۵۰۰، مثلاً سطرهای "
        "{jalali_rows}) و {gregorian} تاریخ میلادی (مثلاً سطرهای {gregorian_rows})، پس هیچ‌یک از دو خوانش "
        "مطمئن نیست. با `--calendar jalali` یا `--calendar gregorian` بگویید ستون چگونه خوانده شود؛ سطرهایی که با "
        "تقویم دیگر نوشته شده‌اند رد می‌شوند، پس اول آن‌ها را درست کنید.",
    },
    "input.bad_text": {
        "en": "{path}: line {line} (byte {byte}) is not valid {encoding} text. Give the file's encoding with "
        "--encoding (utf-8, utf-16, cp1256 for Windows-1256, iso-8859-6), or save it as UTF-8.",
        "fa": "{path}: خط {line} (بایت {byte}) متن {encoding} معتبر نیست. رمزگذاری پرونده را با `--encoding` "
        "بدهید (`utf-8`، `utf-16`، `cp1256` برای Windows-1256، `iso-8859-6`) یا آن را با `UTF-8` ذخیره کنید.",
    },
    "input.no_sheet": {
        "en": "{path} has no sheet named '{sheet}'. Its sheets: {sheets}. Pass one of them with --sheet.",
        "fa": "{path} برگه‌ای به نام «{sheet}» ندارد. برگه‌های آن: {sheets}. یکی از آن‌ها را با --sheet بدهید.",
    },
    "input.all_rejected": {
        "en": "{path}: all {rejected} rows were rejected, so nothing was loaded. The first (row {row}): {reason} "
        "Every rejected row is kept with its reason: {see}.",
        "fa": "{path}: همه {rejected} سطر رد شدند و چیزی بارگذاری نشد. نخستین (سطر {row}): {reason} "
        "همه سطرهای ردشده با دلیلشان نگه داشته شده‌اند: {see}.",
    },
    "input.see_rejected": {
        "en": "`safar events rejected --dataset {dataset}`",
        "fa": "`safar events rejected --dataset {dataset}`",
    },
    "table.bad_parquet": {
        "en": "{source} is not a Parquet file Safar can read ({problem}). Export it again, or as CSV or .xlsx.",
        "fa": "{source} پرونده Parquet خوانایی برای سفر نیست ({problem}). آن را دوباره یا به شکل CSV یا .xlsx "
        "صادر کنید.",
    },
    "table.bad_json_line": {
        "en": "{source}, line {line}: {problem}. Each line must be one JSON object; fix the line and import again.",
        "fa": "{source}، خط {line}: {problem}. هر خط باید یک شیء JSON باشد؛ خط را درست کنید و دوباره وارد کنید.",
    },
    "input.reading": {
        "en": "read as: encoding {encoding}, calendar {calendar}, time zone {tz}",
        "fa": "خوانده‌شده با: رمزگذاری {encoding}، تقویم {calendar}، منطقه زمانی {tz}",
    },
    # The roles a column of an imported file plays, as error messages name them.
    "column_role.customer": {"en": "customer", "fa": "مشتری"},
    "column_role.activity": {"en": "activity", "fa": "فعالیت"},
    "column_role.time": {"en": "time", "fa": "زمان"},
    "column_role.channel": {"en": "channel", "fa": "کانال"},
    "column_role.id": {"en": "id", "fa": "شناسه"},
    "column_role.reply_to": {"en": "replies to", "fa": "پاسخ به"},
    "column_role.inbound": {"en": "from the customer", "fa": "از سوی مشتری"},
    "column_role.text": {"en": "text", "fa": "متن نظر"},
    "column_role.touchpoint": {"en": "touchpoint", "fa": "نقطه تماس"},
    "column_role.response": {"en": "response id", "fa": "شناسه پاسخ"},
    "column_role.lang": {"en": "language", "fa": "زبان"},
    "column_role.lifecycle": {"en": "lifecycle", "fa": "مرحله رویداد"},
    "column_role.resource": {"en": "resource", "fa": "انجام‌دهنده"},
}
