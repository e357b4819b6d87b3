"""Messages of database sources (a dataset fed from a SQL query on PostgreSQL or MySQL/MariaDB): their pages,
the command line's and their errors, in English and Persian."""

from __future__ import annotations

SOURCES_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "source.bad_kind": {
        "en": "{kind} is not a kind of database source; use one of {allowed}.",
        "fa": "{kind} نوعی از منبع پایگاه داده نیست؛ یکی از {allowed} را به کار ببرید.",
    },
    "source.bad_url": {
        "en": "The connection URL is not one Safar can read. Write it as `postgresql://user:password@host:5432/database` "
        "or `mysql://user:password@host:3306/database`, or fill in the host, database, user and password instead.",
        "fa": "نشانی اتصال را سفر نمی‌تواند بخواند. آن را به شکل `postgresql://user:password@host:5432/database` "
        "یا `mysql://user:password@host:3306/database` بنویسید، یا به جای آن میزبان، پایگاه داده، کاربر و گذرواژه را پر کنید.",
    },
    "source.url_kind": {
        "en": "The URL is for `{scheme}`, not for a {kind} source. Choose the kind that matches the server.",
        "fa": "این نشانی برای `{scheme}` است، نه برای منبعی از نوع {kind}. نوعی را برگزینید که با کارساز جور است.",
    },
    "source.bad_host": {
        "en": "“{host}” is not a server's name or address. Give it as a name (db.example.com), an IPv4 address "
        "(10.0.0.5) or an IPv6 address.",
        "fa": "«{host}» نام یا نشانی یک کارساز نیست. آن را به شکل نام (db.example.com)، نشانی IPv4 "
        "(10.0.0.5) یا نشانی IPv6 بدهید.",
    },
    "source.incomplete": {
        "en": "The connection has no {missing}: give the server's host and the database's name.",
        "fa": "در اتصال {missing} نیست: میزبان کارساز و نام پایگاه داده را بدهید.",
    },
    "source.failed": {
        "en": "The database source `{source}` could not be read: `{detail}`. Check the host, user, password and "
        "query (the password is never shown).",
        "fa": "منبع پایگاه داده `{source}` خوانده نشد: `{detail}`. میزبان، کاربر، گذرواژه و پرس‌وجو را بررسی کنید "
        "(گذرواژه هرگز نشان داده نمی‌شود).",
    },
    "source.no_query": {
        "en": "The query is empty: write the SELECT whose rows are the events.",
        "fa": "پرس‌وجو خالی است: دستور `SELECT` را بنویسید که سطرهایش رویدادها هستند.",
    },
    "source.no_rows": {
        "en": "The query of `{source}` returned no rows: nothing was loaded.",
        "fa": "پرس‌وجوی `{source}` هیچ سطری برنگرداند: چیزی بارگذاری نشد.",
    },
    "source.mixed_types": {
        "en": "A column of the query's result changed type between rows (`{expected}`, then `{found}`). "
        "Cast it to one type in the query.",
        "fa": "ستونی از نتیجه پرس‌وجو میان سطرها نوعش عوض شد (`{expected}`، سپس `{found}`). "
        "در پرس‌وجو آن را به یک نوع تبدیل کنید.",
    },
    "source.bad_role": {
        "en": "{role} is not a column role; the roles are {allowed}.",
        "fa": "{role} نقش ستون نیست؛ نقش‌ها {allowed} هستند.",
    },
    "source.not_found": {
        "en": "No database source {source} in this workspace. Run `safar events source list` to see them.",
        "fa": "منبع پایگاه داده {source} در این فضای کاری نیست. برای دیدن منبع‌ها `safar events source list` را اجرا کنید.",
    },
    "source.cannot_open": {
        "en": "The connection of this database source cannot be opened: it was saved with another secret key "
        "(SAFAR_SECRET_KEY or SAFAR_HOME/secret_key changed). Remove the source and add it again.",
        "fa": "اتصال این منبع پایگاه داده باز نمی‌شود: با کلید مخفی دیگری ذخیره شده است "
        "(`SAFAR_SECRET_KEY` یا `SAFAR_HOME/secret_key` عوض شده). منبع را حذف و دوباره اضافه کنید.",
    },
    # The pages
    "sources.title": {"en": "Database sources", "fa": "منبع‌های پایگاه داده"},
    "sources.one_title": {"en": "Database source", "fa": "منبع پایگاه داده"},
    "sources.intro": {
        "en": "A dataset fed from a query on your PostgreSQL or MySQL/MariaDB database, pulled when you ask and on "
        "a schedule. Each pull loads only the events not loaded before; rows that cannot be read go to the "
        "dataset's quarantine, as with a file.",
        "fa": "مجموعه‌داده‌ای که از پرس‌وجویی روی پایگاه داده شما پر می‌شود، هر وقت بخواهید و طبق زمان‌بندی. "
        "هر بار فقط رویدادهایی بارگذاری می‌شوند که پیش‌تر نبوده‌اند؛ سطرهایی که خوانده نشوند، مانند پرونده، "
        "به قرنطینه مجموعه‌داده می‌روند.",
    },
    "sources.none": {"en": "No database source yet.", "fa": "هنوز منبع پایگاه داده‌ای نیست."},
    "sources.removed": {
        "en": "The source was removed; its dataset and what it loaded stay.",
        "fa": "منبع حذف شد؛ مجموعه‌داده‌اش و آنچه بارگذاری کرده بود می‌ماند.",
    },
    "sources.saved": {"en": "Saved.", "fa": "ذخیره شد."},
    "sources.col.dataset": {"en": "Dataset", "fa": "مجموعه‌داده"},
    "sources.col.where": {"en": "Server and database", "fa": "کارساز و پایگاه داده"},
    "sources.col.query": {"en": "Query", "fa": "پرس‌وجو"},
    "sources.col.schedule": {"en": "Pulled", "fa": "دریافت"},
    "sources.col.last_pull": {"en": "Last pull", "fa": "آخرین دریافت"},
    "sources.kind.postgres": {"en": "`PostgreSQL`", "fa": "`PostgreSQL`"},
    "sources.kind.mysql": {"en": "`MySQL` or `MariaDB`", "fa": "`MySQL` یا `MariaDB`"},
    "sources.option.postgres": {"en": "PostgreSQL", "fa": "PostgreSQL"},
    "sources.option.mysql": {"en": "MySQL / MariaDB", "fa": "MySQL / MariaDB"},
    "sources.every": {"en": "every {n} minutes", "fa": "هر {n} دقیقه"},
    "sources.on_demand": {"en": "when asked", "fa": "هر وقت خواسته شود"},
    "sources.never": {"en": "not yet pulled", "fa": "هنوز دریافت نشده"},
    "sources.next": {"en": "next:", "fa": "بعدی:"},
    "sources.pull": {"en": "Pull now", "fa": "اکنون دریافت کن"},
    "sources.remove": {"en": "Remove", "fa": "حذف"},
    "sources.add": {"en": "Add a database source", "fa": "افزودن منبع پایگاه داده"},
    "sources.read_only": {
        "en": "Give a database user that may only read: the query runs in a read-only transaction, but what "
        "that user may read, Safar may read. The password is kept encrypted with this installation's secret key.",
        "fa": "کاربری از پایگاه داده بدهید که فقط اجازه خواندن دارد: پرس‌وجو در تراکنشی فقط‌خواندنی اجرا می‌شود، "
        "اما هرچه آن کاربر بتواند بخواند سفر هم می‌تواند. گذرواژه با کلید مخفی همین نصب رمزنگاری‌شده نگه داشته می‌شود.",
    },
    "sources.kind": {"en": "Kind", "fa": "نوع"},
    "sources.connection": {"en": "Connection", "fa": "اتصال"},
    "sources.host": {"en": "Host", "fa": "میزبان"},
    "sources.port": {"en": "Port (blank: the usual one)", "fa": "درگاه (خالی: همان معمول)"},
    "sources.database": {"en": "Database", "fa": "پایگاه داده"},
    "sources.user": {"en": "User", "fa": "کاربر"},
    "sources.password": {"en": "Password", "fa": "گذرواژه"},
    "sources.or_url": {
        "en": "Or the whole connection as one URL (then the fields above are not read):",
        "fa": "یا کل اتصال به صورت یک نشانی (آن‌گاه خانه‌های بالا خوانده نمی‌شوند):",
    },
    "sources.url": {"en": "Connection URL", "fa": "نشانی اتصال"},
    "sources.query": {"en": "Query", "fa": "پرس‌وجو"},
    "sources.every_label": {"en": "Pull every … minutes", "fa": "دریافت هر … دقیقه"},
    "sources.every_help": {
        "en": "Blank: only when someone pulls it. At least {least} minutes; the server pulls it while it runs.",
        "fa": "خالی: فقط وقتی کسی آن را دریافت کند. دست‌کم {least} دقیقه؛ کارساز سفر تا روشن است آن را دریافت می‌کند.",
    },
    "sources.add_button": {"en": "Try the connection and add", "fa": "آزمودن اتصال و افزودن"},
    "sources.added_by": {"en": "Added by", "fa": "افزوده به دست"},
    "sources.mapping": {"en": "Columns and times", "fa": "ستون‌ها و زمان‌ها"},
    "sources.mapping_intro": {
        "en": "The first rows of the query as the import reads them, with the column Safar reads as the customer, "
        "the activity and the time. Change them here; the next pull reads them so.",
        "fa": "چند سطر نخست پرس‌وجو همان‌گونه که بارگذاری می‌خواند، با ستونی که سفر مشتری، فعالیت و زمان می‌خواند. "
        "اینجا عوضشان کنید؛ دریافت بعدی همین‌گونه می‌خواند.",
    },
    "sources.save": {"en": "Save", "fa": "ذخیره"},
    # The audit log
    "admin.action.source.create": {"en": "added a database source for", "fa": "منبع پایگاه داده افزود برای"},
    "admin.action.source.change": {
        "en": "changed the database source of",
        "fa": "منبع پایگاه داده را تغییر داد برای",
    },
    "admin.action.source.pull": {
        "en": "pulled the database source of",
        "fa": "منبع پایگاه داده را دریافت کرد برای",
    },
    "admin.action.source.remove": {
        "en": "removed the database source of",
        "fa": "منبع پایگاه داده را حذف کرد برای",
    },
    # The command line
    "ui.source_added": {
        "en": "Source {id} added: {shown} → {dataset}.",
        "fa": "منبع {id} افزوده شد: {shown} ← {dataset}.",
    },
    "ui.source_removed": {"en": "Source {id} removed.", "fa": "منبع {id} حذف شد."},
    "ui.no_sources": {
        "en": "No database source in this workspace.",
        "fa": "منبع پایگاه داده‌ای در این فضای کاری نیست.",
    },
    "ui.source_no_rows": {"en": "The query returned no rows.", "fa": "پرس‌وجو هیچ سطری برنگرداند."},
}
