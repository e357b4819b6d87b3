"""Messages of the readings of figures (``reading.*``) and of time units (``unit.*``), in English and Persian.

A reading says in plain words what a figure counts, over whom, for which period, from how many (n) and
what its interval means (:mod:`safar.metrics.readings` puts the sentences together). Values arrive
already formatted for the reader (Persian digits, ``٪``, isolated signs).
"""

from __future__ import annotations

READINGS_MESSAGES: dict[str, dict[str, str]] = {
    # Units of time (the web page, the readings and the terminal tables)
    "unit.seconds": {"en": "{n} s", "fa": "{n} ثانیه"},
    "unit.minutes": {"en": "{n} min", "fa": "{n} دقیقه"},
    "unit.hours": {"en": "{n} h", "fa": "{n} ساعت"},
    "unit.days": {"en": "{n} days", "fa": "{n} روز"},
    # A terminal table that cannot fit
    "cli.too_wide": {
        "en": "This table is wider than the terminal ({width} columns): widen it, or add --json for every "
        "figure in full.",
        "fa": "این جدول از پنجره ترمینال ({width} ستون) پهن‌تر است: پنجره را پهن‌تر کنید، یا برای همه عددها "
        "به‌طور کامل --json را بیفزایید.",
    },
    # Column headers of the CLI's tables that no other area names
    "cli.col.dataset": {"en": "Dataset", "fa": "مجموعه داده"},
    "cli.col.events": {"en": "Events", "fa": "رویدادها"},
    "cli.col.customers": {"en": "Customers", "fa": "مشتریان"},
    "cli.col.activities": {"en": "Activities", "fa": "فعالیت‌ها"},
    "cli.col.first": {"en": "First event", "fa": "نخستین رویداد"},
    "cli.col.last": {"en": "Last event", "fa": "آخرین رویداد"},
    "cli.col.source": {"en": "File", "fa": "فایل"},
    "cli.col.row": {"en": "Row", "fa": "ردیف"},
    "cli.col.field": {"en": "Field", "fa": "ستون"},
    "cli.col.reason": {"en": "Reason", "fa": "دلیل"},
    "cli.col.description": {"en": "Description", "fa": "توضیح"},
    # A channel's kind (safar channel list)
    "channel.kind.voice": {"en": "voice", "fa": "صوتی"},
    "channel.kind.digital": {"en": "digital", "fa": "دیجیتال"},
    "channel.kind.messaging": {"en": "messaging", "fa": "پیام‌رسانی"},
    "channel.kind.social": {"en": "social media", "fa": "شبکه اجتماعی"},
    "channel.kind.in_person": {"en": "in person", "fa": "حضوری"},
    "channel.kind.physical": {"en": "physical", "fa": "فیزیکی"},
    "channel.kind.other": {"en": "other", "fa": "دیگر"},
    # The disclosure next to a figure
    "reading.button": {"en": "How to read this figure", "fa": "این عدد را چگونه بخوانیم"},
    "reading.more": {"en": "More in the glossary", "fa": "بیشتر در واژه‌نامه"},
    # Over whom and when
    "reading.where.journey": {"en": "over the whole journey", "fa": "در کل سفر"},
    "reading.where.at": {"en": "at «{scope}»", "fa": "در «{scope}»"},
    "reading.period.all": {"en": "over all the data loaded", "fa": "در همه داده‌های واردشده"},
    "reading.period.from": {
        "en": "in the period starting {period}",
        "fa": "در دوره‌ای که از {period} آغاز می‌شود",
    },
    "reading.period.between": {
        "en": "in the data from {first} to {last} (its first and last event)",
        "fa": "در داده‌های {first} تا {last} (نخستین و واپسین رویداد آن)",
    },
    "reading.period.of_data": {"en": "Counted {period}.", "fa": "شمرده {period}."},
    # Survey metrics
    "reading.nps": {
        "en": "NPS {value} {where}, {period}: of {n} answers to the recommendation question "
        "({scale_low}–{scale_high}), the percentage of promoters ({promoter} or more) minus the percentage "
        "of detractors ({detractor} or less). It runs from −100 to +100.",
        "fa": "NPS برابر {value} {where}، {period}: از {n} پاسخ به پرسش توصیه به دیگران "
        "({scale_low}–{scale_high})، درصد مروجان ({promoter} و بالاتر) منهای درصد منتقدان "
        "({detractor} و پایین‌تر). این عدد از −۱۰۰ تا +۱۰۰ است.",
    },
    "reading.csat": {
        "en": "CSAT {value} {where}, {period}: the percentage of {n} answers on the satisfaction scale "
        "{scale_low}–{scale_high} that are in its top {top} points ({box_low} or more).",
        "fa": "CSAT برابر {value} {where}، {period}: درصدی از {n} پاسخ روی مقیاس رضایت "
        "{scale_low}–{scale_high} که در {top} نقطه بالای آن‌اند ({box_low} و بالاتر).",
    },
    "reading.ces": {
        "en": "CES {value} {where}, {period}: the mean effort of {n} answers on the scale "
        "{scale_low}–{scale_high}; less effort is better.",
        "fa": "CES برابر {value} {where}، {period}: میانگین تلاش در {n} پاسخ روی مقیاس "
        "{scale_low}–{scale_high}؛ تلاش کمتر بهتر است.",
    },
    "reading.negative_share": {
        "en": "{value} of the {n} comments {where}, {period}, were read as negative by the sentiment analysis.",
        "fa": "{value} از {n} نظر {where}، {period}، در تحلیل احساس منفی خوانده شدند.",
    },
    # Intervals and sample size
    "reading.interval": {
        "en": "Interval {low} to {high}: with {confidence} confidence the true value lies in this range "
        "({method}); more data make it narrower.",
        "fa": "بازه {low} تا {high}: با اطمینان {confidence} مقدار واقعی در این بازه است "
        "({method})؛ داده بیشتر آن را باریک‌تر می‌کند.",
    },
    "reading.interval_none": {
        "en": "No interval: with fewer than 2 answers the figure cannot say how far it may be from the true value.",
        "fa": "بازه‌ای نیست: با کمتر از ۲ پاسخ نمی‌توان گفت این عدد چقدر با مقدار واقعی فاصله دارد.",
    },
    "reading.small_n": {
        "en": "Fewer than {min_n} answers: a small sample; read the figure with care.",
        "fa": "کمتر از {min_n} پاسخ: نمونه کوچک است؛ این عدد را با احتیاط بخوانید.",
    },
    "reading.method.wald": {"en": "Wald normal interval", "fa": "بازه نرمال والد"},
    "reading.method.wilson": {"en": "Wilson score interval", "fa": "بازه امتیاز ویلسون"},
    "reading.method.t": {"en": "Student's t interval", "fa": "بازه t استیودنت"},
    "reading.method.bootstrap": {
        "en": "bootstrap percentile interval",
        "fa": "بازه صدکی بوت‌استرپ",
    },
    "reading.method.woolf": {"en": "Woolf's log interval", "fa": "بازه لگاریتمی وولف"},
    # Behaviour on the map
    "reading.customers": {
        "en": "{value} customers had at least one event at «{scope}» ({events} events), {period}; "
        "a customer is counted once however often they came.",
        "fa": "{value} مشتری دست‌کم یک رویداد در «{scope}» داشتند ({events} رویداد)، {period}؛ "
        "هر مشتری یک بار شمرده می‌شود، هر چند بار که آمده باشد.",
    },
    "reading.customers_plain": {
        "en": "{value} customers had at least one event at «{scope}», {period}; a customer is counted once "
        "however often they came.",
        "fa": "{value} مشتری دست‌کم یک رویداد در «{scope}» داشتند، {period}؛ هر مشتری یک بار شمرده می‌شود، "
        "هر چند بار که آمده باشد.",
    },
    "reading.steps_n": {"en": "n = {n} next steps.", "fa": "n = {n} گام بعدی."},
    "reading.conversion": {
        "en": "{value} of the {n} customers who reached «{scope}» went on to a later stage of the map, "
        "{period}. It is not defined in the last stage that has data.",
        "fa": "{value} از {n} مشتری که به «{scope}» رسیدند به مرحله‌ای بعدی از نقشه رفتند، "
        "{period}. برای آخرین مرحله‌ای که داده دارد تعریف نمی‌شود.",
    },
    "reading.dropoff": {
        "en": "{value} of the {n} customers who reached «{scope}» ({count}) left the journey here, {period}: "
        "it was their last step while the next stage has data. Customers who completed the journey, or whose "
        "next stage has no data, are not counted as dropped off.",
        "fa": "{value} از {n} مشتری که به «{scope}» رسیدند ({count} نفر) سفر را این‌جا ترک کردند، {period}: "
        "این آخرین گامشان بود در حالی که مرحله بعد داده دارد. مشتریانی که سفر را کامل کردند، یا مرحله بعدشان "
        "داده ندارد، ریزش شمرده نمی‌شوند.",
    },
    "reading.completed": {
        "en": "{count} customers completed the journey at «{scope}», {period}: it is in the last stage that "
        "has data, so they are not counted as dropped off.",
        "fa": "{count} مشتری سفر را در «{scope}» کامل کردند، {period}: این نقطه در آخرین مرحله‌ای است که "
        "داده دارد، پس ریزش شمرده نمی‌شوند.",
    },
    "reading.completed_share": {
        "en": "{count} of {n} customers ({value}) completed the journey: their last step is in the last stage "
        "that has data, so they are not counted as dropped off.",
        "fa": "{count} از {n} مشتری ({value}) سفر را کامل کردند: آخرین گامشان در آخرین مرحله‌ای است که داده "
        "دارد، پس ریزش شمرده نمی‌شوند.",
    },
    "reading.unobserved": {
        "en": "{count} of {n} customers ({value}) stopped before a stage that has no data: the data cannot say "
        "whether they went on, so they are not counted as dropped off.",
        "fa": "{count} از {n} مشتری ({value}) پیش از مرحله‌ای بی‌داده ایستادند: داده نمی‌گوید ادامه دادند "
        "یا نه، پس ریزش شمرده نمی‌شوند.",
    },
    "reading.kpi.service_level": {
        "en": "{value} of the {n} contacts at «{scope}» that were answered or abandoned (short abandons aside) "
        "were answered within the SLA, {period}.",
        "fa": "{value} از {n} تماس در «{scope}» که پاسخ گرفتند یا رها شدند (رهاشدن‌های کوتاه کنار) در مهلت "
        "پاسخ گرفتند، {period}.",
    },
    "reading.kpi.abandonment_rate": {
        "en": "{value} of the {n} contacts at «{scope}» that were answered or abandoned (short abandons aside) "
        "were abandoned before an answer, {period}.",
        "fa": "{value} از {n} تماس در «{scope}» که پاسخ گرفتند یا رها شدند (رهاشدن‌های کوتاه کنار) پیش از پاسخ "
        "رها شدند، {period}.",
    },
    "reading.kpi.first_contact_resolution": {
        "en": "{value} of the {n} answered contacts at «{scope}» whose outcome is known were resolved at the "
        "first contact: the customer did not come back within the repeat window, {period}.",
        "fa": "{value} از {n} تماس پاسخ‌گرفته در «{scope}» که پیامدشان معلوم است در اولین تماس حل شدند: مشتری "
        "در بازه‌ی تکرار بازنگشت، {period}.",
    },
    "reading.kpi.repeat_share": {
        "en": "{value} of the {n} contacts at «{scope}» came within the repeat window after the same "
        "customer's previous contact, {period}.",
        "fa": "{value} از {n} تماس در «{scope}» در بازه‌ی تکرار پس از تماس پیشین همان مشتری آمدند، {period}.",
    },
    "reading.kpi.transfer_rate": {
        "en": "{value} of the {n} answered contacts at «{scope}» passed between more than one agent, {period}.",
        "fa": "{value} از {n} تماس پاسخ‌گرفته در «{scope}» میان بیش از یک کارشناس دست‌به‌دست شدند، {period}.",
    },
    "reading.kpi.speed_of_answer": {
        "en": "{value}: the mean wait of the {n} answered contacts at «{scope}», from entering the queue to "
        "the answer, {period}.",
        "fa": "{value}: میانگین انتظار {n} تماس پاسخ‌گرفته در «{scope}»، از ورود به صف تا پاسخ، {period}.",
    },
    "reading.kpi.handle_time": {
        "en": "{value}: the mean handle time of the {n} answered contacts at «{scope}» that ended, from the "
        "answer to the end, {period}.",
        "fa": "{value}: میانگین زمان رسیدگی {n} تماس پاسخ‌گرفته و پایان‌یافته در «{scope}»، از پاسخ تا پایان، "
        "{period}.",
    },
    "reading.time_to_next": {
        "en": "{value}: the median time from an event at «{scope}» to the same customer's next step on the "
        "map, {period}; half of the next steps came sooner, half later. A customer's last step has no next "
        "one and is not counted.",
        "fa": "{value}: میانه زمان از رویدادی در «{scope}» تا گام بعدی همان مشتری روی نقشه، {period}؛ "
        "نیمی از گام‌های بعدی زودتر و نیمی دیرتر آمدند. آخرین گام هر مشتری گام بعدی ندارد و شمرده نمی‌شود.",
    },
    "reading.funnel_start": {
        "en": "{value} of the {n} customers who entered the first stage reached «{scope}» after the stages "
        "before it, in order ({count} customers), {period}.",
        "fa": "{value} از {n} مشتری که وارد مرحله نخست شدند، پس از گذر از مرحله‌های پیشین به ترتیب، "
        "به «{scope}» رسیدند ({count} مشتری)، {period}.",
    },
    "reading.funnel_previous": {
        "en": "{value} of the {n} customers of the previous stage went on to «{scope}» ({count} customers).",
        "fa": "{value} از {n} مشتری مرحله پیشین به «{scope}» رسیدند ({count} مشتری).",
    },
    "reading.stopped": {
        "en": "{count} of {n} customers ({value}) had their last step at «{scope}» and did not go on, "
        "although later stages have data.",
        "fa": "{count} از {n} مشتری ({value}) آخرین گامشان در «{scope}» بود و ادامه ندادند، "
        "با آن‌که مرحله‌های بعد داده دارند.",
    },
    # Insights
    "reading.r2": {
        "en": "R² {value}: the share of the differences in the overall outcome between {n} respondents "
        "that the touchpoints' ratings explain together (0: none, 1: all).",
        "fa": "R² برابر {value}: سهمی از تفاوت‌های نتیجه کلی میان {n} پاسخ‌دهنده که امتیازهای نقطه‌های "
        "تماس با هم توضیح می‌دهند (۰: هیچ، ۱: همه).",
    },
    "reading.importance": {
        "en": "Relative weight {value} for «{scope}»: its part of R² by Johnson's relative weights "
        "({share} of R²); the weights of all drivers add up to R². The larger, the more this rating goes "
        "with the outcome.",
        "fa": "وزن نسبی {value} برای «{scope}»: سهم آن از R² به روش وزن‌های نسبی جانسون "
        "({share} از R²)؛ وزن‌های همه محرک‌ها روی هم R² می‌شوند. هر چه بزرگ‌تر، این امتیاز بیشتر با نتیجه "
        "همراه است.",
    },
    "reading.gap": {
        "en": "Gap {value} at «{scope}»: the mean of perception minus expectation over {n} respondents who "
        "rated both; below zero means worse than expected.",
        "fa": "شکاف {value} در «{scope}»: میانگین ادراک منهای انتظار در {n} پاسخ‌دهنده‌ای که هر دو را "
        "امتیاز دادند؛ زیر صفر یعنی بدتر از انتظار.",
    },
    "reading.p_value": {
        "en": "p {value}: the chance of a difference at least this large if there were really none; "
        "below 0.05 it is usually taken as real.",
        "fa": "p {value}: احتمال دیدن تفاوتی دست‌کم به این اندازه اگر در واقع تفاوتی نباشد؛ "
        "زیر ۰٫۰۵ معمولاً واقعی شمرده می‌شود.",
    },
    "reading.dz": {
        "en": "Cohen's dz {value}: the mean gap divided by the spread of the gaps, a size that does not grow "
        "with n; about 0.2 is small, 0.5 medium, 0.8 large.",
        "fa": "dz کوهن برابر {value}: میانگین شکاف تقسیم بر پراکندگی شکاف‌ها، اندازه‌ای که با n بزرگ "
        "نمی‌شود؛ حدود ۰٫۲ کوچک، ۰٫۵ متوسط و ۰٫۸ بزرگ است.",
    },
    "reading.odds_ratio": {
        "en": "Odds ratio {value} for «{scope}»: the odds of reaching the outcome for the {with_n} customers "
        "who had this touchpoint, divided by the odds for the {without_n} who did not; 1 means no "
        "difference, above 1 more likely, below 1 less likely.",
        "fa": "نسبت شانس {value} برای «{scope}»: شانس رسیدن به نتیجه برای {with_n} مشتری که این نقطه تماس "
        "را داشتند، تقسیم بر شانس برای {without_n} مشتری که نداشتند؛ ۱ یعنی بی‌تفاوت، بالای ۱ محتمل‌تر، "
        "زیر ۱ نامحتمل‌تر.",
    },
    "reading.q_value": {
        "en": "q {value}: the p-value adjusted for testing every touchpoint at once (Benjamini–Hochberg); "
        "below 0.05 the difference is unlikely to be chance.",
        "fa": "q {value}: مقدار p اصلاح‌شده برای آزمودن همه نقطه‌های تماس با هم "
        "(بنیامینی–هوخبرگ)؛ زیر ۰٫۰۵ تفاوت به احتمال زیاد تصادفی نیست.",
    },
    # Alerts
    "reading.metric.nps": {"en": "NPS", "fa": "NPS"},
    "reading.metric.csat_top2": {"en": "CSAT", "fa": "CSAT"},
    "reading.metric.conversion": {"en": "Conversion to a later stage", "fa": "نرخ تبدیل به مرحله بعد"},
    "reading.metric.unanswered_share": {
        "en": "The share of unanswered requests",
        "fa": "سهم درخواست‌های بی‌پاسخ",
    },
    "reading.metric.unanswered_questions": {
        "en": "This group's share of the questions customers asked",
        "fa": "سهم این گروه از پرسش‌های مشتریان",
    },
    "reading.metric.negative_share": {"en": "The share of negative comments", "fa": "سهم نظرهای منفی"},
    "reading.metric.other": {"en": "The figure", "fa": "این عدد"},
    "reading.priority": {
        "en": "Priority {priority} = score {score} × evidence {coverage}: the score is the weighted mean of the "
        "components that have data (each scaled to 0–1), the evidence the share of the weights that had data; "
        "a touchpoint known by one component cannot outrank one that all the evidence points at.",
        "fa": "اولویت {priority} = امتیاز {score} × پوشش شواهد {coverage}: امتیاز میانگین وزن‌دار مؤلفه‌هایی "
        "است که داده دارند (هر یک در بازه ۰ تا ۱)، و پوشش سهمی از وزن‌ها که داده داشته است؛ نقطه تماسی که "
        "فقط یک مؤلفه دارد از نقطه‌ای که همه شواهد به آن اشاره می‌کنند جلو نمی‌زند.",
    },
    "reading.alert": {
        "en": "{metric} at «{scope}»: {baseline} in the baseline window (n = {baseline_n}) against {recent} "
        "in the recent window (n = {recent_n}); p {p} is the chance of a change this large if nothing had "
        "really changed. The alert fires when p is below the rule's α.",
        "fa": "{metric} در «{scope}»: {baseline} در بازه پایه (n = {baseline_n}) در برابر {recent} "
        "در بازه اخیر (n = {recent_n})؛ p {p} احتمال چنین تغییری است اگر در واقع چیزی تغییر نکرده باشد. "
        "هشدار وقتی فعال می‌شود که p از α قاعده کمتر باشد.",
    },
}
