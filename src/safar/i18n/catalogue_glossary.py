"""Messages of the glossary page (``glossary.*``): each statistic Safar shows, named and explained in plain
English and Persian (terms and anchors: :mod:`safar.i18n.glossary`)."""

from __future__ import annotations


def _term(anchor: str, en_name: str, fa_name: str, en: str, fa: str) -> dict[str, dict[str, str]]:
    return {
        f"glossary.{anchor}.name": {"en": en_name, "fa": fa_name},
        f"glossary.{anchor}.text": {"en": en, "fa": fa},
    }


GLOSSARY_MESSAGES: dict[str, dict[str, str]] = {
    "glossary.title": {"en": "Glossary", "fa": "واژه‌نامه"},
    "glossary.intro": {
        "en": "What the figures and the statistical words on Safar's pages mean, in plain words. Next to each "
        "figure, the ⓘ button reads that figure with its own numbers.",
        "fa": "معنای عددها و واژه‌های آماری صفحه‌های سفر، به زبان ساده. کنار هر عدد، دکمه ⓘ همان عدد را "
        "با عددهای خودش می‌خواند.",
    },
    **_term(
        "nps",
        "NPS (Net Promoter Score)",
        "NPS (شاخص خالص مروجان)",
        "Customers answer «how likely are you to recommend us?» from 0 to 10. Those who answer 9 or 10 are "
        "promoters, 0 to 6 detractors, 7 and 8 passives. NPS is the percentage of promoters minus the "
        "percentage of detractors, so it runs from −100 (everyone a detractor) to +100 (everyone a promoter).",
        "مشتریان به پرسش «چقدر احتمال دارد ما را به دیگران توصیه کنید؟» از ۰ تا ۱۰ پاسخ می‌دهند. پاسخ ۹ یا "
        "۱۰ مروج است، ۰ تا ۶ منتقد و ۷ و ۸ خنثی. NPS درصد مروجان منهای درصد منتقدان است، پس از −۱۰۰ (همه "
        "منتقد) تا +۱۰۰ (همه مروج) است.",
    ),
    **_term(
        "csat",
        "CSAT (top-2-box satisfaction)",
        "CSAT (رضایت دو گزینه بالا)",
        "The percentage of satisfaction answers in the top two points of the scale: 4 or 5 on a 1–5 scale, "
        "6 or 7 on 1–7 (a survey may choose another number of top points). The rest count as not satisfied.",
        "درصد پاسخ‌های رضایت که در دو نقطه بالای مقیاس‌اند: ۴ یا ۵ روی مقیاس ۱ تا ۵، ۶ یا ۷ روی ۱ تا ۷ "
        "(هر پرسشنامه می‌تواند تعداد دیگری از نقطه‌های بالا را برگزیند). بقیه راضی شمرده نمی‌شوند.",
    ),
    **_term(
        "ces",
        "CES (customer effort score)",
        "CES (شاخص تلاش مشتری)",
        "The mean of the effort answers, by default on a 1–7 scale: how much effort it took the customer to "
        "get what they came for. Less effort is better.",
        "میانگین پاسخ‌های تلاش، به‌طور پیش‌فرض روی مقیاس ۱ تا ۷: مشتری چقدر زحمت کشید تا به آنچه می‌خواست "
        "برسد. تلاش کمتر بهتر است.",
    ),
    **_term(
        "customers",
        "Customers and events",
        "مشتریان و رویدادها",
        "An event is one recorded interaction (a call, a visit, a purchase) bound to a touchpoint of the map. "
        "Customers are the distinct customer ids with at least one such event: a customer who came five "
        "times is five events but one customer.",
        "رویداد یک تعامل ثبت‌شده است (تماس، بازدید، خرید) که به یک نقطه تماس نقشه بسته شده است. مشتریان "
        "شناسه‌های متمایز مشتری با دست‌کم یک رویداد این‌چنینی‌اند: مشتری‌ای که پنج بار آمده پنج رویداد است "
        "اما یک مشتری.",
    ),
    **_term(
        "conversion",
        "Conversion to a later stage",
        "نرخ تبدیل به مرحله بعد",
        "Of the customers who reached a touchpoint, the percentage whose journey later has an event in a "
        "later stage of the map. It is not defined in the last stage that has data: there is nowhere later "
        "to go.",
        "از مشتریانی که به یک نقطه تماس رسیدند، درصدی که بعداً در مرحله‌ای بعدی از نقشه رویداد دارند. برای "
        "آخرین مرحله‌ای که داده دارد تعریف نمی‌شود: جایی بعدتر برای رفتن نیست.",
    ),
    **_term(
        "dropoff",
        "Drop-off, completed and unobserved",
        "ریزش، کامل‌شده و نادیده",
        "A customer drops off at their last step when the stage after it has data, so others went on. A "
        "customer whose last step is in the last stage with data completed the journey; one whose next stage "
        "has no data at all is unobserved (the data cannot say whether they went on). Neither is counted as "
        "drop-off.",
        "مشتری در آخرین گامش ریزش کرده است اگر مرحله بعد از آن داده داشته باشد، یعنی دیگران ادامه داده‌اند. "
        "مشتری‌ای که آخرین گامش در آخرین مرحله دارای داده است سفر را کامل کرده است؛ و مشتری‌ای که مرحله "
        "بعدش هیچ داده‌ای ندارد نادیده است (داده نمی‌گوید ادامه داده یا نه). هیچ‌کدام ریزش شمرده نمی‌شوند.",
    ),
    **_term(
        "funnel",
        "Funnel",
        "قیف",
        "Customers reaching each stage after the stages before it, in order. «From start» divides by those "
        "who entered the first stage, «from previous» by those of the stage before.",
        "مشتریانی که به هر مرحله، پس از مرحله‌های پیش از آن و به ترتیب، رسیدند. «از آغاز» بر شمار واردشدگان "
        "به مرحله نخست تقسیم می‌شود و «از مرحله قبل» بر شمار مشتریان مرحله پیشین.",
    ),
    **_term(
        "time_to_next",
        "Time to next step",
        "زمان تا گام بعد",
        "The time from an event at a touchpoint to the same customer's next event on the map. Pages show the "
        "median of these times; a customer's last step has no next one and is not counted.",
        "زمان از رویدادی در یک نقطه تماس تا رویداد بعدی همان مشتری روی نقشه. صفحه‌ها میانه این زمان‌ها را "
        "نشان می‌دهند؛ آخرین گام هر مشتری گام بعدی ندارد و شمرده نمی‌شود.",
    ),
    **_term(
        "median",
        "Median",
        "میانه",
        "The middle value: half of the values are smaller, half larger. Unlike the mean, a few very long "
        "waits do not pull it up.",
        "مقدار وسط: نیمی از مقدارها کوچک‌تر و نیمی بزرگ‌ترند. برخلاف میانگین، چند انتظار بسیار طولانی آن را "
        "بالا نمی‌کشند.",
    ),
    **_term(
        "negative_share",
        "Share of negative comments",
        "سهم نظرهای منفی",
        "The percentage of customers' comments that the sentiment analysis reads as negative (the others are "
        "neutral or positive).",
        "درصدی از نظرهای مشتریان که تحلیل احساس آن‌ها را منفی می‌خواند (بقیه خنثی یا مثبت‌اند).",
    ),
    **_term(
        "emotion",
        "Assumed and measured emotion",
        "احساس فرضی و سنجیده",
        "The emotion curve runs from −2 (very negative) to +2 (very positive). The assumed curve is what the "
        "map's authors wrote; the measured one comes from customers' answers and comments, and has points only "
        "where there is data. A flag marks a touchpoint where the two disagree.",
        "منحنی احساس از −۲ (بسیار منفی) تا +۲ (بسیار مثبت) است. منحنی فرضی همان است که نویسندگان نقشه "
        "نوشته‌اند؛ منحنی سنجیده از پاسخ‌ها و نظرهای مشتریان می‌آید و فقط جایی نقطه دارد که داده هست. پرچم "
        "نقطه تماسی را نشان می‌دهد که این دو در آن با هم نمی‌خوانند.",
    ),
    **_term(
        "n",
        "n (how many)",
        "n (چند تا)",
        "The number of answers, customers or respondents a figure is computed from. The smaller n, the more "
        "a figure moves by chance: below 30 answers Safar marks it as a small sample, and below 2 it shows no "
        "interval.",
        "شمار پاسخ‌ها، مشتریان یا پاسخ‌دهندگانی که عدد از آن‌ها حساب شده است. هر چه n کوچک‌تر، عدد بیشتر "
        "بر اثر تصادف جابه‌جا می‌شود: زیر ۳۰ پاسخ سفر آن را نمونه کوچک نشان می‌دهد و زیر ۲ بازه‌ای نشان نمی‌دهد.",
    ),
    **_term(
        "interval",
        "Confidence interval",
        "بازه اطمینان",
        "The range in which the true value lies with 95% confidence, given how many answers there are; more "
        "answers make it narrower, and it never leaves its scale. Safar uses the Wilson score interval for "
        "percentages (CSAT, conversion, drop-off), a normal (Wald) interval for NPS, Student's t interval for "
        "means (CES, gaps), a bootstrap percentile interval for driver weights and Woolf's log interval for "
        "odds ratios.",
        "بازه‌ای که مقدار واقعی، با توجه به شمار پاسخ‌ها، با اطمینان ۹۵٪ در آن است؛ پاسخ‌های بیشتر آن را "
        "باریک‌تر می‌کند و هرگز از مقیاس بیرون نمی‌رود. سفر برای درصدها (CSAT، تبدیل، ریزش) بازه امتیاز "
        "ویلسون، برای NPS بازه نرمال (والد)، برای میانگین‌ها (CES، شکاف‌ها) بازه t استیودنت، برای وزن محرک‌ها "
        "بازه صدکی بوت‌استرپ و برای نسبت شانس بازه لگاریتمی وولف را به کار می‌برد.",
    ),
    **_term(
        "p_value",
        "p-value",
        "مقدار p",
        "The chance of seeing a difference at least this large if there were really no difference. A small p "
        "(usually below 0.05) means chance alone is an unlikely explanation; it does not say how large or "
        "important the difference is. Gaps use a paired t-test (and Wilcoxon's test), moments of truth "
        "Fisher's exact test.",
        "احتمال دیدن تفاوتی دست‌کم به این اندازه اگر در واقع تفاوتی نباشد. p کوچک (معمولاً زیر ۰٫۰۵) یعنی "
        "تصادف به‌تنهایی توضیح محتملی نیست؛ اما نمی‌گوید تفاوت چقدر بزرگ یا مهم است. شکاف‌ها با آزمون t "
        "زوجی (و آزمون ویلکاکسون) و لحظه‌های حقیقت با آزمون دقیق فیشر سنجیده می‌شوند.",
    ),
    **_term(
        "q_value",
        "q (Benjamini–Hochberg)",
        "q (بنیامینی–هوخبرگ)",
        "When many touchpoints are tested at once, some small p-values appear by chance. q is the p-value "
        "adjusted for this (Benjamini–Hochberg false discovery rate): below 0.05, fewer than 5% of the "
        "touchpoints called significant are expected to be false alarms.",
        "وقتی نقطه‌های تماس زیادی با هم آزموده می‌شوند، برخی مقدارهای p کوچک تصادفی پیدا می‌شوند. q همان "
        "مقدار p است که برای این اصلاح شده است (نرخ کشف نادرست بنیامینی–هوخبرگ): زیر ۰٫۰۵، انتظار می‌رود "
        "کمتر از ۵٪ نقطه‌های معنادار هشدار نادرست باشند.",
    ),
    **_term(
        "alpha",
        "α (significance level)",
        "α (سطح معناداری)",
        "The threshold a p or q value must fall below to count as significant: 0.05 for insights, 0.01 by "
        "default for alerts, so that an alert is rarely a false alarm.",
        "آستانه‌ای که مقدار p یا q باید از آن کمتر باشد تا معنادار شمرده شود: ۰٫۰۵ برای بینش‌ها و به‌طور "
        "پیش‌فرض ۰٫۰۱ برای هشدارها، تا هشدار به‌ندرت نادرست باشد.",
    ),
    **_term(
        "ztest",
        "Two-proportion z-test (alerts)",
        "آزمون زد دو نسبت (هشدارها)",
        "An alert compares a recent window (for example the last 7 days) with the baseline window before it (for example the "
        "28 days before). The z-test asks whether the fall from the baseline to the recent value is larger "
        "than chance would make it; the alert fires when its p is below α, both windows have at least the "
        "rule's n and the fall is at least the rule's minimum effect.",
        "هشدار یک بازه اخیر (مثلاً ۷ روز گذشته) را با بازه پایه پیش از آن (مثلاً ۲۸ روز پیش‌تر) مقایسه می‌کند. "
        "آزمون زد می‌پرسد آیا افت از مقدار پایه تا مقدار اخیر بزرگ‌تر از آن است که تصادف بسازد؛ هشدار وقتی "
        "فعال می‌شود که p آن از α کمتر باشد، هر دو بازه دست‌کم n قاعده را داشته باشند و افت دست‌کم به "
        "اندازه کمینه اثر قاعده باشد.",
    ),
    **_term(
        "min_effect",
        "Δ (minimum effect)",
        "Δ (کمینه اثر)",
        "The smallest fall an alert rule cares about (for example 0.05: five percentage points). Smaller falls "
        "do not fire an alert even when they are significant.",
        "کوچک‌ترین افتی که قاعده هشدار به آن اهمیت می‌دهد (برای نمونه ۰٫۰۵: پنج واحد درصد). افت‌های کوچک‌تر "
        "حتی اگر معنادار باشند هشدار نمی‌دهند.",
    ),
    **_term(
        "r2",
        "R² (explained share)",
        "R² (سهم توضیح‌داده‌شده)",
        "How much of the differences in the overall outcome (for example overall satisfaction) between "
        "respondents the touchpoints' ratings explain together: 0 nothing, 1 everything.",
        "چه مقدار از تفاوت‌های نتیجه کلی (مثلاً رضایت کلی) میان پاسخ‌دهندگان را امتیازهای نقطه‌های تماس با "
        "هم توضیح می‌دهند: ۰ هیچ، ۱ همه.",
    ),
    **_term(
        "relative_weights",
        "Johnson's relative weights (importance)",
        "وزن‌های نسبی جانسون (اهمیت)",
        "R² shared out among the drivers, even when their ratings move together: each driver's weight is its "
        "part of R², and the weights add up to R². «Share of R²» is the weight divided by R².",
        "R² میان محرک‌ها تقسیم می‌شود، حتی وقتی امتیازهایشان با هم بالا و پایین می‌روند: وزن هر محرک سهم آن "
        "از R² است و وزن‌ها روی هم R² می‌شوند. «سهم از R²» وزن تقسیم بر R² است.",
    ),
    **_term(
        "matrix",
        "Importance × performance",
        "اهمیت × عملکرد",
        "Each driver placed by its importance (relative weight) and performance (its mean rating). Important "
        "and low-performing: fix first; important and high: keep up; unimportant and high: possibly overkill.",
        "هر محرک بر پایه اهمیت (وزن نسبی) و عملکرد (میانگین امتیاز) جای می‌گیرد. مهم و کم‌عملکرد: اول اصلاح "
        "شود؛ مهم و پرعملکرد: حفظ شود؛ کم‌اهمیت و پرعملکرد: شاید بیش از نیاز.",
    ),
    **_term(
        "gap",
        "Expectation gap",
        "شکاف انتظار",
        "Perception minus expectation, per respondent who rated both at a touchpoint, then averaged. Below "
        "zero, the experience was worse than expected.",
        "ادراک منهای انتظار، برای هر پاسخ‌دهنده‌ای که هر دو را در یک نقطه تماس امتیاز داده، سپس میانگین. زیر "
        "صفر یعنی تجربه بدتر از انتظار بوده است.",
    ),
    **_term(
        "dz",
        "Cohen's dz (effect size)",
        "dz کوهن (اندازه اثر)",
        "The mean gap divided by the standard deviation of the gaps: how large the gap is compared with how "
        "much respondents differ. Unlike p it does not grow with n. About 0.2 is small, 0.5 medium, 0.8 large.",
        "میانگین شکاف تقسیم بر انحراف معیار شکاف‌ها: شکاف در برابر تفاوت پاسخ‌دهندگان با هم چقدر بزرگ است. "
        "برخلاف p با n بزرگ نمی‌شود. حدود ۰٫۲ کوچک، ۰٫۵ متوسط و ۰٫۸ بزرگ است.",
    ),
    **_term(
        "odds_ratio",
        "Odds ratio",
        "نسبت شانس",
        "The odds of reaching the outcome for customers who had a touchpoint, divided by the odds for those "
        "who did not. 1: no difference; 2: twice the odds; 0.5: half.",
        "شانس رسیدن به نتیجه برای مشتریانی که یک نقطه تماس را داشتند، تقسیم بر شانس برای آنان که نداشتند. "
        "۱: بی‌تفاوت؛ ۲: دو برابر شانس؛ ۰٫۵: نصف.",
    ),
    **_term(
        "moments",
        "Moments of truth",
        "لحظه‌های حقیقت",
        "Touchpoints that matter most for the outcome. From behaviour: a touchpoint matters when its odds "
        "ratio is significant (q below α); it has no effect when its whole interval lies close to 1. The "
        "verdict sets the data beside what the map claims.",
        "نقطه‌های تماسی که بیشترین اثر را بر نتیجه دارند. از رفتار: نقطه تماسی اثرگذار است که نسبت شانس آن "
        "معنادار باشد (q کمتر از α)؛ و بدون اثر است اگر تمام بازه‌اش نزدیک ۱ باشد. داوری، داده را کنار ادعای "
        "نقشه می‌گذارد.",
    ),
    **_term(
        "priority",
        "Opportunity priority",
        "اولویت فرصت",
        "Each component (reach, drop-off, negative sentiment, gap…) is scaled to 0–1 and weighted; the score "
        "is their weighted mean over the components that have data, and coverage says what share of the "
        "weights had data. Priority is the score times the coverage.",
        "هر جزء (دسترسی، ریزش، احساس منفی، شکاف…) به بازه ۰ تا ۱ برده و وزن‌دار می‌شود؛ امتیاز میانگین "
        "وزن‌دار جزءهایی است که داده دارند، و پوشش می‌گوید چه سهمی از وزن‌ها داده داشته است. اولویت، امتیاز "
        "ضرب در پوشش است.",
    ),
    **_term(
        "cronbach_alpha",
        "Cronbach's α (reliability)",
        "α کرونباخ (پایایی)",
        "How consistently several questions that should measure the same thing are answered, from 0 to 1; "
        "about 0.7 or more is usually read as reliable enough to add the questions into one score.",
        "چقدر چند پرسش که باید یک چیز را بسنجند یکدست پاسخ داده شده‌اند، از ۰ تا ۱؛ حدود ۰٫۷ یا بیشتر "
        "معمولاً به این معناست که می‌توان آن پرسش‌ها را در یک امتیاز جمع کرد.",
    ),
    **_term(
        "retention",
        "Cohort retention",
        "نگه‌داشت گروه‌ها",
        "Customers are grouped by the period (week, month…) of their first event, or of their first visit to a "
        "chosen touchpoint: a cohort. For each later period, retention is the share of the cohort with at least "
        "one event in it. Period 0 is the cohort's own, so it is always 100%. The last period may not be over.",
        "مشتریان بر پایه دوره (هفته، ماه…) نخستین رویدادشان، یا نخستین مراجعه‌شان به نقطه تماسی برگزیده، گروه "
        "می‌شوند. نگه‌داشت در هر دوره بعد، سهمی از گروه است که در آن دوره دست‌کم یک رویداد داشته‌اند. دوره ۰ "
        "دوره خود گروه است، پس همیشه ۱۰۰٪ است. دوره آخر ممکن است هنوز تمام نشده باشد.",
    ),
    **_term(
        "churn",
        "Churn",
        "رویگردانی مشتری",
        "A customer has churned when they have had no event for the chosen period (such as 90 days) before the "
        "data's last event — or, where the data records it, when their last event is an explicit churn event "
        "such as a cancelled contract. It is not drop-off, which is about one journey stopping at a step.",
        "مشتری رویگردان شده است اگر در دوره برگزیده (مثلاً ۹۰ روز) پیش از آخرین رویداد داده هیچ رویدادی نداشته "
        "باشد — یا، جایی که داده ثبتش می‌کند، آخرین رویدادش رویداد صریح رویگردانی مانند لغو قرارداد باشد. این "
        "با ریزش فرق دارد که درباره توقف یک سفر در یک گام است.",
    ),
    **_term(
        "churn_risk",
        "Churn risk, AUC, Brier score and calibration",
        "ریسک رویگردانی، AUC، امتیاز بریر و کالیبراسیون",
        "The chance that a customer who has not churned will churn within the next period, from a logistic "
        "regression on their journey so far. It is learned on one period and checked on the next, whose outcome "
        "it has not seen: AUC is the chance that a customer who churned got a higher risk than one who stayed "
        "(0.5 is guessing, 1 perfect); the Brier score is the mean squared error of the risks (lower is "
        "better); calibration compares predicted risk with the share who really churned. The odds of a feature "
        "say how many times the odds of churning grow with one standard deviation more of it.",
        "احتمال اینکه مشتری‌ای که هنوز رویگردان نشده در دوره بعد رویگردان شود، از رگرسیون لجستیک روی سفرش تا "
        "امروز. روی یک دوره آموخته و روی دوره بعد، که نتیجه‌اش را ندیده، آزموده می‌شود: AUC احتمال آن است که "
        "مشتری رویگردان ریسکی بالاتر از مشتری مانده گرفته باشد (۰٫۵ حدس، ۱ کامل)؛ امتیاز بریر میانگین مربع خطای "
        "ریسک‌هاست (کمتر بهتر)؛ کالیبراسیون ریسک پیش‌بینی‌شده را با سهم کسانی که واقعاً رویگردان شدند می‌سنجد. "
        "بخت هر ویژگی می‌گوید بخت رویگردانی با یک انحراف معیار بیشتر از آن چند برابر می‌شود.",
    ),
    **_term(
        "health",
        "Customer health",
        "سلامت مشتری",
        "A score from 0 to 100 per customer: the weighted mean of what the data has for them — recency (days since "
        "their last event against the churn period), frequency (their events in that period, ranked among all "
        "customers), their latest NPS answer, the sentiment of their comments, few contacts, and no open case. "
        "Its trend compares each customer's score with the one the same data gave 30 days earlier.",
        "امتیازی از ۰ تا ۱۰۰ برای هر مشتری: میانگین وزن‌دار آنچه داده برای او دارد — تازگی (روزهای گذشته از آخرین "
        "رویداد در برابر دوره رویگردانی)، بسامد (رویدادهایش در آن دوره، رتبه‌بندی‌شده میان همه مشتریان)، آخرین پاسخ "
        "NPS، احساس نظرهایش، تماس‌های کم و نبود پرونده باز. روند آن امتیاز هر مشتری را با امتیازی می‌سنجد که همین "
        "داده ۳۰ روز پیش می‌داد.",
    ),
}
