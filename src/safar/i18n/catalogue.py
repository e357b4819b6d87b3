"""Every message Safar shows, in Persian and English, keyed by a stable code.

Errors use their error code; labels of the terminal and web use ``ui.*`` codes.
A test checks that every code has both languages and the same placeholders.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Files
    "file.not_found": {
        "en": "{source}: no such file. Check the path.",
        "fa": "{source}: چنین فایلی وجود ندارد. مسیر را بررسی کنید.",
    },
    "file.is_directory": {
        "en": "{source} is a folder; give the path of a map file (.yaml or .json).",
        "fa": "{source} یک پوشه است؛ مسیر یک فایل نقشه (.yaml یا .json) را بدهید.",
    },
    "file.too_large": {
        "en": "{source} is {size_mb} MB; a map file may be at most {limit_mb} MB. Is it really a journey map?",
        "fa": "حجم {source} برابر {size_mb} مگابایت است؛ فایل نقشه حداکثر {limit_mb} مگابایت می‌تواند باشد. آیا واقعاً نقشه سفر است؟",
    },
    "file.binary": {
        "en": "{source} is a binary file, not YAML or JSON text. Nothing was saved.",
        "fa": "{source} فایل دودویی است، نه متن YAML یا JSON. چیزی ذخیره نشد.",
    },
    "file.not_utf8": {
        "en": "{source} line {line} (byte {byte}) is not UTF-8 text. Save the file as UTF-8 and try again.",
        "fa": "{source} در خط {line} (بایت {byte}) متن UTF-8 نیست. فایل را با کدگذاری UTF-8 ذخیره کنید و دوباره تلاش کنید.",
    },
    "file.bad_yaml": {
        "en": "{source} line {line}, column {column}: not valid YAML: {problem}. Nothing was saved.",
        "fa": "{source} خط {line}، ستون {column}: YAML معتبر نیست: {problem}. چیزی ذخیره نشد.",
    },
    "file.too_deep": {
        "en": "{source}: lists and mappings nest deeper than {limit} levels, which no map does. Nothing was saved.",
        "fa": "{source}: فهرست‌ها و نگاشت‌ها بیش از {limit} لایه تودرتو هستند، که در هیچ نقشه‌ای نیست. چیزی ذخیره نشد.",
    },
    "file.bad_json": {
        "en": "{source} line {line}, column {column}: not valid JSON: {problem}. Nothing was saved.",
        "fa": "{source} خط {line}، ستون {column}: JSON معتبر نیست: {problem}. چیزی ذخیره نشد.",
    },
    # The installation's folder (safar.home)
    "home.made_private": {
        "en": "Made {files} file(s) in {home} readable by this account only; removed {spools} spool(s) that stopped ingestions left behind.",
        "fa": "{files} فایل در {home} فقط برای همین حساب خواندنی شد؛ {spools} پوشهٔ موقتِ به‌جامانده از بارگذاری‌های نیمه‌کاره پاک شد.",
    },
    # Maps
    "map.invalid": {
        "en": "{source}: {count} problem(s) in the journey map; nothing was saved.",
        "fa": "{source}: {count} مشکل در نقشه سفر؛ چیزی ذخیره نشد.",
    },
    "map.not_found": {
        "en": "No journey map with id {map_id} in this workspace. Run `safar map list` to see the maps.",
        "fa": "نقشه سفری با شناسه {map_id} در این فضای کاری نیست. برای دیدن نقشه‌ها `safar map list` را اجرا کنید.",
    },
    "revision.not_found": {
        "en": "Map {map_id} has no revision {revision}; its revisions are 1 to {head}.",
        "fa": "نقشه {map_id} نسخه {revision} ندارد؛ نسخه‌های آن ۱ تا {head} است.",
    },
    "map.conflict": {
        "en": "Map {map_id} has changed since revision {base}: the latest is revision {head}. Nothing was saved. "
        "Export the latest (`safar map export {map_id}`), merge your edits and import again with "
        "`--base-revision {head}`.",
        "fa": "نقشه {map_id} پس از نسخه {base} تغییر کرده و آخرین نسخه {head} است. چیزی ذخیره نشد. "
        "آخرین نسخه را صادر کنید (`safar map export {map_id}`)، تغییرات خود را ادغام کنید و با "
        "`--base-revision {head}` دوباره وارد کنید.",
    },
    "dataset.other_workspace": {
        "en": "The dataset name '{dataset}' is taken: an installation's workspaces share one store of data, so "
        "each name is used once. Choose another name for workspace '{workspace}'.",
        "fa": "نام مجموعه داده «{dataset}» پیش‌تر گرفته شده است: فضاهای کاری یک نصب انبار داده مشترکی دارند و هر "
        "نام یک بار به کار می‌رود. برای فضای کاری «{workspace}» نام دیگری انتخاب کنید.",
    },
    "dataset.not_in_workspace": {
        "en": "Workspace '{workspace}' has no dataset '{dataset}'. Its datasets: {known}. Ingest events with `safar events ingest FILE --dataset NAME`.",
        "fa": "فضای کاری «{workspace}» مجموعه داده «{dataset}» ندارد. مجموعه داده‌های آن: {known}. رویدادها را با `safar events ingest FILE --dataset NAME` وارد کنید.",
    },
    "journeys.level": {
        "en": "Unknown level '{level}'; use one of: {allowed}.",
        "fa": "سطح «{level}» شناخته نیست؛ یکی از این‌ها: {allowed}.",
    },
    "template.unknown": {
        "en": "There is no template '{template}'; choose one of: {allowed}.",
        "fa": "الگویی با نام «{template}» نیست؛ یکی از این‌ها را انتخاب کنید: {allowed}.",
    },
    "lang.unknown": {
        "en": "Unknown language '{lang}'; use one of: {allowed}.",
        "fa": "زبان «{lang}» شناخته نیست؛ یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "channel.exists": {
        "en": "The channel '{channel}' is already in the catalogue.",
        "fa": "کانال «{channel}» از قبل در فهرست کانال‌ها هست.",
    },
    "channel.invalid": {
        "en": "The channel is not valid: {problem}",
        "fa": "کانال معتبر نیست: {problem}",
    },
    # Accounts
    "role.unknown": {
        "en": "Unknown role '{role}'; use one of: {allowed}.",
        "fa": "نقش «{role}» شناخته نیست؛ یکی از این‌ها: {allowed}.",
    },
    "user.bad_username": {
        "en": "'{username}' is not a usable user name (1 to 100 characters).",
        "fa": "«{username}» نام کاربری مناسبی نیست (۱ تا ۱۰۰ نویسه).",
    },
    "user.short_password": {
        "en": "The password must have at least {minimum} characters.",
        "fa": "گذرواژه باید دست‌کم {minimum} نویسه باشد.",
    },
    "user.exists": {
        "en": "A user named '{username}' already exists.",
        "fa": "کاربری با نام «{username}» از پیش وجود دارد.",
    },
    "user.not_found": {"en": "No user named '{username}'.", "fa": "کاربری با نام «{username}» نیست."},
    "workspace.not_found": {
        "en": "There is no workspace '{workspace}' that you belong to.",
        "fa": "فضای کاری «{workspace}» که عضو آن باشید وجود ندارد.",
    },
    "auth.required": {"en": "Please log in.", "fa": "لطفاً وارد شوید."},
    "auth.bad_login": {"en": "Wrong user name or password.", "fa": "نام کاربری یا گذرواژه نادرست است."},
    "auth.forbidden": {
        "en": "Your role in workspace '{workspace}' does not allow this ({needed} needed).",
        "fa": "نقش شما در فضای کاری «{workspace}» اجازه این کار را نمی‌دهد (نقش {needed} لازم است).",
    },
    "auth.csrf": {
        "en": "The form has expired or did not come from this site. Reload the page and try again.",
        "fa": "فرم منقضی شده یا از این سایت نیامده است. صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.",
    },
    "auth.bad_token": {"en": "The API token is not valid.", "fa": "توکن API معتبر نیست."},
    "upload.too_large": {
        "en": "The upload is {size_mb} MB; at most {limit_mb} MB is accepted.",
        "fa": "حجم فایل {size_mb} مگابایت است؛ حداکثر {limit_mb} مگابایت پذیرفته می‌شود.",
    },
    "edit.unknown_stage": {
        "en": "The map has no stage '{stage}'. Reload the map; someone may have removed it.",
        "fa": "نقشه مرحله‌ای با شناسه «{stage}» ندارد. نقشه را دوباره بارگذاری کنید؛ شاید کسی آن را حذف کرده باشد.",
    },
    "edit.unknown_touchpoint": {
        "en": "The map has no touchpoint '{touchpoint}'. Reload the map; someone may have removed it.",
        "fa": "نقشه نقطه تماسی با شناسه «{touchpoint}» ندارد. نقشه را دوباره بارگذاری کنید؛ شاید کسی آن را حذف کرده باشد.",
    },
    "edit.bad_value": {
        "en": "That value cannot be used: {problem}",
        "fa": "این مقدار قابل استفاده نیست: {problem}",
    },
    "export.format": {
        "en": "Cannot export as '{format}'; choose one of: {allowed}.",
        "fa": "خروجی با قالب «{format}» ممکن نیست؛ یکی از این‌ها را انتخاب کنید: {allowed}.",
    },
    "edit.unknown_persona": {
        "en": "The map has no persona '{persona}'. Its personas: {allowed}. Reload the map; someone may have removed it.",
        "fa": "نقشه پرسونایی با شناسه «{persona}» ندارد. پرسوناهای آن: {allowed}. نقشه را دوباره بارگذاری کنید؛ شاید کسی آن را حذف کرده باشد.",
    },
    "edit.bad_data_segment": {
        "en": "“{part}” is not a condition of the form KEY=VALUE. Write who the persona is in the data as conditions on the customers' event attributes, separated by ; (e.g. segment=returning; plan=gold).",
        "fa": "«{part}» شرطی به شکل «ویژگی=مقدار» نیست. این‌که پرسونا در داده‌ها چه کسی است را به شکل شرط‌هایی روی ویژگی‌های رویدادهای مشتریان بنویسید، جداشده با ; (مثلاً segment=returning; plan=gold).",
    },
    "edit.persona_needs_name": {
        "en": "A persona needs a name: write one (e.g. “Sara, a first-time buyer”).",
        "fa": "پرسونا نام لازم دارد: نامی بنویسید (مثلاً «سارا، خریدار بار اول»).",
    },
    "edit.bad_field": {
        "en": "The field '{field}' cannot be edited here.",
        "fa": "فیلد «{field}» اینجا قابل ویرایش نیست.",
    },
    # Comments: row reasons and the ingest report (their errors are in catalogue_voice)
    "feedback.empty_text": {"en": "the comment is empty", "fa": "متن نظر خالی است"},
    "feedback.text_too_long": {
        "en": "the comment is longer than 20,000 characters, the most Safar reads as one comment: split it or leave it out",
        "fa": "متن نظر از ۲۰٬۰۰۰ نویسه، بیشترین اندازه‌ای که سفر یک نظر می‌خواند، بلندتر است: آن را بخش کنید یا کنار بگذارید",
    },
    "feedback.unknown_touchpoint": {
        "en": "not a touchpoint of the map (give its id or exact name)",
        "fa": "نقطه تماسی در نقشه نیست (شناسه یا نام دقیق آن را بدهید)",
    },
    "feedback.bad_time": {
        "en": "not a time Safar reads: write ISO 8601 (2024-03-01 14:30), a Jalali date (1402/05/14 10:30), "
        "or give its layout with --time-format",
        "fa": "زمانی نیست که سفر بخواند: آن را `ISO 8601` (`2024-03-01 14:30`) یا تاریخ شمسی (`1402/05/14 10:30`) "
        "بنویسید یا چیدمانش را با `--time-format` بدهید",
    },
    "feedback.report": {
        "en": "{loaded} comments loaded, {duplicates} already there, {rejected} rejected (of {read} read).",
        "fa": "{loaded} نظر بارگذاری شد، {duplicates} از پیش بود، {rejected} رد شد (از {read} سطر).",
    },
    # Configuration
    "config.database_url": {
        "en": "SAFAR_DATABASE_URL={url} is not supported; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB.",
        "fa": "SAFAR_DATABASE_URL={url} پشتیبانی نمی‌شود؛ از sqlite:///PATH یا postgresql+psycopg://USER@HOST/DB استفاده کنید.",
    },
    "config.memory": {
        "en": "{name}={value} is not an amount of memory; write a number and a unit, e.g. {name}=3GB or {name}=512MB.",
        "fa": "{name}={value} مقدار حافظه نیست؛ عدد و واحد بنویسید، مثلاً {name}=3GB یا {name}=512MB.",
    },
    "config.seconds": {
        "en": "{name}={value} is not a number of seconds; write a number ≥ 0, e.g. {name}=2.",
        "fa": "{name}={value} تعداد ثانیه نیست؛ عددی بزرگ‌تر یا برابر صفر بنویسید، مثلاً {name}=2.",
    },
    "config.database_unreachable": {
        "en": "Cannot open the app database {url}: {problem}. Is the server running and the URL right?",
        "fa": "پایگاه داده برنامه {url} باز نشد: {problem}. آیا سرور روشن و نشانی درست است؟",
    },
    # Validation problems (one line each in `safar map validate`)
    "problem.missing": {"en": "required field is missing", "fa": "فیلد الزامی وجود ندارد"},
    "problem.extra_forbidden": {"en": "unknown field", "fa": "فیلد ناشناخته"},
    "problem.unknown_channel": {"en": "unknown channel", "fa": "کانال ناشناخته"},
    "problem.duplicate_id": {"en": "duplicate id", "fa": "شناسه تکراری"},
    "problem.nul_character": {
        "en": "holds a NUL character (\\u0000), which no text may hold",
        "fa": "نویسهٔ تهی (\\u0000) دارد که هیچ متنی نمی‌تواند داشته باشد",
    },
    "problem.too_deep": {"en": "nested too deeply to be a map", "fa": "برای نقشه بودن بیش از حد تودرتو است"},
    "problem.unknown_touchpoint": {
        "en": "not a touchpoint of the base map",
        "fa": "نقطه تماسی در نقشه پایه نیست",
    },
    "problem.enum": {"en": "not an allowed value", "fa": "مقدار مجاز نیست"},
    "problem.literal_error": {"en": "not an allowed value", "fa": "مقدار مجاز نیست"},
    "problem.string_pattern_mismatch": {"en": "wrong form", "fa": "شکل نادرست"},
    "problem.string_too_short": {"en": "must not be empty", "fa": "نباید خالی باشد"},
    "problem.string_type": {"en": "must be text", "fa": "باید متن باشد"},
    "problem.list_type": {"en": "must be a list", "fa": "باید فهرست باشد"},
    "problem.model_type": {"en": "must be a mapping", "fa": "باید نگاشت (کلید: مقدار) باشد"},
    "problem.dict_type": {"en": "must be a mapping", "fa": "باید نگاشت (کلید: مقدار) باشد"},
    "problem.int_parsing": {"en": "must be a whole number", "fa": "باید عدد صحیح باشد"},
    "problem.int_type": {"en": "must be a whole number", "fa": "باید عدد صحیح باشد"},
    "problem.float_parsing": {"en": "must be a number", "fa": "باید عدد باشد"},
    "problem.greater_than_equal": {"en": "too small", "fa": "بیش از حد کوچک"},
    "problem.less_than_equal": {"en": "too large", "fa": "بیش از حد بزرگ"},
    "problem.too_short": {"en": "needs at least one entry", "fa": "دست‌کم یک مورد لازم است"},
    "problem.value_error": {"en": "not valid", "fa": "معتبر نیست"},
    "problem.greater_than": {"en": "too small", "fa": "بیش از حد کوچک"},
    "problem.less_than": {"en": "too large", "fa": "بیش از حد بزرگ"},
    "problem.string_too_long": {"en": "too long", "fa": "بیش از حد بلند"},
    "problem.too_long": {"en": "too many entries", "fa": "موردها بیش از حد زیاد است"},
    "problem.int_from_float": {"en": "must be a whole number", "fa": "باید عدد صحیح باشد"},
    "problem.float_type": {"en": "must be a number", "fa": "باید عدد باشد"},
    "problem.bool_parsing": {"en": "must be yes or no", "fa": "باید بله یا خیر باشد"},
    "problem.datetime_parsing": {
        "en": "must be a date and time (ISO 8601)",
        "fa": "باید تاریخ و زمان باشد (ISO 8601)",
    },
    "problem.datetime_from_date_parsing": {
        "en": "must be a date and time (ISO 8601)",
        "fa": "باید تاریخ و زمان باشد (ISO 8601)",
    },
    "problem.json_invalid": {"en": "not valid JSON", "fa": "JSON معتبر نیست"},
    "problem.not_a_mapping": {
        "en": "the document must be a mapping",
        "fa": "سند باید نگاشت (کلید: مقدار) باشد",
    },
    # Terminal labels
    "ui.valid": {
        "en": "{source}: valid journey map ({stages} stages, {touchpoints} touchpoints).",
        "fa": "{source}: نقشه سفر معتبر ({stages} مرحله، {touchpoints} نقطه تماس).",
    },
    "ui.value": {"en": "value", "fa": "مقدار"},
    "ui.allowed": {"en": "allowed", "fa": "مجاز"},
    "ui.created_map": {"en": "Created map {map_id} (revision 1).", "fa": "نقشه {map_id} ساخته شد (نسخه ۱)."},
    "ui.saved_revision": {
        "en": "Map {map_id}: saved revision {revision} ({count} change(s)).",
        "fa": "نقشه {map_id}: نسخه {revision} ذخیره شد ({count} تغییر).",
    },
    "ui.no_change": {
        "en": "Map {map_id}: no changes; it stays at revision {revision}.",
        "fa": "نقشه {map_id}: تغییری نبود؛ در نسخه {revision} می‌ماند.",
    },
    "ui.changes_since": {"en": "Changes since revision {base}:", "fa": "تغییرات پس از نسخه {base}:"},
    "ui.no_maps": {
        "en": "No maps yet. Create one: `safar map new --template insurance --lang fa`",
        "fa": "هنوز نقشه‌ای نیست. یکی بسازید: `safar map new --template insurance --lang fa`",
    },
    "ui.initialised": {
        "en": "Safar is ready in {home} (workspace {workspace}, database {db}).",
        "fa": "سفر در {home} آماده است (فضای کاری {workspace}، پایگاه داده {db}).",
    },
    "ui.exported": {
        "en": "Wrote map {map_id} revision {revision} to {path}.",
        "fa": "نسخه {revision} نقشه {map_id} در {path} نوشته شد.",
    },
    "ui.no_diff": {"en": "No differences.", "fa": "تفاوتی نیست."},
    "ui.col_id": {"en": "id", "fa": "شناسه"},
    "ui.col_title": {"en": "title", "fa": "عنوان"},
    "ui.col_type": {"en": "type", "fa": "نوع"},
    "ui.col_lang": {"en": "language", "fa": "زبان"},
    "ui.col_revision": {"en": "revision", "fa": "نسخه"},
    "ui.col_updated": {"en": "updated", "fa": "به‌روزرسانی"},
    "ui.col_author": {"en": "author", "fa": "نویسنده"},
    "ui.col_time": {"en": "time", "fa": "زمان"},
    "ui.col_message": {"en": "message", "fa": "پیام"},
    "ui.col_name": {"en": "name", "fa": "نام"},
    "ui.col_kind": {"en": "kind", "fa": "گونه"},
    "ui.demo_ready": {
        "en": "Safar demo: open {url} and log in as '{user}' with the password {password}",
        "fa": "نسخه نمایشی سفر: نشانی {url} را باز کنید و با نام کاربری «{user}» و گذرواژه {password} وارد شوید",
    },
    "ui.demo_future": {
        "en": "Future state of the demo map, with targets to measure against today's data",
        "fa": "وضعیت آینده نقشه نمایشی، با هدف‌هایی برای سنجش در برابر داده‌های امروز",
    },
    "ui.demo_bound": {
        "en": "Bound every touchpoint to the synthetic demo events ({dataset})",
        "fa": "اتصال همه نقاط تماس به رویدادهای ساختگی نمایشی ({dataset})",
    },
    "ui.user_created": {
        "en": "User '{user}' can now log in ({role} of workspace {workspace}).",
        "fa": "کاربر «{user}» اکنون می‌تواند وارد شود ({role} فضای کاری {workspace}).",
    },
    "ui.user_granted": {
        "en": "'{user}' is now {role} of workspace {workspace}.",
        "fa": "«{user}» اکنون {role} فضای کاری {workspace} است.",
    },
    "ui.token_once": {
        "en": "Keep this token safe: it is shown only once.",
        "fa": "این توکن را امن نگه دارید: فقط یک بار نمایش داده می‌شود.",
    },
    "ui.demo_intro": {
        "en": "Demo workspace in {home}: map {map_id} from the insurance template. Try `safar map show {map_id}`.",
        "fa": "فضای کاری نمایشی در {home}: نقشه {map_id} از الگوی بیمه. `safar map show {map_id}` را امتحان کنید.",
    },
    # Map types and attribute labels
    "type.current_state": {"en": "current state", "fa": "وضعیت فعلی"},
    "type.day_in_the_life": {"en": "day in the life", "fa": "یک روز در زندگی"},
    "type.future_state": {"en": "future state", "fa": "وضعیت آینده"},
    "type.service_blueprint": {"en": "service blueprint", "fa": "نقشه خدمت (بلوپرینت)"},
    "attr.description": {"en": "Description", "fa": "توصیف"},
    "attr.customer_activity": {"en": "Customer activity", "fa": "فعالیت مشتری"},
    "attr.experience": {"en": "Experience & emotions", "fa": "تجربه و احساسات"},
    "attr.channel": {"en": "Channel", "fa": "روش تعامل"},
    "attr.expectations": {"en": "Wants & expectations", "fa": "خواسته‌ها و انتظارات"},
    "attr.emotion": {"en": "Emotion", "fa": "احساس"},
    "attr.owner": {"en": "Owner", "fa": "مالک"},
    "attr.pain_points": {"en": "Pain points", "fa": "نقاط درد"},
    "attr.opportunities": {"en": "Opportunities", "fa": "فرصت‌ها"},
    "attr.moment_of_truth": {"en": "Moment of truth", "fa": "لحظه حقیقت"},
    "attr.personas": {"en": "Personas", "fa": "پرسوناها"},
    "attr.stage": {"en": "Stage", "fa": "مرحله"},
    # Diff lines
    "diff.added": {"en": "+ {target} added ({name})", "fa": "+ {target} افزوده شد ({name})"},
    "diff.removed": {"en": "- {target} removed ({name})", "fa": "- {target} حذف شد ({name})"},
    "diff.moved": {
        "en": "~ {target} moved: {field} {before} → {after}",
        "fa": "~ {target} جابه‌جا شد: {field} {before} ← {after}",
    },
    "diff.changed": {
        "en": "* {target}: {field} changed from {before} to {after}",
        "fa": "* {target}: {field} از {before} به {after} تغییر کرد",
    },
    "diff.none": {"en": "none", "fa": "هیچ"},
    "diff.yes": {"en": "yes", "fa": "بله"},
    "diff.no": {"en": "no", "fa": "خیر"},
    "diff.items": {"en": "{n} item(s)", "fa": "{n} مورد"},
    "diff.conditions": {"en": "{n} condition(s)", "fa": "{n} شرط"},
    "diff.count_added": {"en": "{n} added", "fa": "{n} افزودن"},
    "diff.count_removed": {"en": "{n} removed", "fa": "{n} حذف"},
    "diff.count_moved": {"en": "{n} moved", "fa": "{n} جابه‌جایی"},
    "diff.count_changed": {"en": "{n} changed", "fa": "{n} تغییر"},
    # Field labels in the history (the five attributes and the rest are under attr.*)
    "field.position": {"en": "position", "fa": "جایگاه"},
    "field.stage": {"en": "stage", "fa": "مرحله"},
    "field.name": {"en": "name", "fa": "نام"},
    "field.title": {"en": "title", "fa": "عنوان"},
    "field.bind": {"en": "data binding", "fa": "اتصال به داده"},
    "field.metrics": {"en": "key metrics", "fa": "شاخص‌های کلیدی"},
    "field.improves": {"en": "improves", "fa": "بهبود می‌دهد"},
    "field.device": {"en": "device", "fa": "ابزار"},
    "field.questions": {"en": "questions", "fa": "پرسش‌ها"},
    "field.motivations": {"en": "motivations", "fa": "انگیزه‌ها"},
    "field.frontstage": {"en": "front stage", "fa": "پیش‌صحنه"},
    "field.backstage": {"en": "back stage", "fa": "پشت‌صحنه"},
    "field.support": {"en": "support processes", "fa": "فرایندهای پشتیبان"},
    "field.timeline": {"en": "timeline", "fa": "بازه زمانی"},
    "field.goal": {"en": "goal", "fa": "هدف"},
    "field.type": {"en": "map type", "fa": "نوع نقشه"},
    "field.data_segment": {"en": "who in the data", "fa": "چه کسانی در داده‌ها"},
    "field.photo": {"en": "photo", "fa": "عکس"},
    "diff.picture": {"en": "a picture", "fa": "یک تصویر"},
    "field.lang": {"en": "language", "fa": "زبان"},
    "field.start": {"en": "start", "fa": "آغاز"},
    "field.end": {"en": "end", "fa": "پایان"},
    "field.based_on": {"en": "based on", "fa": "بر پایهٔ"},
    "field.map": {"en": "map", "fa": "نقشه"},
    "field.revision": {"en": "revision", "fa": "نسخه"},
    "field.tags": {"en": "tags", "fa": "برچسب‌ها"},
    "field.scope": {"en": "scope", "fa": "دامنه"},
    "field.segment": {"en": "segment", "fa": "بخش مشتریان"},
    "field.quote": {"en": "in their own words", "fa": "به زبان خودش"},
    "field.demographics": {"en": "who they are", "fa": "چه کسی است"},
    "field.goals": {"en": "goals", "fa": "اهداف"},
    "field.pains": {"en": "pains", "fa": "دردها"},
    "field.triggers": {"en": "triggers", "fa": "محرک‌ها"},
    "field.note": {"en": "note", "fa": "یادداشت"},
    "field.evidence": {"en": "evidence", "fa": "شواهد"},
    "field.score": {"en": "score", "fa": "امتیاز"},
    "field.label": {"en": "label", "fa": "برچسب"},
    "field.contact_centre": {"en": "contact-centre roles", "fa": "نقش‌های مرکز تماس"},
    "field.enter": {"en": "joins the queue", "fa": "ورود به صف"},
    "field.answer": {"en": "answered", "fa": "پاسخ داده شد"},
    "field.abandon": {"en": "abandoned", "fa": "رها شد"},
    "field.reopen": {"en": "reopened", "fa": "بازگشایی شد"},
    "field.contact_col": {"en": "contact column", "fa": "ستون تماس"},
    "field.queue_col": {"en": "queue column", "fa": "ستون صف"},
    "field.agent_col": {"en": "agent column", "fa": "ستون کارشناس"},
    "field.sla": {"en": "service-level threshold", "fa": "آستانهٔ سطح خدمت"},
    "field.short_abandon": {"en": "short abandon", "fa": "رهاشدن کوتاه"},
    "field.repeat_within": {"en": "repeat within", "fa": "تکرار در بازهٔ"},
    "field.dataset": {"en": "dataset", "fa": "مجموعه‌داده"},
    "field.kind": {"en": "kind", "fa": "نوع"},
    "field.measure": {"en": "measure", "fa": "سنجه"},
    "field.target": {"en": "target", "fa": "هدف عددی"},
    "field.unit": {"en": "unit", "fa": "یکا"},
    "field.higher_is_better": {"en": "higher is better", "fa": "بیشتر بهتر است"},
    "field.needs": {"en": "needs", "fa": "نیازها"},
    "field.touchpoint": {"en": "touchpoint", "fa": "نقطه تماس"},
    "field.activity": {"en": "activity", "fa": "فعالیت"},
    "field.activity_in": {"en": "activities", "fa": "فعالیت‌ها"},
    "field.activity_regex": {"en": "activity pattern", "fa": "الگوی فعالیت"},
    "field.attributes": {"en": "attributes", "fa": "ویژگی‌ها"},
    "field.name_en": {"en": "English name", "fa": "نام انگلیسی"},
    "field.name_fa": {"en": "Persian name", "fa": "نام فارسی"},
    "field.who": {"en": "who or which study", "fa": "چه کسی یا کدام پژوهش"},
    "field.on": {"en": "date", "fa": "تاریخ"},
    "field.strength": {"en": "strength", "fa": "قوت"},
    "field.agreed": {"en": "how many agreed", "fa": "چند نفر هم‌نظر بودند"},
    "field.source": {"en": "source", "fa": "منبع"},
    "language.fa": {"en": "Persian", "fa": "فارسی"},
    "language.en": {"en": "English", "fa": "انگلیسی"},
    "msg.created": {"en": "Created", "fa": "ساخته شد"},
    "msg.imported": {"en": "Imported {file}", "fa": "از {file} وارد شد"},
    "msg.from_template": {
        "en": "Created from template {template} ({lang})",
        "fa": "ساخته شده از الگوی {template} ({lang})",
    },
    "msg.revert": {"en": "Revert to revision {revision}", "fa": "بازگشت به نسخه {revision}"},
    # Stored messages (i18n.message): a person's words and old stored texts are shown as written.
    "msg.text": {"en": "{text}", "fa": "{text}"},
    "msg.legacy": {"en": "{text}", "fa": "{text}"},
    "msg.summary": {"en": "{counts}", "fa": "{counts}"},
    "target.map": {"en": "map", "fa": "نقشه"},
    "target.stage": {"en": "stage", "fa": "مرحله"},
    "target.touchpoint": {"en": "touchpoint", "fa": "نقطه تماس"},
    "target.persona": {"en": "persona", "fa": "پرسونا"},
    "target.channel": {"en": "channel", "fa": "کانال"},
}

# Each feature keeps its messages in its own module; they are merged here, once.
from safar.i18n.catalogue_admin import ADMIN_MESSAGES  # noqa: E402
from safar.i18n.catalogue_alerts import ALERTS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_analytics import ANALYTICS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_backup import BACKUP_MESSAGES  # noqa: E402
from safar.i18n.catalogue_binding import BINDING_MESSAGES  # noqa: E402
from safar.i18n.catalogue_cases import CASES_MESSAGES  # noqa: E402
from safar.i18n.catalogue_contact import CONTACT_MESSAGES  # noqa: E402
from safar.i18n.catalogue_customer import CUSTOMER_MESSAGES  # noqa: E402
from safar.i18n.catalogue_customers import CUSTOMERS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_drill import DRILL_MESSAGES  # noqa: E402
from safar.i18n.catalogue_editor import EDITOR_MESSAGES  # noqa: E402
from safar.i18n.catalogue_events import EVENTS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_export import EXPORT_MESSAGES  # noqa: E402
from safar.i18n.catalogue_glossary import GLOSSARY_MESSAGES  # noqa: E402
from safar.i18n.catalogue_inputs import INPUT_MESSAGES  # noqa: E402
from safar.i18n.catalogue_insights import INSIGHTS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_kb import KB_MESSAGES  # noqa: E402
from safar.i18n.catalogue_kpis import KPIS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_portfolio import PORTFOLIO_MESSAGES  # noqa: E402
from safar.i18n.catalogue_readings import READINGS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_results import RESULTS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_retention import RETENTION_MESSAGES  # noqa: E402
from safar.i18n.catalogue_routing import ROUTING_MESSAGES  # noqa: E402
from safar.i18n.catalogue_screens import SCREENS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_sources import SOURCES_MESSAGES  # noqa: E402
from safar.i18n.catalogue_surveys import SURVEY_MESSAGES  # noqa: E402
from safar.i18n.catalogue_topics import TOPICS_MESSAGES  # noqa: E402
from safar.i18n.catalogue_uploads import UPLOAD_MESSAGES  # noqa: E402
from safar.i18n.catalogue_voice import VOICE_MESSAGES  # noqa: E402
from safar.i18n.catalogue_wait import WAIT_MESSAGES  # noqa: E402
from safar.i18n.catalogue_web import WEB_MESSAGES  # noqa: E402

for _part in (
    WEB_MESSAGES,
    CONTACT_MESSAGES,
    ROUTING_MESSAGES,
    WAIT_MESSAGES,
    EVENTS_MESSAGES,
    INPUT_MESSAGES,
    ANALYTICS_MESSAGES,
    VOICE_MESSAGES,
    INSIGHTS_MESSAGES,
    SURVEY_MESSAGES,
    KPIS_MESSAGES,
    ALERTS_MESSAGES,
    BACKUP_MESSAGES,
    READINGS_MESSAGES,
    GLOSSARY_MESSAGES,
    CUSTOMERS_MESSAGES,
    CUSTOMER_MESSAGES,
    DRILL_MESSAGES,
    SCREENS_MESSAGES,
    RESULTS_MESSAGES,
    ADMIN_MESSAGES,
    UPLOAD_MESSAGES,
    BINDING_MESSAGES,
    SOURCES_MESSAGES,
    EXPORT_MESSAGES,
    PORTFOLIO_MESSAGES,
    EDITOR_MESSAGES,
    CASES_MESSAGES,
    TOPICS_MESSAGES,
    KB_MESSAGES,
    RETENTION_MESSAGES,
):
    _clash = set(_part) & set(MESSAGES)
    if _clash:
        raise RuntimeError(f"message codes defined twice: {sorted(_clash)}")
    MESSAGES.update(_part)
