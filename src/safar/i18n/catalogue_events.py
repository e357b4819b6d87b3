"""Messages of the warehouse and of event ingestion, in English and Persian.

Codes starting with ``row.`` are reasons a source row was quarantined; their
templates take ``{row}`` (1-based data row, or XES event position), ``{field}``
and ``{value}`` and are filled in by the ingestion SQL for every rejected row.
"""

from __future__ import annotations

EVENTS_MESSAGES: dict[str, dict[str, str]] = {
    "datasets.title": {"en": "Data", "fa": "داده‌ها"},
    "datasets.intro": {
        "en": "The event logs of this workspace: how much each holds, over which days, which maps read it, its "
        "latest import and the rows its quarantine keeps.",
        "fa": "رویدادنگاره‌های این فضای کار: اندازهٔ هر یک، بازهٔ روزهایش، نقشه‌هایی که آن را می‌خوانند، آخرین "
        "ورودش و سطرهایی که در قرنطینه مانده‌اند.",
    },
    "datasets.none": {
        "en": "No event data yet. An editor brings it in here (Bring in an event file), or with the command line or the API.",
        "fa": "هنوز داده‌ای از رویدادها نیست. ویرایشگر آن را از همین‌جا (آوردن پرونده رویدادها)، یا با خط فرمان یا API وارد می‌کند.",
    },
    "datasets.col.name": {"en": "Dataset", "fa": "مجموعه‌داده"},
    "datasets.col.events": {"en": "Events", "fa": "رویدادها"},
    "datasets.col.customers": {"en": "Customers", "fa": "مشتریان"},
    "datasets.col.activities": {"en": "Activities", "fa": "فعالیت‌ها"},
    "datasets.col.span": {"en": "From – to", "fa": "از – تا"},
    "datasets.col.maps": {"en": "Read by maps", "fa": "نقشه‌های خواننده"},
    "datasets.col.last_import": {"en": "Latest import", "fa": "آخرین ورود"},
    "datasets.col.quarantined": {"en": "Rejected rows", "fa": "سطرهای ردشده"},
    "datasets.import": {
        "en": "{read} read, {loaded} loaded, {duplicates} already there, {rejected} rejected",
        "fa": "{read} خوانده، {loaded} بارگذاری، {duplicates} از پیش بود، {rejected} رد شد",
    },
    "datasets.imports": {"en": "{n} imports in all", "fa": "روی هم {n} ورود"},
    "datasets.rejected.title": {"en": "Rejected rows", "fa": "سطرهای ردشده"},
    "datasets.rejected.intro": {
        "en": "Each row the import could not take, with its file, row number, field and why. Fix them in the "
        "file and import it again: the rows that now read are loaded, the rest stay here.",
        "fa": "هر سطری که ورود نتوانست بپذیرد، با پرونده، شمارهٔ سطر، فیلد و دلیلش. آن‌ها را در پرونده درست "
        "کنید و دوباره وارد کنید: سطرهایی که اکنون خوانده شوند بارگذاری می‌شوند و بقیه این‌جا می‌مانند.",
    },
    "datasets.rejected.count": {"en": "{n} rejected rows", "fa": "{n} سطر ردشده"},
    "datasets.rejected.first": {"en": "the first {n} shown", "fa": "{n} سطر نخست نشان داده شده"},
    "datasets.rejected.download": {"en": "Download them all (CSV)", "fa": "بارگیری همه (CSV)"},
    "datasets.rejected.col.source": {"en": "File", "fa": "پرونده"},
    "datasets.rejected.col.row": {"en": "Row", "fa": "سطر"},
    "datasets.rejected.col.field": {"en": "Field", "fa": "فیلد"},
    "datasets.rejected.col.reason": {"en": "Reason", "fa": "دلیل"},
    "datasets.rejected.col.raw": {"en": "The row as read", "fa": "سطر، همان‌گونه که خوانده شد"},
    "dataset.not_found": {
        "en": "No events in dataset '{dataset}'. Known datasets: {known}. "
        "Ingest a file with `safar events ingest FILE --dataset {dataset}`.",
        "fa": "مجموعه‌داده «{dataset}» هیچ رویدادی ندارد. مجموعه‌داده‌های موجود: {known}. "
        "با `safar events ingest FILE --dataset {dataset}` پرونده‌ای را وارد کنید.",
    },
    "warehouse.bad_wait": {
        "en": "SAFAR_WAREHOUSE_WAIT must be a number of seconds from 0 to 86400, not '{value}'.",
        "fa": "SAFAR_WAREHOUSE_WAIT باید شمار ثانیه‌ها از ۰ تا ۸۶۴۰۰ باشد، نه «{value}».",
    },
    "warehouse.busy": {
        "en": "The data is being written by an import just now; try again when it has finished.",
        "fa": "داده‌ها همین حالا به دست یک بارگذاری نوشته می‌شود؛ پس از پایان آن دوباره تلاش کنید.",
    },
    "warehouse.locked": {
        "en": "The warehouse {path} is open for writing in another Safar process (PID {pid}, e.g. "
        "`safar serve`). Try again when it has finished, or ingest through the server.",
        "fa": "انبار داده {path} در فرایند دیگری از سفر (شناسه {pid}، مثلاً `safar serve`) برای نوشتن باز است. "
        "پس از پایان کار آن دوباره تلاش کنید یا از راه سرور وارد کنید.",
    },
    "warehouse.unsupported": {
        "en": "Safar writes events, survey responses and comments into a DuckDB or a Spark warehouse only; "
        "the warehouse at {url} is a {backend} backend. Unset SAFAR_WAREHOUSE_URL to use the DuckDB "
        "warehouse in SAFAR_HOME, or set it to spark:MASTER?path=FOLDER (docs/spark.md).",
        "fa": "سفر رویدادها، پاسخ‌های پیمایش و نظرها را فقط در انبار DuckDB یا Spark می‌نویسد؛ انبار {url} "
        "از نوع {backend} است. SAFAR_WAREHOUSE_URL را خالی بگذارید تا انبار DuckDB در SAFAR_HOME به کار "
        "رود، یا آن را spark:MASTER?path=FOLDER بگذارید (docs/spark.md).",
    },
    "warehouse.spark_missing": {
        "en": "SAFAR_WAREHOUSE_URL names an Apache Spark warehouse, but PySpark is not installed. "
        "Install it with `pip install 'safar[spark]'` (Spark also needs a Java runtime), "
        "or unset SAFAR_WAREHOUSE_URL to use DuckDB.",
        "fa": "SAFAR_WAREHOUSE_URL انبار Apache Spark را نام می‌برد، ولی PySpark نصب نیست. "
        "آن را با `pip install 'safar[spark]'` نصب کنید (Spark به Java هم نیاز دارد) "
        "یا SAFAR_WAREHOUSE_URL را خالی بگذارید تا DuckDB به کار رود.",
    },
    "warehouse.spark_java": {
        "en": "Apache Spark needs a Java runtime (17 or later) and none was found. Install one "
        "(e.g. `apt-get install default-jre-headless`) or set JAVA_HOME.",
        "fa": "Apache Spark به Java (نگارش ۱۷ یا بالاتر) نیاز دارد و Java پیدا نشد. آن را نصب کنید "
        "(مثلاً `apt-get install default-jre-headless`) یا JAVA_HOME را تنظیم کنید.",
    },
    "warehouse.spark_url": {
        "en": "The Spark warehouse URL {url} has an unknown or empty setting '{key}'. Write "
        "`spark:MASTER?path=FOLDER`, e.g. `spark:local[2]?path=/data/safar-spark`; "
        "other settings are Spark's own and start with `spark.`.",
        "fa": "نشانی انبار Spark یعنی {url} تنظیم ناشناخته یا خالی «{key}» دارد. به شکل "
        "`spark:MASTER?path=FOLDER` بنویسید، مثلاً `spark:local[2]?path=/data/safar-spark`؛ "
        "تنظیم‌های دیگر از آنِ خود Spark‌اند و با `spark.` آغاز می‌شوند.",
    },
    "events.file_not_found": {
        "en": "No file at {path}. Check the path and try again.",
        "fa": "پرونده‌ای در {path} نیست. مسیر را بررسی کنید و دوباره تلاش کنید.",
    },
    "events.unknown_format": {
        "en": "Cannot tell the format of {path} from its name. Give --format, one of: {formats}.",
        "fa": "قالب {path} از نامش معلوم نیست. یکی از این‌ها را با --format بدهید: {formats}.",
    },
    "events.bad_dataset": {
        "en": "The dataset name '{dataset}' is empty or too long. Give --dataset a short name such as `receipt`.",
        "fa": "نام مجموعه‌داده «{dataset}» خالی یا بسیار بلند است. نامی کوتاه مانند `receipt` به --dataset بدهید.",
    },
    "events.column_not_found": {
        "en": "{path} has no column '{column}' for the {role}. Its columns are: {columns}.",
        "fa": "پرونده {path} ستونی به نام «{column}» برای {role} ندارد. ستون‌های آن: {columns}.",
    },
    "events.no_column": {
        "en": "Cannot tell which column of {path} holds the {role}: none of {candidates} is present. "
        "Its columns are: {columns}. Name it with {option}.",
        "fa": "معلوم نیست کدام ستون {path} {role} را دارد: هیچ‌یک از {candidates} نیست. "
        "ستون‌های آن: {columns}. آن را با {option} نام ببرید.",
    },
    "events.bad_timezone": {
        "en": "Unknown time zone '{tz}'. Use an IANA name such as `Asia/Tehran` or `UTC`.",
        "fa": "منطقه زمانی «{tz}» شناخته نیست. نامی از IANA مانند `Asia/Tehran` یا `UTC` بدهید.",
    },
    "events.bad_encoding": {
        "en": "Unknown text encoding '{encoding}'. Use e.g. `utf-8`, `utf-8-sig` or `cp1256`.",
        "fa": "رمزگذاری متن «{encoding}» شناخته نیست. مثلاً `utf-8`، `utf-8-sig` یا `cp1256` بدهید.",
    },
    "events.gzip_budget": {
        "en": "{path} unpacks to more than {limit_mb} MB, over {ratio} times its {size_mb} MB: far more than "
        "event files do (a compression bomb?). Nothing was loaded. If the file is genuine, unpack it and send "
        "it as it is.",
        "fa": "پرونده {path} پس از گشودن از {limit_mb} مگابایت، بیش از {ratio} برابر {size_mb} مگابایت خودش، "
        "بزرگ‌تر می‌شود؛ بسیار بیشتر از پرونده‌های رویداد (شاید بمب فشرده‌سازی). چیزی بارگذاری نشد. اگر پرونده "
        "درست است، آن را از حالت فشرده درآورید و همان را بفرستید.",
    },
    "events.field_too_long": {
        "en": "{path} line {line}: a field is longer than {limit_kb} KB, which no event's value is; often a quote "
        '(") opened and never closed. Nothing was loaded. Close the quote or shorten the field, and send the file again.',
        "fa": "{path} خط {line}: یک خانه بیش از {limit_kb} کیلوبایت است، که هیچ مقدار رویدادی نیست؛ بیشتر وقت‌ها "
        'گیومه‌ای (") باز شده و بسته نشده است. چیزی بارگذاری نشد. گیومه را ببندید یا خانه را کوتاه کنید و پرونده را دوباره بفرستید.',
    },
    "events.row_too_long": {
        "en": '{path}: a row is longer than {limit_kb} KB, which no event is; often a quote (") opened and never '
        "closed. Nothing was loaded. Close the quote or shorten the row, and send the file again.",
        "fa": '{path}: یک سطر بیش از {limit_kb} کیلوبایت است، که هیچ رویدادی نیست؛ بیشتر وقت‌ها گیومه‌ای (") باز '
        "شده و بسته نشده است. چیزی بارگذاری نشد. گیومه را ببندید یا سطر را کوتاه کنید و پرونده را دوباره بفرستید.",
    },
    "events.too_many_columns": {
        "en": "{path} has {columns} columns; an events file has at most {limit}. Nothing was loaded. Export only the "
        "columns you need (customer, activity, time, channel and the attributes you segment by).",
        "fa": "{path} {columns} ستون دارد؛ پرونده رویدادها حداکثر {limit} ستون دارد. چیزی بارگذاری نشد. فقط ستون‌هایی "
        "را که لازم دارید (مشتری، فعالیت، زمان، کانال و ویژگی‌هایی که با آن‌ها بخش‌بندی می‌کنید) خروجی بگیرید.",
    },
    "events.unreadable": {
        "en": "Cannot read {path} as {format}: {detail}. Check the file or give --format/--delimiter/--encoding.",
        "fa": "پرونده {path} به‌صورت {format} خوانده نشد: {detail}. پرونده را بررسی کنید یا "
        "--format/--delimiter/--encoding را بدهید.",
    },
    "events.empty_file": {
        "en": "{path} has no header row. Give a file whose first line names its columns.",
        "fa": "پرونده {path} سطر عنوان ندارد. پرونده‌ای بدهید که سطر نخستش نام ستون‌ها باشد.",
    },
    "row.missing_customer": {
        "en": "Row {row}: the customer ({field}) is empty. Fill it in and ingest the file again.",
        "fa": "سطر {row}: مشتری ({field}) خالی است. آن را پر کنید و پرونده را دوباره وارد کنید.",
    },
    "row.missing_activity": {
        "en": "Row {row}: the activity ({field}) is empty. Fill it in and ingest the file again.",
        "fa": "سطر {row}: فعالیت ({field}) خالی است. آن را پر کنید و پرونده را دوباره وارد کنید.",
    },
    "row.missing_time": {
        "en": "Row {row}: the time ({field}) is empty. Fill it in and ingest the file again.",
        "fa": "سطر {row}: زمان ({field}) خالی است. آن را پر کنید و پرونده را دوباره وارد کنید.",
    },
    "row.bad_time": {
        "en": "Row {row}: {field} = '{value}' is not a time Safar reads. Write it as ISO 8601 "
        "(2024-03-01 14:30:00 or 2024-03-01T14:30:00+03:30) or as a Jalali date (1402/05/14 10:30), "
        "or give its layout with --time-format (e.g. '%d.%m.%Y %H:%M').",
        "fa": "سطر {row}: مقدار «{value}» در {field} زمانی نیست که سفر بخواند. آن را به شکل `ISO 8601` "
        "(`2024-03-01 14:30:00` یا `2024-03-01T14:30:00+03:30`) یا تاریخ شمسی (`1402/05/14 10:30`) بنویسید، "
        "یا چیدمانش را با `--time-format` بدهید (مثلاً `--time-format '%d.%m.%Y %H:%M'`).",
    },
    "row.missing_id": {
        "en": "Row {row}: the event id ({field}) is empty. Fill it in, or ingest without --id-col "
        "to identify rows by their content.",
        "fa": "سطر {row}: شناسه رویداد ({field}) خالی است. آن را پر کنید یا بدون --id-col وارد کنید "
        "تا سطرها با محتوایشان شناخته شوند.",
    },
    "row.bad_encoding": {
        "en": "Row {row}: {field} holds bytes that are not valid {value}. Save the file as UTF-8 "
        "or give --encoding.",
        "fa": "سطر {row}: {field} بایت‌هایی دارد که {value} معتبر نیستند. پرونده را با UTF-8 ذخیره کنید "
        "یا --encoding را بدهید.",
    },
    "row.broken_csv": {
        "en": "Row {row}: {value}. An unmatched quote joins the following lines into this row; "
        "fix the quoting and ingest the file again.",
        "fa": "سطر {row}: {value}. یک نقل‌قول بسته‌نشده سطرهای بعدی را به این سطر می‌چسباند؛ "
        "نقل‌قول را درست کنید و پرونده را دوباره وارد کنید.",
    },
    "row.reply_orphan": {
        "en": "Row {row}: this message's conversation goes back ({field}) to message '{value}', which is neither "
        "in this file nor in the dataset, so whose conversation it is cannot be told. Ingest the file holding "
        "that message first, or give the two files as one, then this file again.",
        "fa": "سطر {row}: گفتگوی این پیام ({field}) به پیام «{value}» برمی‌گردد که نه در این پرونده هست و نه در "
        "مجموعه‌داده، پس معلوم نیست گفتگوی کدام مشتری است. نخست پرونده‌ی آن پیام را وارد کنید، یا هر دو را یک "
        "پرونده کنید، سپس این پرونده را دوباره وارد کنید.",
    },
    "row.reply_cycle": {
        "en": "Row {row}: following {field} from this message comes back round to message '{value}' again, so "
        "its conversation has no first message. Fix the reply-to ids and ingest the file again.",
        "fa": "سطر {row}: دنبال کردن {field} از این پیام دوباره به پیام «{value}» برمی‌گردد، پس گفتگویش پیام "
        "نخستی ندارد. شناسه‌های پاسخ را درست کنید و پرونده را دوباره وارد کنید.",
    },
    "events.reply_needs_id": {
        "en": "Pairing replies with --reply-to-col {column} needs the messages' own ids: give the column "
        "that holds each message's id with --id-col.",
        "fa": "جفت کردن پاسخ‌ها با `--reply-to-col {column}` شناسه‌ی خود پیام‌ها را لازم دارد: ستونی را که "
        "شناسه‌ی هر پیام در آن است با `--id-col` بدهید.",
    },
    "events.reply_thread_taken": {
        "en": "The file already has a column '{key}', which pairing the replies of {column} would write. "
        "Rename that column, then ingest the file again.",
        "fa": "پرونده از پیش ستونی به نام «{key}» دارد که جفت کردن پاسخ‌های {column} آن را می‌نویسد. نام آن "
        "ستون را عوض کنید و پرونده را دوباره وارد کنید.",
    },
    "events.inbound_needs_reply": {
        "en": "--inbound-col {column} tells requests from responses within conversation threads: give the "
        "replies-to column with --reply-to-col too, or leave --inbound-col out.",
        "fa": "`--inbound-col {column}` درخواست را از پاسخ در رشته‌های گفتگو جدا می‌کند: ستون پاسخ‌به را هم با "
        "`--reply-to-col` بدهید، یا `--inbound-col` را کنار بگذارید.",
    },
    "row.bad_inbound": {
        "en": "Row {row}: {field} = '{value}' does not say whether the customer wrote the message. Write "
        "true/false (or yes/no, 1/0, بله/خیر) and ingest the file again.",
        "fa": "سطر {row}: {field} = «{value}» نمی‌گوید پیام را مشتری نوشته یا نه. true/false (یا yes/no، ۱/۰، "
        "بله/خیر) بنویسید و پرونده را دوباره وارد کنید.",
    },
    "events.reply_not_in_xes": {
        "en": "{path} is an XES log: its traces are its cases already, so there are no replies to pair. "
        "Ingest it without --reply-to-col.",
        "fa": "{path} یک لاگ XES است: ردهایش خودشان پرونده‌ها هستند و پاسخی برای جفت کردن ندارد. آن را بی "
        "`--reply-to-col` وارد کنید.",
    },
    "row.bad_json": {
        "en": "Line {row} is not a JSON object. Fix the line and ingest the file again.",
        "fa": "خط {row} یک شیء JSON نیست. خط را درست کنید و پرونده را دوباره وارد کنید.",
    },
    "events.report": {
        "en": "read {read}, loaded {loaded}, duplicates {duplicates}, rejected {rejected}",
        "fa": "خوانده {read}، بارگذاری‌شده {loaded}، تکراری {duplicates}، ردشده {rejected}",
    },
    "events.report_columns": {
        "en": "columns: {columns}",
        "fa": "ستون‌ها: {columns}",
    },
    "events.report_rejected": {
        "en": "See the rejected rows with `safar events rejected --dataset {dataset}`.",
        "fa": "سطرهای ردشده را با `safar events rejected --dataset {dataset}` ببینید.",
    },
}
