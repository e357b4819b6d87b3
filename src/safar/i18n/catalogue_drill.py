"""Messages of the drill-downs added after the customers' (``respondents.*``): the survey answers behind an
NPS, CSAT or CES count, in words, and their list."""

from __future__ import annotations

DRILL_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "respondents.bad_group": {
        "en": "{metric} has no group “{group}”. Choose one of: {allowed}.",
        "fa": "{metric} گروهی به نام «{group}» ندارد. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "respondents.bad_metric": {
        "en": "Cannot list the answers of “{metric}”. Choose one of: {allowed}.",
        "fa": "فهرست پاسخ‌های «{metric}» ممکن نیست. یکی از این‌ها را برگزینید: {allowed}.",
    },
    "respondents.one_scope": {
        "en": "Choose a touchpoint or a stage, not both (neither: the whole map).",
        "fa": "یا نقطه تماس را برگزینید یا مرحله را، نه هر دو (هیچ‌کدام: کل نقشه).",
    },
    "customers.period_and_start": {
        "en": "A period needs its day and a day its period: give both (e.g. ?period=month&start=2023-07-23, "
        "or --period month --start 1402/05/01).",
        "fa": "دوره به روزش نیاز دارد و روز به دوره‌اش: هر دو را بدهید (مثلاً ‎?period=month&start=2023-07-23‎ "
        "یا ‎--period month --start 1402/05/01‎).",
    },
    "kpis.web.trend_points": {"en": "Each period", "fa": "دوره به دوره"},
    "customers.bad_start": {
        "en": "The day {value} is outside the years Safar cuts periods in: choose a day from {low} to {high}.",
        "fa": "روز {value} بیرون از سال‌هایی است که سفر دوره‌هایشان را می‌بُرد: روزی از {low} تا {high} برگزینید.",
    },
    "customers.filter.started_in": {
        "en": ", whose journey started in {period}",
        "fa": "، که سفرشان در {period} آغاز شد",
    },
    # Which answers, in words
    "respondents.filter": {"en": "{which} {about}", "fa": "{which} {about}"},
    "respondents.group.nps.all": {"en": "All NPS answers", "fa": "همه پاسخ‌های NPS"},
    "respondents.group.nps.promoters": {
        "en": "NPS answers of promoters ({promoter} or more)",
        "fa": "پاسخ‌های NPS مروجان ({promoter} و بالاتر)",
    },
    "respondents.group.nps.passives": {
        "en": "NPS answers of passives ({low} to {high})",
        "fa": "پاسخ‌های NPS خنثی‌ها ({low} تا {high})",
    },
    "respondents.group.nps.detractors": {
        "en": "NPS answers of detractors ({detractor} or less)",
        "fa": "پاسخ‌های NPS منتقدان ({detractor} و پایین‌تر)",
    },
    "respondents.group.csat.all": {"en": "All CSAT answers", "fa": "همه پاسخ‌های CSAT"},
    "respondents.group.csat.satisfied": {
        "en": "CSAT answers of the satisfied (the top box: {top} or more on {low} to {high})",
        "fa": "پاسخ‌های CSAT راضیان (خانه‌های بالا: {top} و بالاتر از {low} تا {high})",
    },
    "respondents.group.ces.all": {"en": "All CES answers", "fa": "همه پاسخ‌های CES"},
    "respondents.about.touchpoint": {
        "en": "about the touchpoint «{name}»",
        "fa": "درباره نقطه تماس «{name}»",
    },
    "respondents.about.stage": {
        "en": "about the stage «{name}» or one of its touchpoints",
        "fa": "درباره مرحله «{name}» یا یکی از نقاط تماس آن",
    },
    "respondents.about.map": {
        "en": "counted for the whole map (the answers to the question about the whole journey when the "
        "map's surveys ask one, else all its answers)",
        "fa": "شمرده‌شده برای کل نقشه (پاسخ‌های پرسش درباره کل سفر اگر پیمایش‌های نقشه آن را می‌پرسند، "
        "وگرنه همه پاسخ‌های آن)",
    },
    # Each answer's group
    "respondents.each.promoter": {"en": "Promoter", "fa": "مروج"},
    "respondents.each.passive": {"en": "Passive", "fa": "خنثی"},
    "respondents.each.detractor": {"en": "Detractor", "fa": "منتقد"},
    "respondents.each.satisfied": {"en": "Satisfied", "fa": "راضی"},
    "respondents.each.not_satisfied": {"en": "Not in the top box", "fa": "بیرون از خانه‌های بالا"},
    # The counts the voice page links, and the list
    "respondents.short.all": {"en": "answers", "fa": "پاسخ‌ها"},
    "respondents.short.promoters": {"en": "promoters", "fa": "مروجان"},
    "respondents.short.passives": {"en": "passives", "fa": "خنثی‌ها"},
    "respondents.short.detractors": {"en": "detractors", "fa": "منتقدان"},
    "respondents.short.satisfied": {"en": "satisfied", "fa": "راضیان"},
    "respondents.title": {"en": "Survey answers", "fa": "پاسخ‌های پیمایش"},
    "respondents.count": {"en": "{n} answers", "fa": "{n} پاسخ"},
    "respondents.open": {
        "en": "See the answers behind this number",
        "fa": "دیدن پاسخ‌های پشت این عدد",
    },
    "respondents.none": {
        "en": "No answer matches this filter.",
        "fa": "هیچ پاسخی با این فیلتر نمی‌خواند.",
    },
    "respondents.back_voice": {"en": "Voice of the customer", "fa": "صدای مشتری"},
    "respondents.written": {"en": "{n} answers written to {file}.", "fa": "{n} پاسخ در {file} نوشته شد."},
    "respondents.more": {
        "en": "More on the next page: --page {page}, or the whole list with --out FILE.csv.",
        "fa": "ادامه در صفحه بعد: ‎--page {page}‎، یا کل فهرست با ‎--out FILE.csv‎.",
    },
    "respondents.col.response_id": {"en": "Response", "fa": "پاسخ‌نامه"},
    "respondents.col.customer_id": {"en": "Customer", "fa": "مشتری"},
    "respondents.col.score": {"en": "Score", "fa": "امتیاز"},
    "respondents.col.group": {"en": "Group", "fa": "گروه"},
    "respondents.col.touchpoint_name": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "respondents.col.stage_name": {"en": "Stage", "fa": "مرحله"},
    "respondents.col.channel": {"en": "Channel", "fa": "کانال"},
    "respondents.col.time": {"en": "Time", "fa": "زمان"},
    "respondents.col.answered_at": {"en": "Time (UTC)", "fa": "زمان (UTC)"},
    "respondents.sheet.answers": {"en": "Answers", "fa": "پاسخ‌ها"},
    "respondents.sheet.total": {"en": "Answers", "fa": "شمار پاسخ‌ها"},
    # The journey analyses' counts (funnel analysis, paths from/to a step, the map's rules), in words
    "customers.filter.flow_from": {
        "en": "Customers whose steps after their first «{name}» began: {path}",
        "fa": "مشتریانی که گام‌هایشان پس از نخستین «{name}» چنین آغاز شد: {path}",
    },
    "customers.filter.flow_to": {
        "en": "Customers whose steps before their first «{name}» were: {path}",
        "fa": "مشتریانی که گام‌هایشان پیش از نخستین «{name}» چنین بود: {path}",
    },
    "customers.filter.rule": {
        "en": "Customers who broke the map's rule: {rule}",
        "fa": "مشتریانی که این قاعده نقشه را شکستند: {rule}",
    },
    "customers.filter.group": {"en": ", of the group {group}", "fa": "، از گروه {group}"},
    "customers.filter.no_group": {"en": "without a value", "fa": "بی‌مقدار"},
    "customers.filter.order_strict": {
        "en": ", each step right after the one before",
        "fa": "، هر گام درست پس از گام پیشین",
    },
    "customers.filter.order_any": {"en": ", the steps in any order", "fa": "، گام‌ها به هر ترتیب"},
    "customers.filter.window": {
        "en": ", each step within {time} of the first",
        "fa": "، هر گام در کمتر از {time} پس از نخستین",
    },
    "customers.filter.began": {
        "en": ", whose funnel began from {start} to {end}",
        "fa": "، که قیفشان از {start} تا {end} آغاز شد",
    },
    "customers.rule_required": {
        "en": "Name the rule and its stages: ?kind=rule&rule=must_follow&steps=A&steps=B (a rule of the map's "
        "Journeys page).",
        "fa": "قاعده و مرحله‌هایش را نام ببرید: ‎?kind=rule&rule=must_follow&steps=A&steps=B‎ (قاعده‌ای از "
        "صفحه سفرهای نقشه).",
    },
    "customers.flow_required": {
        "en": "Name the touchpoint and the path: ?kind=flow&step=TP&direction=from&steps=A&steps=B (a path of the "
        "Journeys page).",
        "fa": "نقطه تماس و مسیر را نام ببرید: ‎?kind=flow&step=TP&direction=from&steps=A&steps=B‎ (مسیری از "
        "صفحه سفرها).",
    },
    "customers.began_both": {
        "en": "A period of the comparison needs its start and its end: give both began_from and began_until.",
        "fa": "دوره مقایسه آغاز و پایانش را لازم دارد: هر دو began_from و began_until را بدهید.",
    },
    "customers.funnel_only": {
        "en": "A breakdown's group, the period a funnel began in, its order and its window choose among a "
        "funnel's customers: use them with kind=funnel.",
        "fa": "گروه تفکیک، دوره آغاز قیف، ترتیب و بازه آن از میان مشتریان یک قیف برمی‌گزینند: آن‌ها را با "
        "kind=funnel به کار ببرید.",
    },
}
