"""Messages of retention, churn and churn risk (the retention page, ``safar analyze retention | churn``), in
English and Persian."""

from __future__ import annotations

RETENTION_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "retention.which_map": {
        "en": "Which map's touchpoints? Give --map ID: the maps bound to {dataset} are: {maps}.",
        "fa": "نقطه‌های تماسِ کدام نقشه؟ --map ID را بدهید: نقشه‌هایی که به {dataset} وصل‌اند: {maps}.",
    },
    "retention.one_start": {
        "en": "Give the cohorts' start as a touchpoint (--start-touchpoint) or an activity (--start-activity), not both.",
        "fa": "شروع گروه‌ها را یا با نقطه تماس (--start-touchpoint) بدهید یا با فعالیت (--start-activity)، نه هر دو.",
    },
    "retention.unknown_start": {
        "en": "The map has no touchpoint “{touchpoint}” to start the cohorts at.",
        "fa": "نقشه نقطه تماسی به نام «{touchpoint}» ندارد که گروه‌ها از آن شروع شوند.",
    },
    "retention.bad_k": {
        "en": "The period after the cohort's start must be a whole number from 0 to 10,000 (it was {value}).",
        "fa": "شماره دوره پس از شروع گروه باید عددی درست از ۰ تا ۱۰٬۰۰۰ باشد (بود: {value}).",
    },
    "retention.no_dataset": {
        "en": "The map is bound to no dataset yet: bind it to one on its data page first.",
        "fa": "نقشه هنوز به هیچ مجموعه داده‌ای وصل نیست: نخست در صفحه داده آن را وصل کنید.",
    },
    "churn.one_rule": {
        "en": "Churn is read by inactivity (--inactive, e.g. 90d) or by an explicit churn event (--churn-event), "
        "one of them.",
        "fa": "رویگردانی یا با غیرفعال ماندن خوانده می‌شود (--inactive، مثلاً 90d) یا با رویداد صریح رویگردانی "
        "(--churn-event)؛ یکی از این دو.",
    },
    "churn.horizon_needed": {
        "en": "With a churn event, say how far ahead the risk looks: --horizon (e.g. 90d).",
        "fa": "با رویداد رویگردانی، بگویید ریسک تا چه مدت جلوتر را می‌سنجد: --horizon (مثلاً 90d).",
    },
    "churn.bad_top": {
        "en": "--top must be between 1 and 10,000 (it was {value}).",
        "fa": "--top باید بین ۱ و ۱۰٬۰۰۰ باشد (بود: {value}).",
    },
    "churn.short_history": {
        "en": "The data is too short for a churn-risk model: it needs at least twice the churn period before its "
        "last event (one to learn, one to check the model on customers it has not seen).",
        "fa": "داده برای مدل ریسک رویگردانی کوتاه است: دست‌کم دو برابرِ دوره رویگردانی پیش از آخرین رویداد لازم است (یکی "
        "برای یادگیری، یکی برای آزمودن مدل روی مشتریانی که ندیده).",
    },
    "churn.too_few": {
        "en": "Too few customers for a churn-risk model: each of its two periods needs at least 50 customers, "
        "10 of whom churned and 10 stayed.",
        "fa": "مشتریان برای مدل ریسک رویگردانی کم‌اند: هر یک از دو دوره آن دست‌کم ۵۰ مشتری می‌خواهد که ۱۰ نفرشان رویگردان "
        "شده و ۱۰ نفر مانده باشند.",
    },
    # What the risk model reads
    "churn.feature.recency_days": {"en": "days since the last event", "fa": "روزهای گذشته از آخرین رویداد"},
    "churn.feature.tenure_days": {"en": "days since the first event", "fa": "روزهای گذشته از نخستین رویداد"},
    "churn.feature.events": {"en": "number of events", "fa": "تعداد رویدادها"},
    "churn.feature.step": {"en": "visits to {step}", "fa": "مراجعه به {step}"},
    # The Journeys page's funnel analysis
    "funnel.others": {"en": "Everyone else", "fa": "بقیه مشتریان"},
    "funnel.analysis": {"en": "Funnel analysis", "fa": "تحلیل قیف"},
    "funnel.analysis_help": {
        "en": "The stage funnel per entry channel or for a persona, this period against the one before (the "
        "period of the filter above, else the data's last 30 days), and how long customers take.",
        "fa": "قیف مرحله‌ها به تفکیک کانال ورود یا برای یک پرسونا، این دوره در برابر دوره پیش از آن (دوره فیلتر "
        "بالا، وگرنه ۳۰ روز آخر داده) و زمانی که مشتریان صرف می‌کنند.",
    },
    "funnel.breakdown": {"en": "Break down by", "fa": "تفکیک بر پایه"},
    "funnel.no_breakdown": {"en": "nothing", "fa": "هیچ"},
    "funnel.by_channel": {"en": "entry channel", "fa": "کانال ورود"},
    "funnel.by_persona": {"en": "persona: {name}", "fa": "پرسونا: {name}"},
    "funnel.compare": {"en": "Compare with the period before", "fa": "مقایسه با دوره پیش"},
    "funnel.times": {"en": "Time taken", "fa": "زمان صرف‌شده"},
    "funnel.order": {"en": "Order", "fa": "ترتیب"},
    "funnel.order_sequential": {
        "en": "each later, others between",
        "fa": "هر گام پس‌تر، با گام‌های دیگر در میان",
    },
    "funnel.order_strict": {"en": "each right after the one before", "fa": "هر گام درست پس از پیشین"},
    "funnel.order_any": {"en": "in any order", "fa": "به هر ترتیب"},
    "funnel.window": {"en": "Within", "fa": "در کمتر از"},
    "funnel.no_window": {"en": "any time", "fa": "بی‌محدودیت زمانی"},
    "funnel.group": {"en": "Group", "fa": "گروه"},
    "funnel.period": {
        "en": "Customers who began between {start} and {end}, against those who began in the same length before "
        "(from {previous}).",
        "fa": "مشتریانی که میان {start} و {end} شروع کردند، در برابر آن‌ها که در همین مدتِ پیش از آن (از {previous}) "
        "شروع کرده بودند.",
    },
    "funnel.previous": {"en": "Period before", "fa": "دوره پیش"},
    "funnel.current": {"en": "This period", "fa": "این دوره"},
    "funnel.change": {"en": "Change", "fa": "تغییر"},
    "funnel.median_time": {
        "en": "Median time from the first stage: before → now",
        "fa": "میانه زمان از مرحله نخست: پیش ← اکنون",
    },
    "funnel.points": {"en": "{value} points", "fa": "{value} واحد درصد"},
    "funnel.significant": {
        "en": "a real change (under a 5% chance of luck)",
        "fa": "تغییر واقعی (احتمال تصادف کمتر از ۵٪)",
    },
    "funnel.not_significant": {"en": "could be chance", "fa": "ممکن است تصادفی باشد"},
    "funnel.to_convert": {
        "en": "From the first stage (median · p75 · p90)",
        "fa": "از مرحله نخست (میانه · صدک ۷۵ · صدک ۹۰)",
    },
    "funnel.in_step": {"en": "From the stage before (median)", "fa": "از مرحله پیش (میانه)"},
    "funnel.dropped": {
        "en": "Left after the stage before: how many · median stay",
        "fa": "رفته پس از مرحله پیش: تعداد · میانه ماندن",
    },
    "funnel.histogram": {"en": "Time from the first stage", "fa": "زمان از مرحله نخست"},
    # Customer health
    "health.bad_band": {
        "en": "There is no health band {band}: the bands are 0 to {bands_last} (0–20 points … 80–100).",
        "fa": "دسته سلامت {band} وجود ندارد: دسته‌ها ۰ تا {bands_last} هستند (۰ تا ۲۰ امتیاز … ۸۰ تا ۱۰۰).",
    },
    "health.value_needs_segment": {
        "en": "A segment value lists the customers of one segment: name the attribute too (segment_attr).",
        "fa": "مقدار بخش، مشتریان یک بخش را فهرست می‌کند: ویژگی‌اش را هم نام ببرید (segment_attr).",
    },
    "health.band_customers": {
        "en": "Customers in health {low} to {high}: {n}",
        "fa": "مشتریان با سلامت {low} تا {high}: {n}",
    },
    "health.export_band": {"en": "Export these customers (CSV)", "fa": "برون‌بری این مشتریان (CSV)"},
    "health.bad_weights": {
        "en": "The health weights “{weights}” cannot be read: give COMPONENT=NUMBER (0 to 100), comma-separated, "
        "of recency, frequency, survey, sentiment, contacts, cases, at least one above 0.",
        "fa": "وزن‌های سلامت «{weights}» خوانده نمی‌شود: به شکل مؤلفه=عدد (۰ تا ۱۰۰) با ویرگول بدهید، از recency، "
        "frequency، survey، sentiment، contacts، cases، دست‌کم یکی بیش از ۰.",
    },
    "health.component.recency": {"en": "recency", "fa": "تازگی"},
    "health.component.frequency": {"en": "frequency", "fa": "بسامد"},
    "health.component.survey": {"en": "latest NPS answer", "fa": "آخرین پاسخ NPS"},
    "health.component.sentiment": {"en": "sentiment of comments", "fa": "احساس نظرها"},
    "health.component.contacts": {"en": "few contacts", "fa": "تماس‌های کم"},
    "health.component.cases": {"en": "no open case", "fa": "نبود پرونده باز"},
    "health.title": {"en": "Customer health", "fa": "سلامت مشتری"},
    "health.help": {
        "en": "A score from 0 to 100 per customer: the weighted mean of recency, frequency, their latest NPS "
        "answer, the sentiment of their comments and whether they have an open case, of those the data has for "
        "them.",
        "fa": "امتیازی از ۰ تا ۱۰۰ برای هر مشتری: میانگین وزن‌دار تازگی، بسامد، آخرین پاسخ NPS، احساس نظرها و باز "
        "بودن پرونده، از آن‌هایی که داده برایش دارد.",
    },
    "health.summary": {
        "en": "Mean health {mean} of {customers} customers ({before} {days} days earlier): {improved} improved, "
        "{worsened} worsened.",
        "fa": "میانگین سلامت {mean} برای {customers} مشتری ({before} در {days} روز پیش): {improved} بهتر، "
        "{worsened} بدتر.",
    },
    "health.band": {"en": "Score", "fa": "امتیاز"},
    "health.lowest": {"en": "Customers in the worst health", "fa": "مشتریان با بدترین سلامت"},
    "health.score": {"en": "Health", "fa": "سلامت"},
    "health.change": {"en": "Change", "fa": "تغییر"},
    "health.lowest_accounts": {
        "en": "Accounts in the worst health (of {n})",
        "fa": "حساب‌ها با بدترین سلامت (از {n})",
    },
    "health.account": {"en": "Account", "fa": "حساب"},
    "health.weakest": {"en": "Its least healthy customer", "fa": "کم‌سلامت‌ترین مشتری آن"},
    # The map's rules
    "rules.starts_with": {"en": "Customers start at “{a}”", "fa": "مشتریان از «{a}» آغاز می‌کنند"},
    "rules.must_follow": {"en": "“{a}” comes before “{b}”", "fa": "«{a}» پیش از «{b}» می‌آید"},
    "rules.must_not_skip": {"en": "No one skips “{a}”", "fa": "کسی «{a}» را جا نمی‌اندازد"},
    "rules.within": {"en": "From “{a}” to “{b}” within {time}", "fa": "از «{a}» تا «{b}» در کمتر از {time}"},
    "rules.title": {"en": "The map's rules", "fa": "قاعده‌های نقشه"},
    "rules.help": {
        "en": "The designed journey read as rules, each checked on every customer it applies to, with what breaking "
        "it cost: the share who did not reach the last stage, and the median time from their first to last step.",
        "fa": "سفر طراحی‌شده به‌صورت قاعده، هر یک روی همه مشتریانی که شاملشان می‌شود سنجیده شده، با هزینه شکستن آن: "
        "سهم کسانی که به مرحله آخر نرسیدند، و میانه زمان از نخستین تا آخرین گامشان.",
    },
    "rules.check": {"en": "Check the rules", "fa": "سنجیدن قاعده‌ها"},
    "rules.within_label": {"en": "Each next stage within", "fa": "هر مرحله بعد در کمتر از"},
    "rules.no_time": {"en": "no time rule", "fa": "بدون قاعده زمانی"},
    "rules.summary": {
        "en": "{keeping} of {customers} customers ({share}) kept every rule.",
        "fa": "{keeping} از {customers} مشتری ({share}) همه قاعده‌ها را رعایت کردند.",
    },
    "rules.rule": {"en": "Rule", "fa": "قاعده"},
    "rules.applies": {"en": "Applies to", "fa": "شامل"},
    "rules.broken": {"en": "Broke it", "fa": "شکستند"},
    "rules.dropoff": {
        "en": "Did not reach the end: broke / kept",
        "fa": "به پایان نرسیدند: شکستند / رعایت کردند",
    },
    "rules.time": {"en": "Median time: broke / kept", "fa": "میانه زمان: شکستند / رعایت کردند"},
    # The paths diagram
    "sankey.exit": {"en": "left", "fa": "رفتند"},
    "sankey.other": {"en": "{n} other steps", "fa": "{n} گام دیگر"},
    # Paths from and to a touchpoint
    "flows.end": {"en": "left (no later event)", "fa": "رفت (رویداد دیگری نیست)"},
    "flows.start": {"en": "journey began", "fa": "آغاز سفر"},
    "flows.off_map": {"en": "off the map: {activity}", "fa": "بیرون از نقشه: {activity}"},
    "flows.title": {
        "en": "Where customers go from a touchpoint, and how they come to it",
        "fa": "مشتریان از یک نقطه تماس به کجا می‌روند و چگونه به آن می‌رسند",
    },
    "flows.help": {
        "en": "Each customer's first visit to the touchpoint, and the touchpoints right after it (or before it). "
        "Events the map does not bind are shown as off the map: the paths that leave the designed journey.",
        "fa": "نخستین مراجعه هر مشتری به نقطه تماس، و نقطه‌های تماس درست پس (یا پیش) از آن. رویدادهایی که نقشه "
        "به جایی وصل نمی‌کند «بیرون از نقشه» نشان داده می‌شوند: مسیرهایی که از سفر طراحی‌شده بیرون می‌روند.",
    },
    "flows.touchpoint": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "flows.from": {"en": "where they go after it", "fa": "پس از آن کجا می‌روند"},
    "flows.to": {"en": "how they come to it", "fa": "چگونه به آن می‌رسند"},
    "flows.next_after": {"en": "Right after", "fa": "درست پس از آن"},
    "flows.next_before": {"en": "Right before", "fa": "درست پیش از آن"},
    "flows.paths": {
        "en": "The commonest paths ({customers} customers)",
        "fa": "رایج‌ترین مسیرها ({customers} مشتری)",
    },
    "flows.other": {"en": "other paths: {n} customers", "fa": "مسیرهای دیگر: {n} مشتری"},
    # The page
    "retention.title": {"en": "Retention and churn", "fa": "نگه‌داشت و رویگردانی مشتری"},
    "retention.intro": {
        "en": "Customers grouped by the period they started in, how many of each group come back in each later "
        "period, who has left and who is likely to leave next, from the map's data.",
        "fa": "مشتریان بر پایه دوره‌ای که شروع کردند گروه‌بندی شده‌اند: چند نفر از هر گروه در هر دوره بعد بازمی‌گردند، "
        "چه کسانی رفته‌اند و چه کسانی احتمالاً می‌روند؛ از داده نقشه.",
    },
    "retention.link": {"en": "Retention and churn", "fa": "نگه‌داشت و رویگردانی"},
    "retention.period": {"en": "Period", "fa": "دوره"},
    "retention.start": {"en": "Cohorts start at", "fa": "شروع گروه‌ها"},
    "retention.first_event": {"en": "the first event", "fa": "نخستین رویداد"},
    "retention.inactive": {"en": "Churned after no activity for", "fa": "رویگردانی پس از بی‌فعالیتی به مدت"},
    "retention.days": {"en": "{n} days", "fa": "{n} روز"},
    "retention.cohorts": {"en": "Cohort retention", "fa": "نگه‌داشت گروه‌ها"},
    "retention.cohorts_help": {
        "en": "Each row is the customers who started in that period; each column is the share of them with an "
        "event that many periods later (the number atop the column; their count below). Period 0 is the period "
        "they started in.",
        "fa": "هر سطر مشتریانی است که در آن دوره شروع کردند؛ هر ستون سهمی از آن‌هاست که چند دوره بعد (عدد بالای "
        "ستون) رویدادی داشتند (تعدادشان زیر آن). دوره ۰ همان دوره شروع است.",
    },
    "retention.cohort": {"en": "Cohort", "fa": "گروه"},
    "retention.size": {"en": "Customers", "fa": "مشتریان"},
    "retention.average": {"en": "All cohorts", "fa": "همه گروه‌ها"},
    "retention.partial": {
        "en": "The last period is not over yet: its figures will grow.",
        "fa": "دوره آخر هنوز تمام نشده است: عددهای آن بیشتر خواهد شد.",
    },
    "retention.no_data": {
        "en": "No customer has started yet in the chosen data.",
        "fa": "در داده انتخاب‌شده هنوز مشتری‌ای شروع نکرده است.",
    },
    "retention.churn": {"en": "Churn", "fa": "رویگردانی"},
    "retention.churn_summary": {
        "en": "On {as_of}, {churned} of {customers} customers ({share}) had no event for {days} days: they "
        "have churned.",
        "fa": "در {as_of}، {churned} از {customers} مشتری ({share}) {days} روز هیچ رویدادی نداشتند: رویگردان شده‌اند.",
    },
    "retention.churned": {"en": "Churned", "fa": "رویگردان"},
    "retention.churn_share": {"en": "Share churned", "fa": "سهم رویگردانی"},
    "retention.risk": {"en": "Churn risk", "fa": "ریسک رویگردانی"},
    "retention.risk_help": {
        "en": "A logistic regression on each customer's journey so far (recency, tenure, events, visits to each "
        "touchpoint), learned on one period and checked on the next, whose outcome it had not seen.",
        "fa": "رگرسیون لجستیک روی سفر هر مشتری تا امروز (تازگی، سابقه، رویدادها، مراجعه به هر نقطه تماس)، آموخته "
        "روی یک دوره و آزموده روی دوره بعد که نتیجه‌اش را ندیده بود.",
    },
    "retention.validation": {
        "en": "Checked on {customers} customers of {cutoff} ({churned} churned within {days} days): AUC {auc}, "
        "Brier score {brier}.",
        "fa": "آزموده روی {customers} مشتریِ {cutoff} ({churned} نفر ظرف {days} روز رویگردان شدند): AUC {auc}، "
        "امتیاز بریر {brier}.",
    },
    "retention.calibration": {"en": "Calibration", "fa": "کالیبراسیون"},
    "retention.predicted": {"en": "Predicted risk", "fa": "ریسک پیش‌بینی‌شده"},
    "retention.observed": {"en": "Churned in fact", "fa": "رویگردانی واقعی"},
    "retention.effects": {"en": "What raises or lowers the risk", "fa": "آنچه ریسک را بالا یا پایین می‌برد"},
    "retention.feature": {"en": "Feature", "fa": "ویژگی"},
    "retention.odds": {
        "en": "Odds of churning, per standard deviation more",
        "fa": "بخت رویگردانی به ازای یک انحراف معیار بیشتر",
    },
    "retention.raises": {"en": "raises", "fa": "بالا می‌برد"},
    "retention.lowers": {"en": "lowers", "fa": "پایین می‌آورد"},
    "retention.at_risk": {
        "en": "Customers most at risk now",
        "fa": "مشتریانی که اکنون بیشترین ریسک را دارند",
    },
    "retention.at_risk_help": {
        "en": "{scored} customers who have not churned were scored; the {shown} most at risk are listed.",
        "fa": "{scored} مشتری که رویگردان نشده‌اند امتیاز گرفتند؛ {shown} نفر با بیشترین ریسک فهرست شده‌اند.",
    },
    "retention.customer": {"en": "Customer", "fa": "مشتری"},
    "retention.risk_value": {"en": "Risk", "fa": "ریسک"},
    "retention.last_event": {"en": "Last event", "fa": "آخرین رویداد"},
    "retention.events": {"en": "Events", "fa": "رویدادها"},
    "retention.reasons": {"en": "Why", "fa": "چرا"},
    "retention.export": {"en": "Export the list (CSV)", "fa": "خروجی فهرست (CSV)"},
    "retention.table_view": {"en": "As a table", "fa": "به‌صورت جدول"},
    "retention.cell_customers": {
        "en": "{cohort}: the {total} customers active {k} periods after they started",
        "fa": "{cohort}: {total} مشتری که {k} دوره پس از شروع فعال بودند",
    },
    "retention.listed": {
        "en": "The first {n} by id are listed.",
        "fa": "{n} مشتری نخست بر پایه شناسه فهرست شده‌اند.",
    },
    "retention.export_cell": {"en": "Export all of them (CSV)", "fa": "خروجی همه آن‌ها (CSV)"},
}
