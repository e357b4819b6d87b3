"""Messages of the knowledge base (articles imported, questions matched, the gaps), in English and Persian."""

from __future__ import annotations

KB_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "kb.no_column": {
        "en": "{source} has no column “{column}”; its columns are: {columns}.",
        "fa": "{source} ستونی با نام «{column}» ندارد؛ ستون‌های آن: {columns}.",
    },
    "kb.which_column": {
        "en": "Which column of {source} holds the articles' {field}? Name it (title, body); its columns are: {columns}.",
        "fa": "کدام ستونِ {source} {field} مقاله‌ها را دارد؟ نامش را بدهید (عنوان، متن)؛ ستون‌های آن: {columns}.",
    },
    "kb.bad_json": {
        "en": "{source} line {line}, column {column}: not valid JSON. Nothing was imported.",
        "fa": "{source} خط {line}، ستون {column}: JSON معتبر نیست. چیزی وارد نشد.",
    },
    "kb.bad_json_shape": {
        "en": '{source}: a list of articles is expected (each with title and body), or {{"articles": [...]}}.',
        "fa": '{source}: فهرستی از مقاله‌ها (هر یک با title و body) یا {{"articles": [...]}} انتظار می‌رود.',
    },
    "kb.no_articles": {
        "en": "{source} has no article: each starts with a “# ” heading (its title), its text under it.",
        "fa": "{source} مقاله‌ای ندارد: هر مقاله با سرتیتر «# » (عنوان آن) آغاز می‌شود و متنش زیر آن می‌آید.",
    },
    "kb.too_many": {
        "en": "{source} has {count} articles; at most {most} are imported at once.",
        "fa": "{source} {count} مقاله دارد؛ هر بار حداکثر {most} مقاله وارد می‌شود.",
    },
    "kb.same_id": {
        "en": "{source} gives the same id to more than one article: {ids}. Make each id unique.",
        "fa": "{source} به بیش از یک مقاله یک شناسه داده است: {ids}. هر شناسه را یگانه کنید.",
    },
    "kb.not_utf8": {
        "en": "{source} is not UTF-8 text: save it as UTF-8 and send it again.",
        "fa": "{source} متن UTF-8 نیست: آن را با UTF-8 ذخیره کنید و دوباره بفرستید.",
    },
    "kb.bad_kind": {
        "en": "{source}: articles come as CSV, Excel (.xlsx), JSON or Markdown (.md).",
        "fa": "{source}: مقاله‌ها باید CSV، اکسل (.xlsx)، JSON یا مارک‌داون (.md) باشند.",
    },
    "kb.article_not_found": {
        "en": "There is no article “{article}” in this workspace's knowledge base.",
        "fa": "مقاله «{article}» در پایگاه دانش این فضای کاری نیست.",
    },
    "kb.row.empty": {"en": "Row {row}: its {field} is empty.", "fa": "ردیف {row}: {field} آن خالی است."},
    "kb.row.too_long": {
        "en": "Row {row}: its {field} is too long.",
        "fa": "ردیف {row}: {field} آن بیش از اندازه بلند است.",
    },
    "kb.row.bad_lang": {
        "en": "Row {row}: its language must be fa or en (or empty, read from the text).",
        "fa": "ردیف {row}: زبان آن باید fa یا en باشد (یا خالی، تا از متن خوانده شود).",
    },
    "kb.row.not_an_object": {
        "en": "Item {row}: not an article (an object with title and body).",
        "fa": "مورد {row}: مقاله نیست (شیئی با title و body).",
    },
    "kb.one_source": {
        "en": "Name one source of questions: --map ID, --dataset NAME or --file FILE.",
        "fa": "یک منبع پرسش نام ببرید: --map ID، --dataset NAME یا --file FILE.",
    },
    "kb.field.title": {"en": "title", "fa": "عنوان"},
    "kb.field.body": {"en": "text", "fa": "متن"},
    "kb.field.lang": {"en": "language", "fa": "زبان"},
    "kb.field.row": {"en": "item", "fa": "مورد"},
    "kb.other_questions": {"en": "Other questions", "fa": "پرسش‌های دیگر"},
    # The page
    "kb.title": {"en": "Knowledge base", "fa": "پایگاه دانش"},
    "kb.intro": {
        "en": "The articles or chatbot answers customers are given, the questions customers ask that none of them "
        "answers, and the articles nobody needs any more.",
        "fa": "مقاله‌ها یا پاسخ‌های چت‌بات که به مشتریان داده می‌شود، پرسش‌هایی که مشتریان می‌پرسند و هیچ‌کدام به آن "
        "پاسخ نمی‌دهد، و مقاله‌هایی که دیگر کسی به آن نیاز ندارد.",
    },
    "kb.import": {"en": "Import articles", "fa": "وارد کردن مقاله‌ها"},
    "kb.import_help": {
        "en": "CSV or Excel with columns `title` and `body` (and `tags`, `id`, `lang`), JSON (a list of objects with "
        "the same fields), or Markdown (each `# ` heading an article). Importing again updates articles by id.",
        "fa": "CSV یا اکسل با ستون‌های `title` و `body` (یا عنوان و متن؛ و `tags`، `id`، `lang`)، JSON (فهرستی از "
        "شیءها با همین فیلدها) یا مارک‌داون (هر سرتیتر `# ` یک مقاله). ورود دوباره مقاله‌ها را بر پایه شناسه به‌روز "
        "می‌کند.",
    },
    "kb.file": {"en": "File", "fa": "پرونده"},
    "kb.columns": {"en": "Other column names", "fa": "نام‌های دیگر ستون‌ها"},
    "kb.title_col": {"en": "Title column", "fa": "ستون عنوان"},
    "kb.body_col": {"en": "Text column", "fa": "ستون متن"},
    "kb.tags_col": {"en": "Tags column", "fa": "ستون برچسب‌ها"},
    "kb.import_button": {"en": "Import", "fa": "وارد کردن"},
    "kb.gaps": {"en": "Questions no article answers", "fa": "پرسش‌هایی که هیچ مقاله‌ای پاسخشان نمی‌دهد"},
    "kb.gaps_summary": {
        "en": "{questions} customer questions on this map: {answered} have an article, {unanswered} do not.",
        "fa": "{questions} پرسش مشتری در این نقشه: {answered} پرسش مقاله دارد و {unanswered} پرسش ندارد.",
    },
    "kb.group": {"en": "What they ask about", "fa": "درباره چه می‌پرسند"},
    "kb.questions": {"en": "Questions", "fa": "پرسش‌ها"},
    "kb.examples": {"en": "In their words", "fa": "به زبان خودشان"},
    "kb.no_gaps": {"en": "Every question has an article.", "fa": "هر پرسشی مقاله‌ای دارد."},
    "kb.from_dataset": {"en": "Questions of a dataset", "fa": "پرسش‌های یک مجموعه داده"},
    "kb.dataset": {"en": "Dataset", "fa": "مجموعه داده"},
    "kb.text_attribute": {
        "en": "Text attribute of the events (optional)",
        "fa": "ویژگی متنِ رویدادها (اختیاری)",
    },
    "kb.activity": {
        "en": "Only the events of the activity (optional)",
        "fa": "فقط رویدادهای فعالیت (اختیاری)",
    },
    "kb.dataset_help": {
        "en": "A dataset of comments is read as a map's; for an event log of chats, transcripts or tweets, name the "
        "attribute that holds the text (such as `text`) and the activity of the customers' messages (such as `request`).",
        "fa": "مجموعه داده‌ای از نظرها مانند نظرهای نقشه خوانده می‌شود؛ برای رویدادهای گفت‌وگو، متن تماس یا توییت، "
        "ویژگی‌ای که متن را دارد (مثلاً `text`) و فعالیتِ پیام‌های مشتری (مثلاً `request`) را نام ببرید.",
    },
    "kb.no_surges": {
        "en": "No group of unanswered questions is new or rising (or there are no articles yet).",
        "fa": "هیچ گروهی از پرسش‌های بی‌پاسخ تازه یا رو به افزایش نیست (یا هنوز مقاله‌ای نیست).",
    },
    "kb.unused": {"en": "Articles no question needs", "fa": "مقاله‌هایی که هیچ پرسشی به آن نیاز ندارد"},
    "kb.all_used": {"en": "Every article answers some question.", "fa": "هر مقاله به پرسشی پاسخ می‌دهد."},
    "kb.articles": {"en": "Articles ({n})", "fa": "مقاله‌ها ({n})"},
    "kb.article_title": {"en": "Title", "fa": "عنوان"},
    "kb.tags": {"en": "Tags", "fa": "برچسب‌ها"},
    "kb.source": {"en": "From", "fa": "از"},
    "kb.none": {
        "en": "No articles yet: import a file above.",
        "fa": "هنوز مقاله‌ای نیست: پرونده‌ای را در بالا وارد کنید.",
    },
    "kb.imported_title": {"en": "Articles imported", "fa": "مقاله‌ها وارد شد"},
    "kb.imported": {
        "en": "{source}: {read} read, {imported} new, {updated} updated, {rejected} rejected.",
        "fa": "{source}: {read} خوانده شد، {imported} تازه، {updated} به‌روز، {rejected} پذیرفته نشد.",
    },
    "kb.row": {"en": "Row", "fa": "ردیف"},
    "kb.reason": {"en": "Why", "fa": "چرا"},
    "kb.back": {"en": "Back to the knowledge base", "fa": "بازگشت به پایگاه دانش"},
    "kb.link": {"en": "Knowledge base", "fa": "پایگاه دانش"},
    "kb.remove": {"en": "Remove the article", "fa": "حذف مقاله"},
}
