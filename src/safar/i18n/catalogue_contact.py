"""Messages of the contact-centre report (``contact.*``): its errors, its page and CLI labels, and the
written definition of each measure (``contact.def.*``, the same words as :mod:`safar.metrics.contact`)."""

from __future__ import annotations

CONTACT_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "contact.no_role": {
        "en": "Name the activities of this role with {option} (e.g. {option} queued,answered): "
        "the report cannot tell when a contact entered the queue or was answered without them.",
        "fa": "فعالیت‌های این نقش را با ‎{option}‎ نام ببرید (مثلاً ‎{option} queued,answered‎): "
        "بدون آن‌ها گزارش نمی‌داند تماس کی وارد صف شد یا پاسخ گرفت.",
    },
    "contact.role_twice": {
        "en": "The activity “{activity}” is named for two roles ({first} and {second}). "
        "Give each activity to one role only.",
        "fa": "فعالیت «{activity}» برای دو نقش نام برده شده است (‎{first}‎ و ‎{second}‎). "
        "هر فعالیت را فقط به یک نقش بدهید.",
    },
    "contact.negative_threshold": {
        "en": "{option} is {value}: give a duration above zero, e.g. 20s, 5s or 7d.",
        "fa": "‎{option}‎ برابر {value} است: مدتی بزرگ‌تر از صفر بدهید، مثلاً 20s، 5s یا 7d.",
    },
    "contact.bad_option": {
        "en": "{option} “{value}” cannot be read: it is empty or too long. Give a dataset name of up to 200 "
        "characters and activity lists of up to 2000.",
        "fa": "‎{option}‎ «{value}» خوانا نیست: خالی یا بیش از اندازه بلند است. نام مجموعه‌داده تا ۲۰۰ نویسه و "
        "فهرست فعالیت‌ها تا ۲۰۰۰ نویسه بدهید.",
    },
    "contact.bad_by": {
        "en": "Cannot group by “{value}”. Choose one of: {allowed}.",
        "fa": "گروه‌بندی بر اساس «{value}» ممکن نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "contact.no_contacts": {
        "en": "No event of this dataset has a contact id in the column “{column}”. Name the column that "
        "identifies each contact (call, chat or ticket) with --contact-col, as it is written in the "
        "ingested file.",
        "fa": "هیچ رویدادی از این مجموعه‌داده شناسه تماس در ستون «{column}» ندارد. ستونی را که هر تماس "
        "(تماس تلفنی، گفتگو یا تیکت) را مشخص می‌کند، همان‌طور که در پرونده واردشده نوشته شده، با "
        "‎--contact-col‎ نام ببرید.",
    },
    "contact.no_dataset": {
        "en": "This workspace has no events yet. Ingest a contact log first: "
        "`safar events ingest calls.csv --dataset calls`.",
        "fa": "این فضای کاری هنوز رویدادی ندارد. نخست گزارش تماس‌ها را وارد کنید: "
        "`safar events ingest calls.csv --dataset calls`.",
    },
    # Labels (page and CLI)
    "contact.title": {"en": "Contact centre", "fa": "مرکز تماس"},
    "contact.hold": {"en": "Hold (activities)", "fa": "انتظار روی خط (فعالیت‌ها)"},
    "contact.wrap": {"en": "After-contact work (activities)", "fa": "کار پس از تماس (فعالیت‌ها)"},
    "contact.split": {
        "en": "Handle time: talk, hold and after-contact work (means)",
        "fa": "زمان رسیدگی: گفتگو، انتظار روی خط و کار پس از تماس (میانگین‌ها)",
    },
    "contact.split.handle": {"en": "Handle time", "fa": "زمان رسیدگی"},
    "contact.split.talk": {"en": "Talk", "fa": "گفتگو"},
    "contact.split.hold": {"en": "Hold", "fa": "انتظار روی خط"},
    "contact.split.wrap": {"en": "After-contact work", "fa": "کار پس از تماس"},
    "contact.def.split": {
        "en": "Handle time split: a hold starts at a hold activity after the answer and lasts to the contact's "
        "next event (or to the start of after-contact work); after-contact work lasts from the first of its "
        "activities after the answer to the end; talk is the rest of the handle time.",
        "fa": "تفکیک زمان رسیدگی: انتظار روی خط با فعالیت انتظار پس از پاسخ آغاز می‌شود و تا رویداد بعدی "
        "تماس (یا آغاز کار پس از تماس) ادامه دارد؛ کار پس از تماس از نخستین فعالیت آن پس از پاسخ تا پایان "
        "است؛ گفتگو باقی زمان رسیدگی است.",
    },
    "contact.intro": {
        "en": "Wait, abandonment, service level and handle time of the contacts in a dataset: one row per "
        "contact event, with the activities that mark entering the queue, the answer, the abandon and "
        "the end.",
        "fa": "انتظار، رهاشدن، سطح خدمت و زمان رسیدگی تماس‌های یک مجموعه‌داده: یک سطر برای هر رویداد "
        "تماس، با فعالیت‌هایی که ورود به صف، پاسخ، رهاشدن و پایان را نشان می‌دهند.",
    },
    "contact.empty": {
        "en": "No contact data yet. Ingest a contact log (one row per event: contact id, customer, time, "
        "activity, queue, agent) on the datasets page, then come back here and name its activities.",
        "fa": "هنوز داده تماسی نیست. گزارش تماس‌ها را وارد کنید (یک سطر برای هر رویداد: شناسه تماس، "
        "مشتری، زمان، فعالیت، صف، کارشناس) در صفحه مجموعه‌داده‌ها و سپس به اینجا بازگردید و فعالیت‌های آن را نام ببرید.",
    },
    "contact.choose": {
        "en": "Choose the dataset and name at least the activities of entering the queue and of the answer.",
        "fa": "مجموعه‌داده را برگزینید و دست‌کم فعالیت‌های ورود به صف و پاسخ را نام ببرید.",
    },
    "contact.dataset": {"en": "Dataset", "fa": "مجموعه‌داده"},
    "contact.activities": {
        "en": "The activities of {dataset}, most frequent first (events):",
        "fa": "فعالیت‌های {dataset}، پرتکرارترین نخست (تعداد رویداد):",
    },
    "contact.enter": {"en": "Entered the queue (activities)", "fa": "ورود به صف (فعالیت‌ها)"},
    "contact.answer": {"en": "Answered (activities)", "fa": "پاسخ (فعالیت‌ها)"},
    "contact.abandon": {"en": "Abandoned (activities)", "fa": "رهاشدن (فعالیت‌ها)"},
    "contact.end": {"en": "Ended (activities)", "fa": "پایان (فعالیت‌ها)"},
    "contact.reopen": {"en": "Reopened (activities)", "fa": "بازگشایی (فعالیت‌ها)"},
    "contact.columns_hint": {
        "en": "Several activities: separate them with commas. Columns as in the ingested file.",
        "fa": "چند فعالیت را با ویرگول جدا کنید. ستون‌ها همان‌طور که در پرونده واردشده آمده‌اند.",
    },
    "contact.contact_col": {"en": "Contact id column", "fa": "ستون شناسه تماس"},
    "contact.customer_col": {"en": "Customer column", "fa": "ستون مشتری"},
    "contact.queue_col": {"en": "Queue column", "fa": "ستون صف"},
    "contact.agent_col": {"en": "Agent column", "fa": "ستون کارشناس"},
    "contact.group_col": {"en": "Agents' group column", "fa": "ستون گروه کارشناسان"},
    "contact.reason_col": {"en": "Reason column", "fa": "ستون علت تماس"},
    "contact.sla": {"en": "Service level target (answered within)", "fa": "هدف سطح خدمت (پاسخ تا)"},
    "contact.short_abandon": {"en": "Short abandon (under)", "fa": "رهاشدن کوتاه (کمتر از)"},
    "contact.repeat_within": {"en": "Repeat contact within", "fa": "تماس تکراری در بازه"},
    "contact.by": {"en": "Group by", "fa": "گروه‌بندی بر اساس"},
    "contact.period": {"en": "Period", "fa": "دوره"},
    "contact.by.none": {"en": "Not grouped", "fa": "بدون گروه‌بندی"},
    "contact.period.none": {"en": "The whole span", "fa": "کل بازه"},
    "contact.show": {"en": "Show the report", "fa": "نمایش گزارش"},
    "contact.by.queue": {"en": "Queue", "fa": "صف"},
    "contact.by.agent": {"en": "Agent", "fa": "کارشناس"},
    "contact.by.group": {"en": "Agents' group", "fa": "گروه کارشناسان"},
    "contact.by.reason": {"en": "Contact reason", "fa": "علت تماس"},
    "contact.by.channel": {"en": "Channel", "fa": "کانال"},
    "contact.by.hour": {"en": "Hour of day", "fa": "ساعت روز"},
    "contact.by.weekday": {"en": "Day of week", "fa": "روز هفته"},
    "contact.weekday.1": {"en": "Monday", "fa": "دوشنبه"},
    "contact.weekday.2": {"en": "Tuesday", "fa": "سه‌شنبه"},
    "contact.weekday.3": {"en": "Wednesday", "fa": "چهارشنبه"},
    "contact.weekday.4": {"en": "Thursday", "fa": "پنجشنبه"},
    "contact.weekday.5": {"en": "Friday", "fa": "جمعه"},
    "contact.weekday.6": {"en": "Saturday", "fa": "شنبه"},
    "contact.weekday.7": {"en": "Sunday", "fa": "یکشنبه"},
    "contact.hour": {"en": "{hour}:00", "fa": "ساعت {hour}"},
    "contact.no_group": {"en": "(not given)", "fa": "(نامشخص)"},
    "contact.overall": {"en": "All contacts", "fa": "همه تماس‌ها"},
    "contact.offered": {"en": "Offered", "fa": "عرضه‌شده"},
    "contact.answered": {"en": "Answered", "fa": "پاسخ‌داده‌شده"},
    "contact.abandoned": {"en": "Abandoned", "fa": "رهاشده"},
    "contact.short_abandoned": {"en": "of which short abandons", "fa": "از آن، رهاشدن کوتاه"},
    "contact.open": {"en": "Open (in queue)", "fa": "باز (در صف)"},
    "contact.customers": {"en": "Unique customers", "fa": "مشتریان یکتا"},
    "contact.service_level": {"en": "Service level", "fa": "سطح خدمت"},
    "contact.abandonment_rate": {"en": "Abandonment rate", "fa": "نرخ رهاشدن"},
    "contact.asa": {"en": "Average speed of answer", "fa": "میانگین سرعت پاسخ"},
    "contact.wait_p50": {"en": "Wait, median", "fa": "میانه انتظار"},
    "contact.wait_p90": {"en": "Wait, 90th percentile", "fa": "صدک ۹۰ انتظار"},
    "contact.handle": {"en": "Handle time, mean", "fa": "میانگین زمان رسیدگی"},
    "contact.repeat_share": {"en": "Repeat contacts", "fa": "تماس‌های تکراری"},
    "contact.first_contact_resolution": {"en": "First-contact resolution", "fa": "حل در اولین تماس"},
    "contact.transfer_rate": {"en": "Transferred", "fa": "انتقال‌یافته"},
    "contact.reopen_rate": {"en": "Reopened", "fa": "بازگشایی‌شده"},
    "contact.wait_distribution": {"en": "Wait of answered contacts", "fa": "انتظار تماس‌های پاسخ‌داده‌شده"},
    "contact.bin": {"en": "{low} to {high}", "fa": "{low} تا {high}"},
    "contact.bin_last": {"en": "over {low}", "fa": "بیش از {low}"},
    "contact.contacts": {"en": "Contacts", "fa": "تماس‌ها"},
    "contact.backlog": {"en": "Backlog at each period's end", "fa": "کار مانده در پایان هر دوره"},
    "contact.backlog.entered": {"en": "Entered the queue", "fa": "واردشده به صف"},
    "contact.backlog.left": {"en": "Answered or abandoned", "fa": "پاسخ‌داده‌شده یا رهاشده"},
    "contact.backlog.open": {"en": "Open at the end", "fa": "باز در پایان دوره"},
    "contact.not_read": {
        "en": "Contacts not read, their events being incomplete or out of order: {count}",
        "fa": "تماس‌های خوانده‌نشده، چون رویدادهایشان ناقص یا نابه‌ترتیب است: {count}",
    },
    "contact.without_contact": {
        "en": "Events with no contact id (in no contact): {count}. Check the contact column if there are many.",
        "fa": "رویدادهای بی شناسه تماس (بیرون از هر تماس): {count}. اگر بسیارند، ستون شناسه تماس را بررسی کنید.",
    },
    "contact.problem.no_enter": {"en": "no event of entering the queue", "fa": "بی رویداد ورود به صف"},
    "contact.problem.answer_and_abandon": {
        "en": "both answered and abandoned",
        "fa": "هم پاسخ‌داده‌شده و هم رهاشده",
    },
    "contact.problem.before_enter": {
        "en": "answered or abandoned before entering the queue",
        "fa": "پاسخ یا رهاشدن پیش از ورود به صف",
    },
    "contact.problem.end_before_outcome": {
        "en": "ended before the answer or the abandon",
        "fa": "پایان پیش از پاسخ یا رهاشدن",
    },
    "contact.problem.ended_unanswered": {
        "en": "ended with neither an answer nor an abandon",
        "fa": "پایان بی پاسخ و بی رهاشدن",
    },
    "contact.settings": {
        "en": "Service level within {sla}; short abandons under {short}; repeat contacts within {repeat}.",
        "fa": "سطح خدمت با پاسخ تا {sla}؛ رهاشدن کوتاه کمتر از {short}؛ تماس تکراری در {repeat}.",
    },
    "contact.definitions": {"en": "How each figure is counted", "fa": "هر عدد چگونه شمرده می‌شود"},
    # Definitions: one per measure (metrics/contact.py)
    "contact.def.offered": {
        "en": "Offered: contacts that entered the queue and whose events are in order, open ones included.",
        "fa": "عرضه‌شده: تماس‌هایی که وارد صف شدند و رویدادهایشان به ترتیب است، تماس‌های باز هم.",
    },
    "contact.def.open": {
        "en": "Open: offered contacts with neither an answer nor an abandon yet (the backlog).",
        "fa": "باز: تماس‌های عرضه‌شده‌ای که هنوز نه پاسخ گرفته‌اند و نه رها شده‌اند (کار مانده).",
    },
    "contact.def.abandonment_rate": {
        "en": "Abandonment rate: abandoned contacts minus short abandons (a wait under {short}), of answered "
        "plus abandoned contacts minus short abandons. Open contacts are left out: they have no outcome yet.",
        "fa": "نرخ رهاشدن: تماس‌های رهاشده منهای رهاشدن‌های کوتاه (انتظار کمتر از {short})، از تماس‌های "
        "پاسخ‌داده‌شده و رهاشده منهای رهاشدن‌های کوتاه. تماس‌های باز کنار گذاشته می‌شوند: هنوز نتیجه‌ای ندارند.",
    },
    "contact.def.service_level": {
        "en": "Service level: contacts answered within {sla} of entering the queue, of answered plus abandoned "
        "contacts minus short abandons (under {short}). Open contacts are left out.",
        "fa": "سطح خدمت: تماس‌هایی که حداکثر {sla} پس از ورود به صف پاسخ گرفتند، از تماس‌های "
        "پاسخ‌داده‌شده و رهاشده منهای رهاشدن‌های کوتاه (کمتر از {short}). تماس‌های باز کنار گذاشته می‌شوند.",
    },
    "contact.def.speed_of_answer": {
        "en": "Speed of answer: the wait from entering the queue to the first answer, of answered contacts: "
        "its mean (average speed of answer), median and 90th percentile (9 in 10 waited no longer).",
        "fa": "سرعت پاسخ: انتظار از ورود به صف تا نخستین پاسخ، در تماس‌های پاسخ‌داده‌شده: میانگین آن "
        "(میانگین سرعت پاسخ)، میانه و صدک ۹۰ (۹ از ۱۰ تماس بیش از این منتظر نماندند).",
    },
    "contact.def.handle_time": {
        "en": "Handle time: from the answer to the end of the contact, of answered contacts that have an end event.",
        "fa": "زمان رسیدگی: از پاسخ تا پایان تماس، در تماس‌های پاسخ‌داده‌شده‌ای که رویداد پایان دارند.",
    },
    "contact.def.repeat": {
        "en": "Repeat contacts: offered contacts of a customer who had entered the queue before, at most {repeat} "
        "earlier, of all offered contacts.",
        "fa": "تماس‌های تکراری: تماس‌های عرضه‌شده مشتریانی که در {repeat} پیش از آن هم وارد صف شده بودند، "
        "از همه تماس‌های عرضه‌شده.",
    },
    "contact.def.fcr": {
        "en": "First-contact resolution: answered contacts whose customer did not enter the queue again within "
        "{repeat} after them, of the answered contacts whose outcome is known (the customer came back, or "
        "{repeat} have passed by the newest contact of the data). Answered contacts still inside their {repeat}: "
        "{pending}.",
        "fa": "حل در اولین تماس: تماس‌های پاسخ‌داده‌شده‌ای که مشتری‌شان تا {repeat} پس از آن دوباره وارد صف "
        "نشد، از تماس‌های پاسخ‌داده‌شده‌ای که نتیجه‌شان روشن است (مشتری برگشت، یا تا تازه‌ترین تماس داده "
        "{repeat} گذشته است). تماس‌های پاسخ‌داده‌شده‌ای که هنوز در {repeat} خود هستند: {pending}.",
    },
    "contact.def.transfer": {
        "en": "Transferred: answered contacts whose events, other than entering the queue, name two or more "
        "agents (handed from one agent to another), of answered contacts.",
        "fa": "انتقال‌یافته: تماس‌های پاسخ‌داده‌شده‌ای که رویدادهایشان، جز ورود به صف، دو کارشناس یا بیشتر را "
        "نام می‌برند (از کارشناسی به کارشناس دیگر سپرده شدند)، از تماس‌های پاسخ‌داده‌شده.",
    },
    "contact.def.reopen": {
        "en": "Reopened: answered contacts that ended and have a reopen event after their first end (a ticket "
        "closed, then opened again), of the answered contacts that ended.",
        "fa": "بازگشایی‌شده: تماس‌های پاسخ‌داده‌شده و پایان‌یافته‌ای که پس از نخستین پایانشان رویداد بازگشایی "
        "دارند (درخواستی که بسته و دوباره باز شد)، از تماس‌های پاسخ‌داده‌شده و پایان‌یافته.",
    },
    "contact.def.backlog": {
        "en": "Backlog: contacts that entered the queue by the period's end and were not answered or abandoned "
        "by then; the periods listed are those in which a contact entered or left the queue.",
        "fa": "کار مانده: تماس‌هایی که تا پایان دوره وارد صف شدند و تا آن زمان نه پاسخ گرفتند و نه رها شدند؛ "
        "دوره‌هایی فهرست شده‌اند که در آن‌ها تماسی وارد صف شد یا از آن بیرون رفت.",
    },
    "contact.def.customers": {
        "en": "Unique customers: distinct customers behind the offered contacts; one customer may call many times.",
        "fa": "مشتریان یکتا: مشتریان متمایز پشت تماس‌های عرضه‌شده؛ یک مشتری ممکن است چند بار تماس بگیرد.",
    },
    "contact.def.times": {
        "en": "Hours, weekdays and periods are those of the moment the contact entered the queue, in the time "
        "zone:",
        "fa": "ساعت، روز هفته و دوره، زمانِ ورود تماس به صف است، به وقتِ این منطقه زمانی:",
    },
}

# Glossary entries (safar.i18n.glossary): the contact-centre measures in plain words, whatever the thresholds.
CONTACT_MESSAGES.update(
    {
        "glossary.service_level.name": {"en": "Service level", "fa": "سطح خدمت"},
        "glossary.service_level.text": {
            "en": "The share of contacts answered within a target wait (20 seconds unless the report says "
            "otherwise), of the contacts answered or abandoned. Short abandons are left out, and so are contacts "
            "still waiting, which have no outcome yet.",
            "fa": "سهم تماس‌هایی که حداکثر پس از انتظار هدف (۲۰ ثانیه، مگر گزارش چیز دیگری بگوید) پاسخ گرفتند، از "
            "تماس‌های پاسخ‌داده‌شده یا رهاشده. رهاشدن‌های کوتاه کنار گذاشته می‌شوند و تماس‌هایی هم که هنوز "
            "در صف‌اند، چون هنوز نتیجه‌ای ندارند.",
        },
        "glossary.abandonment.name": {"en": "Abandonment rate", "fa": "نرخ رهاشدن"},
        "glossary.abandonment.text": {
            "en": "The share of contacts whose customer gave up before an answer, of the contacts answered or "
            "abandoned. A short abandon (a wait under 5 seconds unless the report says otherwise: a wrong number, "
            "a change of mind) is counted apart and left out of both.",
            "fa": "سهم تماس‌هایی که مشتری پیش از پاسخ رهایشان کرد، از تماس‌های پاسخ‌داده‌شده یا رهاشده. "
            "رهاشدن کوتاه (انتظار کمتر از ۵ ثانیه، مگر گزارش چیز دیگری بگوید: شماره اشتباه یا پشیمانی) جدا "
            "شمرده و از هر دو کنار گذاشته می‌شود.",
        },
        "glossary.speed_of_answer.name": {"en": "Speed of answer", "fa": "سرعت پاسخ"},
        "glossary.speed_of_answer.text": {
            "en": "How long answered contacts waited in the queue, from entering it to the first answer. The "
            "average speed of answer (ASA) is the mean wait; the median is the wait half of them stayed within; "
            "the 90th percentile the wait 9 in 10 stayed within, which shows the long waits a mean hides.",
            "fa": "مدتی که تماس‌های پاسخ‌داده‌شده در صف ماندند، از ورود به صف تا نخستین پاسخ. میانگین سرعت "
            "پاسخ، میانگین این انتظارهاست؛ میانه، انتظاری است که نیمی از تماس‌ها بیش از آن نماندند؛ صدک ۹۰، "
            "انتظاری که ۹ از ۱۰ تماس بیش از آن نماندند و انتظارهای طولانی‌ای را نشان می‌دهد که میانگین پنهان می‌کند.",
        },
        "glossary.handle_time.name": {"en": "Handle time", "fa": "زمان رسیدگی"},
        "glossary.handle_time.text": {
            "en": "How long a contact took from the answer to its end (talk, hold and wrap-up together, as the "
            "data records them), over the answered contacts that have an end.",
            "fa": "مدت یک تماس از پاسخ تا پایان آن (گفتگو، انتظار روی خط و کارهای پس از تماس با هم، آن‌گونه که "
            "داده ثبت کرده)، در تماس‌های پاسخ‌داده‌شده‌ای که پایان دارند.",
        },
        "glossary.first_contact_resolution.name": {
            "en": "First-contact resolution",
            "fa": "حل در اولین تماس",
        },
        "glossary.first_contact_resolution.text": {
            "en": "The share of answered contacts after which the customer did not contact the centre again "
            "within the repeat window (7 days unless the report says otherwise): their need was settled the "
            "first time. Contacts whose window has not passed yet are counted apart, not guessed.",
            "fa": "سهم تماس‌های پاسخ‌داده‌شده‌ای که پس از آن مشتری در بازه تکرار (۷ روز، مگر گزارش چیز دیگری "
            "بگوید) دوباره با مرکز تماس نگرفت: نیازش بار نخست برطرف شد. تماس‌هایی که بازه‌شان هنوز نگذشته "
            "جدا شمرده می‌شوند، نه حدس زده.",
        },
        "glossary.transfers.name": {"en": "Transfers", "fa": "انتقال تماس"},
        "glossary.transfers.text": {
            "en": "The share of answered contacts handed from one agent to another: the contact's events name "
            "two or more agents. Many transfers usually mean contacts reach the wrong agent first.",
            "fa": "سهم تماس‌های پاسخ‌داده‌شده‌ای که از کارشناسی به کارشناس دیگر سپرده شدند: رویدادهای تماس دو "
            "کارشناس یا بیشتر را نام می‌برند. انتقال زیاد معمولاً یعنی تماس‌ها نخست به کارشناس نامناسب می‌رسند.",
        },
        "glossary.reopen_rate.name": {"en": "Reopen rate", "fa": "نرخ بازگشایی"},
        "glossary.reopen_rate.text": {
            "en": "The share of ended contacts (tickets, mostly) that were opened again after they were closed: "
            "a sign they were closed before the customer's need was met.",
            "fa": "سهم تماس‌های پایان‌یافته (بیشتر درخواست‌ها) که پس از بسته‌شدن دوباره باز شدند: نشانه‌ای که پیش "
            "از برآمدن نیاز مشتری بسته شده بودند.",
        },
        "glossary.repeat_contacts.name": {"en": "Repeat contacts", "fa": "تماس‌های تکراری"},
        "glossary.repeat_contacts.text": {
            "en": "The share of contacts from a customer who had contacted the centre shortly before (within 7 "
            "days unless the report says otherwise): a sign the first contact did not settle their need.",
            "fa": "سهم تماس‌های مشتریانی که اندکی پیش از آن (در ۷ روز، مگر گزارش چیز دیگری بگوید) هم تماس "
            "گرفته بودند: نشانه‌ای که تماس نخست نیازشان را برطرف نکرده است.",
        },
    }
)
