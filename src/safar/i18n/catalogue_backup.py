"""Messages of backing up and restoring a whole installation (``backup.*``), in English and Persian."""

from __future__ import annotations

BACKUP_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "backup.file_not_found": {
        "en": "{file}: no such backup file. Check the path.",
        "fa": "{file}: چنین فایل پشتیبانی وجود ندارد. مسیر را بررسی کنید.",
    },
    "backup.file_exists": {
        "en": "{file} already exists; nothing was written. Choose another name, or add --force to replace it.",
        "fa": "{file} از پیش وجود دارد؛ چیزی نوشته نشد. نام دیگری برگزینید، یا برای جایگزینی آن ‎--force را بیفزایید.",
    },
    "backup.nothing": {
        "en": "There is nothing to back up: the app database {url} has no Safar tables yet.",
        "fa": "چیزی برای پشتیبان‌گیری نیست: پایگاه داده برنامه {url} هنوز جدول‌های سفر را ندارد.",
    },
    "backup.database_newer": {
        "en": "The app database {url} is at schema revision {revision}, newer than this Safar knows (latest {head}). "
        "Back it up with the Safar that upgraded it.",
        "fa": "پایگاه داده برنامه {url} در نسخه طرح {revision} است که از آخرین نسخه‌ای که این سفر می‌شناسد ({head}) تازه‌تر است. "
        "با همان سفری که آن را به‌روز کرده پشتیبان بگیرید.",
    },
    "backup.not_a_backup": {
        "en": "{file} is not a Safar backup (a .tar.gz file with a manifest.json): {problem}. Nothing was restored.",
        "fa": "{file} پشتیبان سفر نیست (فایل ‎.tar.gz با manifest.json): {problem}. چیزی بازیابی نشد.",
    },
    "backup.no_manifest": {
        "en": "{file} is not a Safar backup: it holds no readable manifest.json of one. Nothing was restored.",
        "fa": "{file} پشتیبان سفر نیست: فایل manifest.json خوانایی از یک پشتیبان در آن نیست. چیزی بازیابی نشد.",
    },
    "backup.unexpected_member": {
        "en": "{file} holds {member}, which a Safar backup never contains. Nothing was restored.",
        "fa": "{file} دارای {member} است که هیچ پشتیبان سفری ندارد. چیزی بازیابی نشد.",
    },
    "backup.missing_member": {
        "en": "{file} lacks {member}, which its manifest lists: the file is incomplete. Nothing was restored.",
        "fa": "{file} فاقد {member} است که در فهرست آن آمده: فایل ناقص است. چیزی بازیابی نشد.",
    },
    "backup.newer_format": {
        "en": "{file} is a backup of format {found}; this Safar reads format {known} at most. "
        "Restore it with Safar {version} or later.",
        "fa": "{file} پشتیبانی با قالب {found} است؛ این سفر حداکثر قالب {known} را می‌خواند. "
        "آن را با سفر {version} یا تازه‌تر بازیابی کنید.",
    },
    "backup.newer_schema": {
        "en": "{file} was made by Safar {version} at schema revision {revision}, newer than this Safar knows "
        "(latest {head}). Upgrade Safar to version {version} or later, then restore. Nothing was restored.",
        "fa": "{file} با سفر {version} در نسخه طرح {revision} ساخته شده که از آخرین نسخه‌ای که این سفر می‌شناسد "
        "({head}) تازه‌تر است. سفر را به نسخه {version} یا تازه‌تر ارتقا دهید و سپس بازیابی کنید. چیزی بازیابی نشد.",
    },
    "backup.unknown_column": {
        "en": "{file}: table {table}, line {line} has column {column}, which that table does not have at "
        "schema revision {revision}. Nothing was restored.",
        "fa": "{file}: جدول {table}، خط {line} ستون {column} را دارد که آن جدول در نسخه طرح {revision} ندارد. "
        "چیزی بازیابی نشد.",
    },
    "backup.bad_row": {
        "en": "{file}: table {table}, line {line} is not a row of JSON: {problem}. Nothing was restored.",
        "fa": "{file}: جدول {table}، خط {line} سطر خوانایی نیست: {problem}. چیزی بازیابی نشد.",
    },
    "backup.row_count": {
        "en": "{file}: table {table} should have {expected} rows but {found} were read; the file is damaged. "
        "Nothing was restored.",
        "fa": "{file}: جدول {table} باید {expected} سطر داشته باشد اما {found} سطر خوانده شد؛ فایل آسیب دیده است. "
        "چیزی بازیابی نشد.",
    },
    "backup.tables_differ": {
        "en": "{file}: the app database tables {found} do not match those of schema revision {revision} "
        "({expected}). Nothing was restored.",
        "fa": "{file}: جدول‌های پایگاه داده برنامه ({found}) با جدول‌های نسخه طرح {revision} ({expected}) "
        "یکی نیست. چیزی بازیابی نشد.",
    },
    "backup.not_empty": {
        "en": "This installation already holds data ({found}) in {target}. Restoring replaces all of it: "
        "run again with --force to do so, or point SAFAR_HOME and SAFAR_DATABASE_URL at an empty one.",
        "fa": "این نصب هم‌اکنون داده دارد ({found}) در {target}. بازیابی همه آن را جایگزین می‌کند: "
        "برای این کار دوباره با ‎--force اجرا کنید، یا پوشه خانه و نشانی پایگاه داده را به نصبی خالی بدهید.",
    },
    "backup.spark_warehouse": {
        "en": "The warehouse is on Spark ({url}); Safar backs up only its own DuckDB warehouse. "
        "Copy the folder {path} with your usual file tools while nothing writes to it.",
        "fa": "انبار داده روی اسپارک است ({url})؛ سفر تنها از انبار داده داک‌دی‌بی خودش پشتیبان می‌گیرد. "
        "پوشه {path} را هنگامی که چیزی در آن نمی‌نویسد با ابزارهای معمول خود رونوشت کنید.",
    },
    "backup.warehouse_url": {
        "en": "The warehouse {url} is not a DuckDB file; Safar backs up only its own DuckDB warehouse. "
        "Back it up with that database's own tools.",
        "fa": "انبار داده {url} فایل داک‌دی‌بی نیست؛ سفر تنها از انبار داده داک‌دی‌بی خودش پشتیبان می‌گیرد. "
        "با ابزارهای خود آن پایگاه داده پشتیبان بگیرید.",
    },
    # What the commands print
    "backup.written": {
        "en": "Backed up to {file} ({size} MB).",
        "fa": "پشتیبان در {file} نوشته شد ({size} مگابایت).",
    },
    "backup.restored": {
        "en": "Restored {file}, made {created} by Safar {version}.",
        "fa": "{file} بازیابی شد؛ ساخته‌شده در {created} با سفر {version}.",
    },
    "backup.part_database": {
        "en": "App database ({dialect}, schema revision {revision}): {rows} rows in {tables} tables.",
        "fa": "پایگاه داده برنامه ({dialect}، نسخه طرح {revision}): {rows} سطر در {tables} جدول.",
    },
    "backup.part_upgraded": {
        "en": "The app database was upgraded from schema revision {revision} to {head}.",
        "fa": "پایگاه داده برنامه از نسخه طرح {revision} به {head} ارتقا یافت.",
    },
    "backup.part_warehouse": {
        "en": "Warehouse: {rows} rows in {tables} tables.",
        "fa": "انبار داده: {rows} سطر در {tables} جدول.",
    },
    "backup.part_no_warehouse": {
        "en": "Warehouse: none yet.",
        "fa": "انبار داده: هنوز ساخته نشده.",
    },
    "backup.part_home": {
        "en": "Files of the home folder: {files}.",
        "fa": "فایل‌های پوشه خانه: {files}.",
    },
    "backup.part_no_home": {
        "en": "Files of the home folder: none (the secret key may come from SAFAR_SECRET_KEY).",
        "fa": "فایل‌های پوشه خانه: هیچ (شاید کلید مخفی از متغیر محیطی SAFAR_SECRET_KEY می‌آید).",
    },
}
