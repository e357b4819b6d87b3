"""Messages of bringing data in through the web app: the upload, the mapping step, the import's progress and
removing a dataset, in English and Persian."""

from __future__ import annotations

UPLOAD_MESSAGES: dict[str, dict[str, str]] = {
    "datasets.upload": {"en": "Bring in an event file", "fa": "آوردن پرونده رویدادها"},
    "datasets.remove": {"en": "Remove", "fa": "حذف"},
    "datasets.removed": {
        "en": "Dataset {dataset} was removed with all its events.",
        "fa": "مجموعه‌داده {dataset} با همه رویدادهایش حذف شد.",
    },
    "upload.title": {"en": "Bring in an event file", "fa": "آوردن پرونده رویدادها"},
    "upload.intro": {
        "en": "Send the file; the next step shows its first rows and which column Safar reads as the customer, "
        "the activity and the time, for you to confirm or change before anything is loaded.",
        "fa": "پرونده را بفرستید؛ گام بعد چند سطر نخست آن را نشان می‌دهد و اینکه سفر کدام ستون را مشتری، فعالیت "
        "و زمان می‌خواند، تا پیش از بارگذاری تأیید یا عوض کنید.",
    },
    "upload.formats": {
        "en": "Formats: CSV or TSV, Excel (.xlsx), Parquet, JSON Lines, XES; text ones also gzipped (.csv.gz, .jsonl.gz, .xes.gz).",
        "fa": "قالب‌ها: `CSV` یا `TSV`، اکسل (`.xlsx`)، `Parquet`، `JSON Lines`، `XES`؛ قالب‌های متنی فشرده هم (`.csv.gz`، `.jsonl.gz`، `.xes.gz`).",
    },
    "upload.limit": {"en": "At most {limit} MB a file.", "fa": "هر پرونده حداکثر {limit} مگابایت."},
    "upload.persian": {
        "en": "Jalali dates, Persian or Arabic digits, ي/ك and Windows-1256 or UTF-16 text are read as they are.",
        "fa": "تاریخ جلالی، رقم‌های فارسی یا عربی، ي/ك و متن `Windows-1256` یا `UTF-16` همان‌گونه که هست خوانده می‌شود.",
    },
    "upload.file": {"en": "File", "fa": "پرونده"},
    "upload.into": {"en": "Into", "fa": "به"},
    "upload.new_dataset": {"en": "a new dataset", "fa": "مجموعه‌داده‌ای تازه"},
    "upload.send": {"en": "Send and look at it", "fa": "فرستادن و دیدن"},
    "upload.empty": {
        "en": "{name} is empty: nothing to import.",
        "fa": "{name} خالی است: چیزی برای ورود ندارد.",
    },
    "upload.no_file": {"en": "Choose a file to send.", "fa": "پرونده‌ای برای فرستادن برگزینید."},
    "upload.not_found": {
        "en": "This upload is no longer kept (it was imported, or sent more than a day ago). Send the file again.",
        "fa": "این بارگذاری دیگر نگه داشته نشده است (وارد شده یا بیش از یک روز پیش فرستاده شده). پرونده را دوباره بفرستید.",
    },
    "upload.job_not_found": {
        "en": "No such import (the server may have restarted since). The Data page shows each dataset's latest import.",
        "fa": "چنین ورودی پیدا نشد (شاید سرور از آن پس دوباره راه افتاده باشد). صفحه داده‌ها آخرین ورود هر مجموعه‌داده را نشان می‌دهد.",
    },
    "upload.failed": {
        "en": "The import stopped on an unexpected problem ({detail}). Nothing was loaded; the file is kept, try again or tell whoever runs Safar.",
        "fa": "ورود با مشکلی پیش‌بینی‌نشده ({detail}) متوقف شد. چیزی بارگذاری نشد؛ پرونده نگه داشته شده است، دوباره تلاش کنید یا به گرداننده سفر خبر دهید.",
    },
    "mapping.title": {"en": "Map the columns", "fa": "ستون‌ها را بشناسانید"},
    "mapping.facts": {"en": "{format}, {size} KB", "fa": "{format}، {size} کیلوبایت"},
    "row.bad_time.web": {
        "en": "Row {row}: {field} = '{value}' is not a time Safar reads. Write it as ISO 8601 "
        "(2024-03-01 14:30:00 or 2024-03-01T14:30:00+03:30) or as a Jalali date (1402/05/14 10:30).",
        "fa": "سطر {row}: مقدار «{value}» در {field} زمانی نیست که سفر بخواند. آن را به شکل `ISO 8601` "
        "(`2024-03-01 14:30:00` یا `2024-03-01T14:30:00+03:30`) یا تاریخ شمسی (`1402/05/14 10:30`) بنویسید.",
    },
    "row.missing_id.web": {
        "en": "Row {row}: the event id ({field}) is empty. Fill it in, or import the file again with no id "
        "column so that rows are told apart by their content.",
        "fa": "سطر {row}: شناسه رویداد ({field}) خالی است. آن را پر کنید، یا پرونده را بی ستون شناسه دوباره "
        "وارد کنید تا سطرها با محتوایشان شناخته شوند.",
    },
    "mapping.encoding_read": {"en": "text read as `{encoding}`", "fa": "متن خوانده‌شده با `{encoding}`"},
    "mapping.sheet_read": {"en": "sheet", "fa": "برگه"},
    "mapping.intro": {
        "en": "Safar proposes a column for each role from its name (Persian and English names are recognised). "
        "Change what is wrong, look at the rows again, then import. Columns no role takes are kept with each "
        "event as its attributes.",
        "fa": "سفر برای هر نقش، ستونی را از روی نامش پیشنهاد می‌دهد (نام‌های فارسی و انگلیسی شناخته می‌شوند). "
        "هرچه نادرست است عوض کنید، سطرها را دوباره ببینید، سپس وارد کنید. ستون‌هایی که نقشی ندارند "
        "به‌عنوان ویژگی‌های هر رویداد نگه داشته می‌شوند.",
    },
    "mapping.intro_fixed": {
        "en": "An XES log names its own columns: the trace is the customer, the event's name the activity. "
        "Check the rows and the time zone, then import.",
        "fa": "لاگ XES ستون‌هایش را خودش نام می‌برد: هر ردپا یک مشتری است و نام رویداد، فعالیت. "
        "سطرها و منطقه زمانی را بررسی کنید، سپس وارد کنید.",
    },
    "mapping.dataset": {"en": "Dataset", "fa": "مجموعه‌داده"},
    "mapping.dataset_help": {
        "en": "A new name makes a new dataset; an existing one adds this file to it. Sending the same file "
        "again loads nothing twice.",
        "fa": "نامی تازه مجموعه‌داده‌ای تازه می‌سازد؛ نامی موجود این پرونده را به آن می‌افزاید. "
        "فرستادن دوباره همان پرونده چیزی را دو بار بارگذاری نمی‌کند.",
    },
    "mapping.roles": {"en": "Which column is which", "fa": "کدام ستون چیست"},
    "mapping.no_column": {"en": "(none in this file)", "fa": "(در این پرونده نیست)"},
    "mapping.choose": {"en": "(choose a column)", "fa": "(ستونی برگزینید)"},
    "mapping.activity_from_replies": {
        "en": "(none: request or response, from the replies)",
        "fa": "(هیچ: درخواست یا پاسخ، از روی پاسخ‌ها)",
    },
    "mapping.reply_help": {
        "en": "Replies to: for a Twitter/X or chat export, the column holding the id of the message each row "
        "answers (with the messages' own ids as the id). Every message is then filed under the customer who "
        "began its conversation, with `thread_id` as its contact; without an activity column, the customer's "
        "messages are `request` and the others' `response`.",
        "fa": "پاسخ به: برای خروجی توییتر (ایکس) یا گفتگو، ستونی که شناسه‌ی پیامِ پاسخ‌داده‌شده در آن است (و شناسه‌ی "
        "خود پیام‌ها به‌عنوان شناسه). آنگاه هر پیام به نام مشتری‌ای ثبت می‌شود که گفتگو را آغاز کرد، با `thread_id` "
        "به‌عنوان تماسش؛ اگر ستون فعالیت نباشد، پیام‌های مشتری `request` و پیام‌های دیگران `response` می‌شوند.",
    },
    "mapping.time_format": {"en": "Layout of the times (optional)", "fa": "چیدمان زمان‌ها (اختیاری)"},
    "mapping.time_format_help": {
        "en": "Only for times Safar does not read by itself, written as strftime: `%a %b %d %H:%M:%S %z %Y` for "
        "Twitter/X, `%d.%m.%Y %H:%M` for 01.03.2024 14:30.",
        "fa": "فقط برای زمان‌هایی که سفر خودش نمی‌خواند، به شکل `strftime`: `%a %b %d %H:%M:%S %z %Y` برای توییتر "
        "(ایکس)، `%d.%m.%Y %H:%M` برای 01.03.2024 14:30.",
    },
    "mapping.attributes": {"en": "Kept as attributes:", "fa": "نگه‌داشته به‌عنوان ویژگی:"},
    "mapping.no_attributes": {"en": "Every column has a role.", "fa": "هر ستون نقشی دارد."},
    "mapping.reading": {"en": "How the file is read", "fa": "پرونده چگونه خوانده شود"},
    "mapping.encoding": {"en": "Text encoding", "fa": "رمزگذاری متن"},
    "mapping.sheet": {"en": "Sheet", "fa": "برگه"},
    "mapping.calendar": {"en": "Calendar of the dates", "fa": "تقویم تاریخ‌ها"},
    "mapping.tz": {"en": "Time zone of times without one", "fa": "منطقه زمانی زمان‌های بی‌منطقه"},
    "mapping.dates_read": {
        "en": "The dates below read as {calendar}.",
        "fa": "تاریخ‌های زیر {calendar} خوانده شدند.",
    },
    "mapping.show_again": {"en": "Show the rows again", "fa": "دوباره نشان بده"},
    "mapping.import": {"en": "Import", "fa": "وارد کن"},
    "mapping.preview": {
        "en": "The first {n} rows, as they will be read",
        "fa": "{n} سطر نخست، همان‌گونه که خوانده خواهد شد",
    },
    "mapping.time_as_read": {"en": "Time as read (`{tz}`)", "fa": "زمان خوانده‌شده (`{tz}`)"},
    "format.csv": {"en": "CSV text", "fa": "متن `CSV`"},
    "format.xlsx": {"en": "Excel workbook", "fa": "کارپوشه اکسل"},
    "format.jsonl": {"en": "JSON Lines", "fa": "`JSON Lines`"},
    "format.parquet": {"en": "Parquet", "fa": "`Parquet`"},
    "format.xes": {"en": "XES event log", "fa": "لاگ رویداد `XES`"},
    "upload.no_column": {
        "en": "Safar could not tell which column of {name} holds the {role}. Its columns: {columns}. "
        "Choose it on the mapping step.",
        "fa": "سفر نتوانست بگوید کدام ستون {name} {role} را دارد. ستون‌های آن: {columns}. "
        "آن را در گام شناساندن ستون‌ها برگزینید.",
    },
    "importjob.title": {"en": "Import", "fa": "ورود"},
    "importjob.heading": {"en": "Importing {source} into {dataset}", "fa": "ورود {source} به {dataset}"},
    "importjob.running": {"en": "Reading the file…", "fa": "در حال خواندن پرونده…"},
    "importjob.done": {
        "en": "Done: {read} rows read, {loaded} loaded, {duplicates} already there, {rejected} rejected.",
        "fa": "انجام شد: {read} سطر خوانده، {loaded} بارگذاری، {duplicates} از پیش موجود، {rejected} رد شد.",
    },
    "importjob.columns": {"en": "Columns read:", "fa": "ستون‌های خوانده‌شده:"},
    "importjob.reading": {
        "en": "Text `{encoding}` · dates {calendar} · time zone `{tz}`",
        "fa": "متن `{encoding}` · تاریخ‌ها {calendar} · منطقه زمانی `{tz}`",
    },
    "importjob.alerts": {
        "en": "{n} alerts fired on the new data",
        "fa": "{n} هشدار با داده تازه به صدا درآمد",
    },
    "importjob.see_rejected": {
        "en": "See the {n} rejected rows, each with its reason",
        "fa": "دیدن {n} سطر ردشده، هر یک با دلیلش",
    },
    "importjob.to_maps": {"en": "The maps", "fa": "نقشه‌ها"},
    "importjob.map_again": {
        "en": "Change the mapping and try again",
        "fa": "ستون‌ها را عوض کنید و دوباره بکوشید",
    },
    "remove.title": {"en": "Remove a dataset", "fa": "حذف مجموعه‌داده"},
    "remove.what": {
        "en": "This removes its {events} events of {customers} customers, its comments, its {rejected} rejected "
        "rows and its import records. It cannot be undone.",
        "fa": "این کار {events} رویداد از {customers} مشتری، نظرها، {rejected} سطر ردشده و سوابق ورود آن را "
        "حذف می‌کند و بازگشت‌پذیر نیست.",
    },
    "remove.maps": {
        "en": "These maps read it and will show no data until it is loaded again:",
        "fa": "این نقشه‌ها از آن می‌خوانند و تا بارگذاری دوباره داده‌ای نشان نمی‌دهند:",
    },
    "remove.confirm": {
        "en": "Type the dataset's name to confirm",
        "fa": "برای تأیید، نام مجموعه‌داده را بنویسید",
    },
    "remove.button": {"en": "Remove it for good", "fa": "برای همیشه حذف کن"},
    "dataset.confirm_name": {
        "en": "Nothing was removed: type the name {dataset} exactly to confirm.",
        "fa": "چیزی حذف نشد: برای تأیید، نام {dataset} را دقیقاً بنویسید.",
    },
    "remove.ask": {"en": "Remove dataset {dataset}?", "fa": "مجموعه‌داده {dataset} حذف شود؟"},
    "remove.kept": {"en": "Nothing was removed.", "fa": "چیزی حذف نشد."},
    "remove.done": {
        "en": "Dataset {dataset} was removed: {events} events, {customers} customers, {comments} comments, "
        "{rejected} rejected rows and {ingestions} import records.",
        "fa": "مجموعه‌داده {dataset} حذف شد: {events} رویداد، {customers} مشتری، {comments} نظر، "
        "{rejected} سطر ردشده و {ingestions} سابقه ورود.",
    },
    "preview.no_column": {
        "en": "No column was found for the {role}: name it with `{option}`.",
        "fa": "ستونی برای {role} پیدا نشد: آن را با `{option}` نام ببرید.",
    },
    "comments_in.link": {"en": "Bring in comments", "fa": "آوردن نظرها"},
    "comments_in.title": {"en": "Bring in comments", "fa": "آوردن نظرها"},
    "comments_in.intro": {
        "en": "Send a file with one customer comment a row; the next step shows its first rows and which column "
        "Safar reads as the text, the time, the customer and the touchpoint, for you to confirm or change. "
        "Each comment is scored for sentiment as it is imported.",
        "fa": "پرونده‌ای بفرستید که هر سطرش نظر یک مشتری است؛ گام بعد چند سطر نخست آن را نشان می‌دهد و اینکه سفر "
        "کدام ستون را متن، زمان، مشتری و نقطه تماس می‌خواند، تا تأیید یا عوض کنید. احساس هر نظر هنگام ورود "
        "سنجیده می‌شود.",
    },
    "comments_in.formats": {
        "en": "Formats: CSV or TSV, Excel (.xlsx), JSON Lines, Parquet.",
        "fa": "قالب‌ها: `CSV` یا `TSV`، اکسل (`.xlsx`)، `JSON Lines`، `Parquet`.",
    },
    "comments.format": {
        "en": "{name} is not a comments file Safar reads: send CSV or TSV, Excel (.xlsx), JSON Lines or Parquet.",
        "fa": "{name} پرونده نظری نیست که سفر بخواند: `CSV` یا `TSV`، اکسل (`.xlsx`)، `JSON Lines` یا `Parquet` بفرستید.",
    },
    "comments_in.mapping_intro": {
        "en": "Safar proposes a column for each role from its name (Persian and English names are recognised). "
        "The touchpoint is a touchpoint's id or its name on the map; or give every comment one touchpoint. "
        "Comments without a touchpoint are loaded too, and you can assign them afterwards.",
        "fa": "سفر برای هر نقش، ستونی را از روی نامش پیشنهاد می‌دهد (نام‌های فارسی و انگلیسی شناخته می‌شوند). "
        "نقطه تماس، شناسه یا نام یک نقطه تماس نقشه است؛ یا همه نظرها را به یک نقطه تماس بدهید. "
        "نظرهای بی‌نقطه تماس هم بارگذاری می‌شوند و می‌توانید پس از آن نقطه تماسشان را تعیین کنید.",
    },
    "comments_in.all_to": {"en": "Touchpoint of every comment", "fa": "نقطه تماس همه نظرها"},
    "comments_in.by_column": {"en": "(as the column says)", "fa": "(آن‌گونه که ستون می‌گوید)"},
    "comments_in.touchpoint_help": {
        "en": "Choosing a touchpoint here gives it to every comment of the file, whatever its touchpoint column says.",
        "fa": "برگزیدن نقطه تماس در اینجا آن را به همه نظرهای پرونده می‌دهد، هرچه ستون نقطه تماس بگوید.",
    },
    "comments_in.lang": {"en": "Language of the comments", "fa": "زبان نظرها"},
    "comments_in.lang_auto": {"en": "each as its script says", "fa": "هر یک از روی خطش"},
    "comments_in.lang_fa": {"en": "Persian", "fa": "فارسی"},
    "comments_in.lang_en": {"en": "English", "fa": "انگلیسی"},
    "comments_in.import": {"en": "Import and score", "fa": "وارد کن و بسنج"},
    "comments_in.set_title": {"en": "Comments", "fa": "نظرها"},
    "comments_in.done": {
        "en": "{read} rows read, {loaded} comments loaded, {duplicates} already there, {rejected} rejected.",
        "fa": "{read} سطر خوانده، {loaded} نظر بارگذاری، {duplicates} از پیش موجود، {rejected} رد شد.",
    },
    "comments_in.count": {
        "en": "{n} comments of this dataset are about this map.",
        "fa": "{n} نظر این مجموعه‌داده درباره این نقشه است.",
    },
    "comments_in.unassigned_title": {"en": "Comments without a touchpoint", "fa": "نظرهای بی‌نقطه تماس"},
    "comments_in.unassigned": {
        "en": "{n} comments have no touchpoint: they count in no touchpoint's numbers until they are given one.",
        "fa": "{n} نظر نقطه تماس ندارد: تا نقطه تماسی نگیرند در شمار هیچ نقطه تماسی نمی‌آیند.",
    },
    "comments_in.assign_to": {
        "en": "Give these {n} comments the touchpoint",
        "fa": "دادن این {n} نظر به نقطه تماس",
    },
    "comments_in.assign": {"en": "Assign", "fa": "تعیین کن"},
    "comments_in.assigned": {
        "en": "{n} comments were given the touchpoint.",
        "fa": "{n} نظر به نقطه تماس داده شد.",
    },
    "comments_in.none_unassigned": {
        "en": "Every comment of this dataset has a touchpoint.",
        "fa": "همه نظرهای این مجموعه‌داده نقطه تماس دارند.",
    },
    "comments_in.to_voice": {"en": "Back to the voice of the customer", "fa": "بازگشت به صدای مشتری"},
    "comments_in.voice_unassigned": {
        "en": "{n} comments have no touchpoint and count in no touchpoint's numbers. Assign them:",
        "fa": "{n} نظر نقطه تماس ندارد و در شمار هیچ نقطه تماسی نمی‌آید. نقطه تماسشان را تعیین کنید:",
    },
    "comments_in.unassigned_in": {"en": "{n} without a touchpoint", "fa": "{n} بی‌نقطه تماس"},
}
