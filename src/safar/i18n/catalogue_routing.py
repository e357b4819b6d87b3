"""Messages of the routing table (``route.*``, and its errors under ``contact.*``): its page and CLI
labels and the written method (the same words as :mod:`safar.insights.routing`)."""

from __future__ import annotations

ROUTING_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "contact.no_score_col": {
        "en": "To route for satisfaction, name the column with each contact's satisfaction score with "
        "--score-col (e.g. --score-col csat), as it is written in the ingested file.",
        "fa": "برای مسیردهی بر پایه رضایت، ستونی را که امتیاز رضایت هر تماس در آن است با ‎--score-col‎ نام "
        "ببرید (مثلاً ‎--score-col csat‎)، همان‌طور که در پرونده واردشده نوشته شده است.",
    },
    "contact.bad_route_by": {
        "en": "Cannot route by “{value}”. Choose one of: {allowed}.",
        "fa": "مسیردهی بر اساس «{value}» ممکن نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "route.bad_goal": {
        "en": "Cannot route for “{value}”. Choose one of: {allowed} (first-contact resolution, handle time, "
        "satisfaction).",
        "fa": "مسیردهی برای «{value}» ممکن نیست. یکی از این‌ها را برگزینید: {allowed} (حل در اولین تماس، زمان "
        "رسیدگی، رضایت).",
    },
    # Page and CLI
    "route.title": {"en": "Routing table", "fa": "جدول مسیردهی"},
    "route.intro": {
        "en": "Which agents or groups resolve each contact reason at first contact, fastest and with the best "
        "satisfaction, and a routing that gives each reason to those who do best at it, within everyone's "
        "load today.",
        "fa": "کدام کارشناس یا گروه هر علت تماس را در اولین تماس، سریع‌تر و با رضایت بیشتر حل می‌کند، و "
        "مسیردهی‌ای که هر علت را به کسانی می‌سپارد که در آن بهترند، بی‌آنکه بار کسی از امروز بیشتر شود.",
    },
    "route.link": {"en": "Routing table by contact reason", "fa": "جدول مسیردهی بر اساس علت تماس"},
    "route.route_by": {"en": "Route to", "fa": "مسیردهی به"},
    "route.route_by.agent": {"en": "Agents", "fa": "کارشناسان"},
    "route.route_by.group": {"en": "Agents' groups", "fa": "گروه‌های کارشناسان"},
    "route.goal": {"en": "Goal", "fa": "هدف"},
    "route.goal.fcr": {"en": "first-contact resolution", "fa": "حل در اولین تماس"},
    "route.goal.handle": {"en": "handle time", "fa": "زمان رسیدگی"},
    "route.goal.score": {"en": "satisfaction", "fa": "رضایت"},
    "route.min_contacts": {"en": "Contacts needed as evidence", "fa": "تماس‌های لازم برای شاهد"},
    "route.score_col": {"en": "Satisfaction column", "fa": "ستون رضایت"},
    "route.show": {"en": "Show the routing table", "fa": "نمایش جدول مسیردهی"},
    "route.choose": {
        "en": "Choose a dataset, name the activities of entering the queue and of the answer, and the "
        "column with each contact's reason; then show the table.",
        "fa": "مجموعه‌داده را برگزینید، فعالیت‌های ورود به صف و پاسخ و ستون علت هر تماس را نام ببرید؛ سپس "
        "جدول را نمایش دهید.",
    },
    "route.summary": {
        "en": "{contacts} answered contacts of {reasons} reasons, routed for {goal}: {today} with today's "
        "routing, {recommended} with the recommended one ({gain}); {moved} contacts go to another agent.",
        "fa": "{contacts} تماس پاسخ‌داده از {reasons} علت، مسیردهی برای {goal}: با مسیردهی امروز {today}، با "
        "مسیردهی پیشنهادی {recommended} ({gain})؛ {moved} تماس به کارشناس دیگری می‌رسد.",
    },
    "route.gain.fcr": {
        "en": "{gain} percentage points per contact, 95% interval {interval}",
        "fa": "{gain} واحد درصد برای هر تماس، بازه ۹۵٪: {interval}",
    },
    "route.gain.handle": {
        "en": "{gain} s per contact, 95% interval {interval}",
        "fa": "{gain} ثانیه برای هر تماس، بازه ۹۵٪: {interval}",
    },
    "route.gain.score": {
        "en": "{gain} score points per contact, 95% interval {interval}",
        "fa": "{gain} امتیاز برای هر تماس، بازه ۹۵٪: {interval}",
    },
    "route.nothing.fcr": {
        "en": "No answered contact with a reason and an agent has a known first-contact outcome yet: the "
        "customer must have had the repeat window to come back. Nothing to route on.",
        "fa": "هنوز هیچ تماس پاسخ‌داده‌ای با علت و کارشناس، نتیجه حل در اولین تماسِ معلوم ندارد: باید مهلت "
        "تماس تکراری گذشته باشد. چیزی برای مسیردهی نیست.",
    },
    "route.nothing.handle": {
        "en": "No answered contact with a reason and an agent has an end event: handle time is unknown. Name "
        "the end activities (--end).",
        "fa": "هیچ تماس پاسخ‌داده‌ای با علت و کارشناس رویداد پایان ندارد: زمان رسیدگی معلوم نیست. "
        "فعالیت‌های پایان را نام ببرید (‎--end‎).",
    },
    "route.nothing.score": {
        "en": "No answered contact with a reason and an agent has a satisfaction score in this column.",
        "fa": "هیچ تماس پاسخ‌داده‌ای با علت و کارشناس در این ستون امتیاز رضایت ندارد.",
    },
    "route.estimate": {"en": "{value} ({interval}; n {n})", "fa": "{value} ({interval}؛ n {n})"},
    "route.under_one": {"en": "<1%", "fa": "کمتر از ۱٪"},
    "route.more": {"en": "{count} more", "fa": "{count} نفر دیگر"},
    "route.table": {"en": "Recommended routing", "fa": "مسیردهی پیشنهادی"},
    "route.reason": {"en": "Contact reason", "fa": "علت تماس"},
    "route.contacts": {"en": "Answered contacts", "fa": "تماس‌های پاسخ‌داده"},
    "route.today": {"en": "Today", "fa": "امروز"},
    "route.recommended": {"en": "Recommended", "fa": "پیشنهادی"},
    "route.routing_today": {"en": "Routed today to", "fa": "مسیردهی امروز به"},
    "route.routing_recommended": {"en": "Recommended to", "fa": "پیشنهاد مسیردهی به"},
    "route.evidence": {"en": "Evidence per reason and agent", "fa": "شواهد برای هر علت و کارشناس"},
    "route.who.agent": {"en": "Agent", "fa": "کارشناس"},
    "route.who.group": {"en": "Group", "fa": "گروه"},
    "route.fcr": {"en": "First-contact resolution", "fa": "حل در اولین تماس"},
    "route.handle": {"en": "Handle time, mean", "fa": "میانگین زمان رسیدگی"},
    "route.score": {"en": "Satisfaction, mean", "fa": "میانگین رضایت"},
    "route.best": {"en": "Best at", "fa": "بهترین در"},
    "route.best.fcr": {"en": "resolution", "fa": "حل"},
    "route.best.handle": {"en": "speed", "fa": "سرعت"},
    "route.best.score": {"en": "satisfaction", "fa": "رضایت"},
    "route.loads": {"en": "Each one's load", "fa": "بار هر کارشناس"},
    "route.load_today": {"en": "Contacts today", "fa": "تماس‌های امروز"},
    "route.load_recommended": {"en": "Contacts recommended", "fa": "تماس‌های پیشنهادی"},
    "route.without_reason": {
        "en": "{count} answered contacts have no reason in the reason column: they are not routed.",
        "fa": "{count} تماس پاسخ‌داده در ستون علت، علتی ندارد: مسیردهی نمی‌شود.",
    },
    "route.without_who": {
        "en": "{count} answered contacts name no agent (group): they are not routed.",
        "fa": "{count} تماس پاسخ‌داده کارشناس (گروهی) ندارد: مسیردهی نمی‌شود.",
    },
    "route.no_evidence": {
        "en": "fewer known contacts than needed: at most today's",
        "fa": "تماس معلوم کمتر از حد لازم: حداکثر به اندازه امروز",
    },
    "route.method": {"en": "How the table is made", "fa": "جدول چگونه ساخته می‌شود"},
    "route.def.evidence": {
        "en": "Evidence: for each reason, what each agent achieved on its answered contacts: first-contact "
        "resolution (of those whose outcome is known, with the Wilson 95% interval), mean handle time and mean "
        "satisfaction (with Student's t 95% interval). “Best at” marks the best on the reason among those with "
        "at least {min} known contacts.",
        "fa": "شواهد: برای هر علت، آنچه هر کارشناس در تماس‌های پاسخ‌داده آن به دست آورده است: حل در اولین تماس "
        "(از تماس‌هایی که نتیجه‌شان معلوم است، با بازه ۹۵٪ ویلسون)، میانگین زمان رسیدگی و میانگین رضایت (با "
        "بازه ۹۵٪ تی استیودنت). «بهترین در» بهترینِ هر علت را از میان کسانی نشان می‌دهد که دست‌کم {min} تماس "
        "معلوم دارند.",
    },
    "route.def.fcr": {
        "en": "An answered contact is resolved at first contact when its customer does not enter the queue "
        "again within {repeat} after it; contacts whose {repeat} has not passed yet are left out.",
        "fa": "تماس پاسخ‌داده‌ای در اولین تماس حل شده است که مشتری‌اش تا {repeat} پس از آن دوباره وارد صف "
        "نشود؛ تماس‌هایی که {repeat} آن‌ها هنوز نگذشته، کنار گذاشته می‌شوند.",
    },
    "route.def.expected": {
        "en": "Each agent's expected value on a reason is its own figure with the reason's counted as {weight} "
        "contacts more, so a handful of lucky contacts does not make a specialist.",
        "fa": "مقدار مورد انتظار هر کارشناس در یک علت، عدد خود اوست که مقدار کل آن علت به اندازه {weight} تماس "
        "دیگر به آن افزوده شده است، تا چند تماس خوش‌شانس کسی را متخصص جلوه ندهد.",
    },
    "route.def.plan": {
        "en": "The recommendation moves each reason's answered contacts between agents so that the goal is "
        "best met (a linear program, solved exactly): nobody takes more contacts in all than they answered in "
        "the data, and an agent takes more of a reason than today only with at least {min} known contacts of "
        "it. Today's routing and the recommended one are valued with the same expectations; the interval of "
        "the gain comes from their sampling variance. It is an estimate from past contacts, not a promise: "
        "try it on part of the traffic and measure again.",
        "fa": "پیشنهاد، تماس‌های پاسخ‌داده هر علت را میان کارشناسان جابه‌جا می‌کند تا هدف به بهترین شکل برآورده "
        "شود (یک برنامه‌ریزی خطی که دقیق حل می‌شود): هیچ‌کس روی‌هم بیش از آنچه در داده پاسخ داده تماس "
        "نمی‌گیرد، و کارشناس فقط با دست‌کم {min} تماس معلوم از یک علت، بیش از امروز از آن می‌گیرد. "
        "مسیردهی امروز و پیشنهادی با همان مقادیر مورد انتظار سنجیده می‌شوند؛ بازه سود از واریانس نمونه‌گیری "
        "آن‌ها می‌آید. این برآوردی از تماس‌های گذشته است، نه وعده: آن را روی بخشی از تماس‌ها بیازمایید و "
        "دوباره بسنجید.",
    },
}
