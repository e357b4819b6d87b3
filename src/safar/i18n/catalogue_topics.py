"""Messages of topics (what customers talk about: discovery, the taxonomy, a map's topics), in English and
Persian."""

from __future__ import annotations

TOPICS_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "topic.not_found": {
        "en": "There is no topic “{topic}” in this workspace; its topics are: {known}.",
        "fa": "موضوع «{topic}» در این فضای کاری نیست؛ موضوع‌های آن: {known}.",
    },
    "topic.key_taken": {
        "en": "A topic “{topic}” exists already: give this one another name.",
        "fa": "موضوع «{topic}» از پیش هست: نام دیگری به این یکی بدهید.",
    },
    "topic.no_column": {
        "en": "{source} has no column “{column}”; its columns are: {columns}.",
        "fa": "{source} ستونی با نام «{column}» ندارد؛ ستون‌های آن: {columns}.",
    },
    "topic.which_column": {
        "en": "Which column of {source} holds the texts? Name it with --text-col; its columns are: {columns}.",
        "fa": "کدام ستونِ {source} متن‌ها را دارد؟ آن را با --text-col نام ببرید؛ ستون‌های آن: {columns}.",
    },
    "topic.which_attribute": {
        "en": "Which attribute of the events of {dataset} holds the texts? Name it with --text-col; its attributes "
        "are: {columns}.",
        "fa": "کدام ویژگیِ رویدادهای {dataset} متن‌ها را دارد؟ آن را با --text-col نام ببرید؛ ویژگی‌های آن: {columns}.",
    },
    "topic.no_attribute": {
        "en": "No event of {dataset} has a text in the attribute “{column}”: check its name (the columns of the "
        "file it was loaded from), or leave --text-col out to read the dataset's comments.",
        "fa": "هیچ رویدادی از {dataset} در ویژگی «{column}» متنی ندارد: نام آن را بررسی کنید (ستون‌های پرونده‌ای که از "
        "آن بارگذاری شد)، یا --text-col را ندهید تا نظرهای این مجموعه داده خوانده شود.",
    },
    "topic.no_activity": {
        "en": "The events of {dataset} have no activity “{activity}”. Its activities include: {known}.",
        "fa": "رویدادهای {dataset} فعالیتی به نام «{activity}» ندارند. برخی فعالیت‌های آن: {known}.",
    },
    "topic.too_long": {
        "en": "A topic's name, phrase or keyword has at most {most} characters (“{value}…” is longer).",
        "fa": "نام، عبارت یا کلیدواژه موضوع حداکثر {most} نویسه دارد («{value}…» بلندتر است).",
    },
    "topic.too_many": {
        "en": "A topic has at most {most} phrases and {most} keywords ({count} given).",
        "fa": "هر موضوع حداکثر {most} عبارت و {most} کلیدواژه دارد ({count} داده شد).",
    },
    "topic.no_name": {
        "en": "A topic needs a name, in Persian or English (or both).",
        "fa": "موضوع نام می‌خواهد، فارسی یا انگلیسی (یا هر دو).",
    },
    "topic.no_phrases": {
        "en": "A topic needs at least one example phrase (one a line): comments are compared with them.",
        "fa": "موضوع دست‌کم یک عبارت نمونه می‌خواهد (هر خط یکی): نظرها با آن‌ها سنجیده می‌شوند.",
    },
    "topic.merge_itself": {
        "en": "Topic “{topic}” cannot be merged into itself: choose another topic.",
        "fa": "موضوع «{topic}» با خودش ادغام نمی‌شود: موضوع دیگری برگزینید.",
    },
    "topic.one_source": {
        "en": "Name one source of texts: --map ID, --dataset NAME or --file FILE.",
        "fa": "یک منبع متن نام ببرید: --map ID، --dataset NAME یا --file FILE.",
    },
    "topic.merge_into": {
        "en": "Choose the topic to merge into.",
        "fa": "موضوعی را که باید در آن ادغام شود برگزینید.",
    },
    # The page
    "topics.title": {"en": "Topics", "fa": "موضوع‌ها"},
    "topics.intro": {
        "en": "What customers talk about in their comments: the workspace's own topics counted on a map, what is "
        "rising or new, and topics found in the comments to accept.",
        "fa": "آنچه مشتریان در نظرهایشان از آن می‌گویند: موضوع‌های این فضای کاری روی هر نقشه، آنچه رو به افزایش یا "
        "تازه است، و موضوع‌هایی که در نظرها یافت می‌شود تا پذیرفته شوند.",
    },
    "topics.map": {"en": "Map", "fa": "نقشه"},
    "topics.show": {"en": "Show", "fa": "نمایش"},
    "topics.on_map": {
        "en": "What customers talk about on this map",
        "fa": "مشتریان در این نقشه از چه می‌گویند",
    },
    "topics.windows": {
        "en": "Recent: the last 30 days of the comments ({start} to {end}), against the 90 days before.",
        "fa": "اخیر: ۳۰ روز پایانی نظرها ({start} تا {end})، در برابر ۹۰ روز پیش از آن.",
    },
    "topics.topic": {"en": "Topic", "fa": "موضوع"},
    "topics.comments": {"en": "Comments", "fa": "نظرها"},
    "topics.negative": {"en": "Negative", "fa": "منفی"},
    "topics.where": {"en": "Touchpoints", "fa": "نقطه‌های تماس"},
    "topics.other_touchpoint": {"en": "another map's touchpoint", "fa": "نقطه تماس نقشه‌ای دیگر"},
    "topics.recent_vs_before": {"en": "Share recently / before", "fa": "سهم اخیر / پیش‌تر"},
    "topics.counts": {"en": "{recent} recently, {before} before", "fa": "{recent} اخیر، {before} پیش‌تر"},
    "topics.new": {"en": "New", "fa": "تازه"},
    "topics.rising": {"en": "Rising", "fa": "رو به افزایش"},
    "topics.no_topics_yet": {
        "en": "The workspace has no topics yet: accept some from those found below, or add one.",
        "fa": "این فضای کاری هنوز موضوعی ندارد: از موضوع‌های یافته‌شده در پایین بپذیرید یا یکی بیفزایید.",
    },
    "topics.unassigned": {
        "en": "{n} of {total} comments are in none of the topics.",
        "fa": "{n} نظر از {total} نظر در هیچ موضوعی نیست.",
    },
    "topics.discover": {"en": "Topics found in the comments", "fa": "موضوع‌های یافته‌شده در نظرها"},
    "topics.discover_intro": {
        "en": "Safar groups the map's comments (Persian and English) by the words and phrases they share; the same "
        "comments always give the same topics. Accept those worth following.",
        "fa": "سفر نظرهای این نقشه را (فارسی و انگلیسی) بر پایه واژه‌ها و عبارت‌های مشترکشان گروه‌بندی می‌کند؛ نظرهای "
        "یکسان همیشه موضوع‌های یکسان می‌دهند. آن‌هایی را که ارزش پیگیری دارند بپذیرید.",
    },
    "topics.discover_now": {"en": "Find topics", "fa": "یافتن موضوع‌ها"},
    "topics.found": {"en": "{k} topics in {n} comments:", "fa": "{k} موضوع در {n} نظر:"},
    "topics.size": {"en": "{n} comments ({share})", "fa": "{n} نظر ({share})"},
    "topics.accept": {"en": "Accept as a topic", "fa": "پذیرفتن به عنوان موضوع"},
    "topics.name_fa": {"en": "Name in Persian", "fa": "نام فارسی"},
    "topics.name_en": {"en": "Name in English", "fa": "نام انگلیسی"},
    "topics.phrases": {"en": "Example phrases (one a line)", "fa": "عبارت‌های نمونه (هر خط یکی)"},
    "topics.keywords": {"en": "Keywords (one a line)", "fa": "کلیدواژه‌ها (هر خط یکی)"},
    "topics.taxonomy": {"en": "The workspace's topics", "fa": "موضوع‌های این فضای کاری"},
    "topics.taxonomy_intro": {
        "en": "A comment with a topic's keyword is in that topic; otherwise in the topic whose phrases it is most "
        "like, if it is alike enough.",
        "fa": "نظری که کلیدواژه موضوعی را دارد در آن موضوع است؛ وگرنه در موضوعی که بیشترین شباهت را به عبارت‌هایش "
        "دارد، اگر شباهت کافی باشد.",
    },
    "topics.change": {"en": "Change", "fa": "تغییر"},
    "topics.save": {"en": "Save", "fa": "ذخیره"},
    "topics.merge_into": {"en": "Merge into", "fa": "ادغام در"},
    "topics.merge": {"en": "Merge", "fa": "ادغام"},
    "topics.remove": {"en": "Remove the topic", "fa": "حذف موضوع"},
    "topics.none": {"en": "No topics yet.", "fa": "هنوز موضوعی نیست."},
    "topics.add": {"en": "Add a topic", "fa": "افزودن موضوع"},
    "topics.size_negative": {"en": "{n} comments, {negative} negative", "fa": "{n} نظر، {negative} منفی"},
    "topics.open": {"en": "All topics of this map", "fa": "همه موضوع‌های این نقشه"},
    "topics.find_on_map": {
        "en": "Find what customers talk about in this map's comments",
        "fa": "یافتن آنچه مشتریان در نظرهای این نقشه از آن می‌گویند",
    },
    "topics.case_condition": {
        "en": "To open a case for each comment on it, add the case rule `{condition}` on the cases page.",
        "fa": "برای باز کردن پرونده برای هر نظر درباره آن، قاعده `{condition}` را در صفحه پرونده‌ها بیفزایید.",
    },
    "topics.by_month": {
        "en": "Comments a month (negative in brackets)",
        "fa": "نظرها در هر ماه (منفی‌ها در پرانتز)",
    },
    "topics.negative_n": {"en": "{n} negative", "fa": "{n} منفی"},
}
