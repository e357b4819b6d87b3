"""Messages of surveys (``survey.*``), their pages and the voice report, in English and Persian."""

from __future__ import annotations

SURVEY_MESSAGES: dict[str, dict[str, str]] = {
    # Errors and row reasons
    "survey.invalid": {
        "en": "The survey in {source} has {count} problem(s):",
        "fa": "پرسشنامه در {source} {count} مشکل دارد:",
    },
    "survey.unknown_refs": {
        "en": "The survey names {count} touchpoint(s) or stage(s) the map does not have:",
        "fa": "پرسشنامه از {count} نقطه تماس یا مرحله نام می‌برد که در نقشه نیست:",
    },
    "survey.bad_spec": {
        "en": "'{spec}' is not a question; write kind:touchpoint with kind one of {allowed} (e.g. nps:report_claim).",
        "fa": "«{spec}» پرسش نیست؛ به شکل نوع:نقطه‌تماس بنویسید و نوع یکی از {allowed} باشد (مثلاً nps:report_claim).",
    },
    "survey.unknown_touchpoint": {
        "en": "The map has no touchpoint '{touchpoint}'. Its touchpoints: {allowed}.",
        "fa": "نقشه نقطه تماسی با شناسه «{touchpoint}» ندارد. نقطه‌های تماس آن: {allowed}.",
    },
    "survey.no_questions": {
        "en": "A survey needs at least one question (e.g. --question nps:report_claim).",
        "fa": "پرسشنامه دست‌کم یک پرسش لازم دارد (مثلاً ‎--question nps:report_claim).",
    },
    "survey.bad_count": {
        "en": "Make between 1 and {most} invitations at a time (asked for {count}).",
        "fa": "هر بار میان ۱ تا {most} دعوت‌نامه بسازید (درخواست: {count}).",
    },
    "survey.not_found": {
        "en": "There is no survey {survey_id} in this workspace; `safar survey list` shows them.",
        "fa": "پرسشنامه‌ای با شناسه {survey_id} در این فضای کار نیست؛ `safar survey list` آن‌ها را نشان می‌دهد.",
    },
    "survey.link_not_found": {
        "en": "This survey link is not valid. Check the address you were sent.",
        "fa": "این پیوند نظرسنجی معتبر نیست. نشانی‌ای را که برایتان فرستاده شده بررسی کنید.",
    },
    "survey.closed": {
        "en": "This survey is closed and takes no more answers. Thank you for your time.",
        "fa": "این نظرسنجی بسته شده است و پاسخ تازه نمی‌پذیرد. از وقتی که گذاشتید سپاسگزاریم.",
    },
    "survey.invitation_not_found": {
        "en": "This personal survey link is not valid. Check the address you were sent.",
        "fa": "این پیوند شخصی نظرسنجی معتبر نیست. نشانی‌ای را که برایتان فرستاده شده بررسی کنید.",
    },
    "survey.already_answered": {
        "en": "This link has already been used to answer the survey; each link takes one answer.",
        "fa": "با این پیوند پیش‌تر به نظرسنجی پاسخ داده شده است؛ هر پیوند یک پاسخ می‌پذیرد.",
    },
    "survey.invitation_needed": {
        "en": "This survey is answered through personal links only. Use the link you were sent.",
        "fa": "به این نظرسنجی فقط با پیوند شخصی می‌توان پاسخ داد. از پیوندی که برایتان فرستاده شده استفاده کنید.",
    },
    "survey.empty_response": {
        "en": "The response answers no question.",
        "fa": "این پاسخ به هیچ پرسشی جواب نداده است.",
    },
    "survey.required": {
        "en": "This question needs an answer.",
        "fa": "این پرسش پاسخ لازم دارد.",
    },
    "survey.off_scale": {
        "en": "The answer is outside the question's scale.",
        "fa": "پاسخ بیرون از مقیاس پرسش است.",
    },
    "survey.not_a_number": {
        "en": "The answer is not a number.",
        "fa": "پاسخ عدد نیست.",
    },
    "survey.not_whole": {
        "en": "The answer must be a whole number.",
        "fa": "پاسخ باید عدد صحیح باشد.",
    },
    "survey.text_too_long": {
        "en": "The answer is too long.",
        "fa": "پاسخ بیش از اندازه بلند است.",
    },
    "survey.unknown_choice": {
        "en": "The answer is not one of the question's choices.",
        "fa": "پاسخ یکی از گزینه‌های پرسش نیست.",
    },
    "survey.unknown_question": {
        "en": "The survey has no answer field '{question}'. Its fields: {known}.",
        "fa": "پرسشنامه فیلد پاسخی با نام «{question}» ندارد. فیلدهای آن: {known}.",
    },
    "survey.no_question_columns": {
        "en": "{source} has no column for any question. Its columns: {columns}. Name columns after the "
        "questions ({questions}) or map them with --column QUESTION=COLUMN.",
        "fa": "فایل {source} برای هیچ پرسشی ستون ندارد. ستون‌های آن: {columns}. نام ستون‌ها را شناسه پرسش‌ها "
        "({questions}) بگذارید یا با ‎--column QUESTION=COLUMN نگاشت کنید.",
    },
    "survey.bad_answers": {
        "en": "The response has {count} answer(s) that cannot be taken:",
        "fa": "پاسخ {count} جواب دارد که پذیرفتنی نیست:",
    },
    "api.empty_body": {
        "en": "The request has no body: send the event file itself as the body (e.g. curl --data-binary @events.csv).",
        "fa": "درخواست بدنه ندارد: خود فایل رویدادها را در بدنه بفرستید (مثلاً curl --data-binary @events.csv).",
    },
    "survey.bad_customer_id": {
        "en": "A customer id must be 1 to {most} characters: '{value}'.",
        "fa": "شناسه مشتری باید ۱ تا {most} نویسه باشد: «{value}».",
    },
    "survey.bad_channel": {
        "en": "A channel must be 1 to {most} characters: '{value}'.",
        "fa": "کانال باید ۱ تا {most} نویسه باشد: «{value}».",
    },
    "survey.too_long": {
        "en": "The answers are too long to take. Please shorten your comments and send them again.",
        "fa": "پاسخ‌ها بیش از اندازه بلند است. لطفاً نظرهایتان را کوتاه‌تر کنید و دوباره بفرستید.",
    },
    "survey.future_time": {
        "en": "The answer time is more than a day in the future",
        "fa": "زمان پاسخ بیش از یک روز در آینده است",
    },
    "survey.bad_column_map": {
        "en": "'{value}' is not QUESTION=COLUMN.",
        "fa": "«{value}» به شکل QUESTION=COLUMN نیست.",
    },
    "survey.rate_limited": {
        "en": "Too many answers from your network in a short time. Please try again in a few minutes.",
        "fa": "در زمانی کوتاه پاسخ‌های زیادی از شبکه شما رسیده است. لطفاً چند دقیقه دیگر دوباره بکوشید.",
    },
    "table.bad_csv": {
        "en": "{source} is not a readable CSV file: {problem}",
        "fa": "{source} فایل CSV خوانایی نیست: {problem}",
    },
    "survey.no_export_format": {
        "en": "Responses cannot be exported as '{format}'; use one of {allowed}.",
        "fa": "پاسخ‌ها را نمی‌توان با قالب «{format}» برون‌بُرد کرد؛ یکی از {allowed} را به کار ببرید.",
    },
    "table.too_big": {
        "en": "{source} is larger than {most_mb} MB; split it into smaller files.",
        "fa": "فایل {source} از {most_mb} مگابایت بزرگ‌تر است؛ آن را به چند فایل کوچک‌تر بخش کنید.",
    },
    "table.bad_excel": {
        "en": "{source} is not a readable Excel (.xlsx) file: {problem}",
        "fa": "{source} فایل اکسل (.xlsx) خوانایی نیست: {problem}",
    },
    "problem.unknown_stage": {
        "en": "no stage with this id on the map",
        "fa": "مرحله‌ای با این شناسه در نقشه نیست",
    },
    # The CLI
    "survey.file_or_questions": {
        "en": "Give either --file or --question, not both.",
        "fa": "یا ‎--file بدهید یا ‎--question، نه هر دو.",
    },
    "survey.created": {
        "en": "Survey {survey_id} created. Its link: {url}",
        "fa": "پرسشنامه {survey_id} ساخته شد. پیوند آن: {url}",
    },
    "survey.waiting": {
        "en": "{n} answer(s) taken while the data store was busy with an import: they are added to the "
        "responses as soon as it is free.",
        "fa": "{n} پاسخ هنگامی رسید که انبار داده سرگرم بارگذاری بود: همین که آزاد شود به پاسخ‌ها افزوده می‌شود.",
    },
    "survey.waiting_written": {
        "en": "{written} waiting answer(s) written; {waiting} still waiting.",
        "fa": "{written} پاسخ در انتظار نوشته شد؛ {waiting} پاسخ هنوز در انتظار است.",
    },
    "survey.counts_busy": {
        "en": "The number of responses shows again when the import now running has finished; {made} personal "
        "link(s) made, {answered} answered.",
        "fa": "شمار پاسخ‌ها پس از پایان بارگذاریِ در جریان دوباره نشان داده می‌شود؛ {made} پیوند شخصی ساخته شده و "
        "{answered} پاسخ گرفته است.",
    },
    "survey.counts": {
        "en": "{responses} response(s); {made} personal link(s) made, {answered} answered.",
        "fa": "{responses} پاسخ؛ {made} پیوند شخصی ساخته شده و {answered} پاسخ گرفته است.",
    },
    "survey.imported": {
        "en": "Read {read} row(s): {loaded} response(s) loaded ({answers} answers), {duplicates} duplicate(s), "
        "{rejected} rejected (see `safar events rejected --dataset {dataset}`).",
        "fa": "{read} سطر خوانده شد: {loaded} پاسخ بارگذاری شد ({answers} جواب)، {duplicates} تکراری، "
        "{rejected} رد شد (ببینید `safar events rejected --dataset {dataset}`).",
    },
    "survey.exported": {
        "en": "{responses} response(s) written to {file}.",
        "fa": "{responses} پاسخ در {file} نوشته شد.",
    },
    "survey.opened": {
        "en": "Survey {survey_id} takes answers again.",
        "fa": "پرسشنامه {survey_id} دوباره پاسخ می‌پذیرد.",
    },
    "survey.closed_now": {
        "en": "Survey {survey_id} is closed; its link no longer takes answers.",
        "fa": "پرسشنامه {survey_id} بسته شد؛ پیوند آن دیگر پاسخ نمی‌پذیرد.",
    },
    "survey.report_totals": {
        "en": "{responses} survey response(s), {comments} comment(s). * = fewer answers than the minimum n; ! = measured emotion differs from the assumed one.",
        "fa": "{responses} پاسخ نظرسنجی، {comments} نظر. * = کمتر از n کمینه؛ ! = احساس سنجیده با احساس فرضی فرق دارد.",
    },
    "survey.col.id": {"en": "Id", "fa": "شناسه"},
    "survey.col.map": {"en": "Map", "fa": "نقشه"},
    "survey.col.title": {"en": "Title", "fa": "عنوان"},
    "survey.col.responses": {"en": "Responses", "fa": "پاسخ‌ها"},
    "survey.col.link": {"en": "Link", "fa": "پیوند"},
    "survey.col.touchpoint": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "survey.col.comments": {"en": "Comments", "fa": "نظرها"},
    "survey.col.negative": {"en": "Negative", "fa": "منفی"},
    "survey.col.measured": {"en": "Measured emotion", "fa": "احساس سنجیده"},
    "survey.col.assumed": {"en": "Assumed emotion", "fa": "احساس فرضی"},
    # Pages
    "web.survey": {"en": "Survey", "fa": "نظرسنجی"},
    "web.survey_thanks": {
        "en": "Thank you — your answers have been recorded.",
        "fa": "سپاسگزاریم — پاسخ\u200cهای شما ثبت شد.",
    },
    "web.survey_fix": {
        "en": "Some answers need another look; they are marked below.",
        "fa": "برخی پاسخ\u200cها نیاز به بازبینی دارند؛ در زیر نشان داده شده\u200cاند.",
    },
    "web.survey_send": {"en": "Send answers", "fa": "فرستادن پاسخ\u200cها"},
    "web.scale_low_nps": {"en": "0 = not at all likely", "fa": "۰ = اصلاً محتمل نیست"},
    "web.scale_high_nps": {"en": "10 = extremely likely", "fa": "۱۰ = بسیار محتمل است"},
    "web.scale_low_csat": {"en": "1 = very dissatisfied", "fa": "۱ = بسیار ناراضی"},
    "web.scale_high_csat": {"en": "5 = very satisfied", "fa": "۵ = بسیار راضی"},
    "web.scale_low_ces": {"en": "1 = very little effort", "fa": "۱ = زحمت بسیار کم"},
    "web.scale_high_ces": {"en": "7 = a great deal of effort", "fa": "۷ = زحمت بسیار زیاد"},
    "web.scale_low_likert": {"en": "lowest = strongly disagree", "fa": "کمترین = کاملاً مخالفم"},
    "web.scale_high_likert": {"en": "highest = strongly agree", "fa": "بیشترین = کاملاً موافقم"},
    "web.scale_low_gap": {"en": "lowest = very poor", "fa": "کمترین = بسیار ضعیف"},
    "web.scale_high_gap": {"en": "highest = excellent", "fa": "بیشترین = عالی"},
    "web.gap_expected": {"en": "What you expected", "fa": "آنچه انتظار داشتید"},
    "web.gap_perceived": {"en": "What you got", "fa": "آنچه دریافت کردید"},
    "web.voice": {"en": "Voice of the customer", "fa": "صدای مشتری"},
    "web.voice_intro": {
        "en": "Surveys on this map's touchpoints, customers' comments and the emotion they measure, beside the emotion the map assumes.",
        "fa": "نظرسنجی\u200cهای نقطه\u200cهای تماس این نقشه، نظرهای مشتریان و احساسی که می\u200cسنجند، در کنار احساسی که نقشه فرض کرده است.",
    },
    "web.surveys": {"en": "Surveys", "fa": "نظرسنجی\u200cها"},
    "web.survey_questions": {"en": "Questions", "fa": "پرسش\u200cها"},
    "web.state": {"en": "State", "fa": "وضعیت"},
    "web.survey_open": {"en": "Open: takes answers", "fa": "باز: پاسخ می\u200cپذیرد"},
    "web.survey_closed": {"en": "Closed", "fa": "بسته"},
    "web.no_surveys": {"en": "No survey on this map yet.", "fa": "هنوز نظرسنجی\u200cای روی این نقشه نیست."},
    "web.new_survey": {"en": "New survey", "fa": "نظرسنجی تازه"},
    "web.kind_nps": {"en": "NPS 0–10", "fa": "NPS ۰ تا ۱۰"},
    "web.kind_csat": {"en": "CSAT 1–5", "fa": "CSAT ۱ تا ۵"},
    "web.kind_ces": {"en": "CES 1–7", "fa": "CES ۱ تا ۷"},
    "web.kind_gap": {"en": "Expectation vs experience", "fa": "انتظار در برابر تجربه"},
    "web.kind_text": {"en": "Open comment", "fa": "نظر آزاد"},
    "web.kind_likert": {"en": "Agreement scale", "fa": "مقیاس موافقت"},
    "web.kind_single": {"en": "One choice", "fa": "تک\u200cگزینه\u200cای"},
    "web.kind_multiple": {"en": "Several choices", "fa": "چندگزینه\u200cای"},
    "web.whole_journey": {"en": "The whole journey", "fa": "کل سفر"},
    "web.one_per_token": {
        "en": "Personal links only, one answer each",
        "fa": "فقط پیوند شخصی، هر پیوند یک پاسخ",
    },
    "web.create_survey": {"en": "Create survey", "fa": "ساختن نظرسنجی"},
    "web.voice_totals": {
        "en": "{responses} survey responses ({answers} answers) and {comments} comments",
        "fa": "{responses} پاسخ نظرسنجی ({answers} جواب) و {comments} نظر",
    },
    "web.by_touchpoint": {"en": "By touchpoint", "fa": "به تفکیک نقطه تماس"},
    "web.owner": {"en": "Owner", "fa": "مالک"},
    "web.emotion_flag": {"en": "differs from the map", "fa": "با نقشه فرق دارد"},
    "web.by_stage": {"en": "By stage", "fa": "به تفکیک مرحله"},
    "web.stage": {"en": "Stage", "fa": "مرحله"},
    "web.trend": {"en": "Over time", "fa": "در گذر زمان"},
    "web.metric": {"en": "Metric", "fa": "شاخص"},
    "web.period": {"en": "Period", "fa": "دوره"},
    "web.value": {"en": "Value", "fa": "مقدار"},
    "web.change": {"en": "Change", "fa": "تغییر"},
    "web.breakdown": {"en": "Breakdown", "fa": "تفکیک"},
    "web.by_channel": {"en": "by channel", "fa": "به تفکیک کانال"},
    "web.by_period": {"en": "by month", "fa": "به تفکیک ماه"},
    "web.group": {"en": "Group", "fa": "گروه"},
    "web.top_terms": {
        "en": "What customers say most (by sentiment)",
        "fa": "آنچه مشتریان بیشتر می\u200cگویند (به تفکیک احساس)",
    },
    "web.label_positive": {"en": "Positive", "fa": "مثبت"},
    "web.sentiment_because": {"en": "· because of", "fa": "· به سبب"},
    # Corrected comment labels (safar.voice.corrections): the voice page and `safar feedback correct`.
    "feedback.col_id": {"en": "Dataset/ID", "fa": "مجموعه داده/شناسه"},
    "feedback.bad_comment_ref": {
        "en": "Cannot read the comment “{value}”. Write it as DATASET/ID, as `safar feedback list` shows it in its last column.",
        "fa": "دیدگاه «{value}» خوانا نیست. آن را به شکل DATASET/ID بنویسید، همان‌گونه که ستون آخر ‎`safar feedback list`‎ نشان می‌دهد.",
    },
    "feedback.corrected": {
        "en": "Corrected: {was} → {label}. Similar comments with the same mistake now follow it.",
        "fa": "اصلاح شد: {was} ← {label}. دیدگاه‌های همانند با همان اشتباه اکنون از آن پیروی می‌کنند.",
    },
    "voice.corrected": {"en": "corrected by an editor", "fa": "اصلاح‌شده به دست ویراستار"},
    "voice.by_workspace": {
        "en": "learnt from this workspace's corrections",
        "fa": "آموخته از اصلاح‌های این فضای کاری",
    },
    "voice.model_said": {"en": "the model said: {label}", "fa": "برچسب مدل: {label}"},
    "voice.correct": {"en": "Correct the label", "fa": "اصلاح برچسب"},
    "voice.correct_to": {"en": "Label as", "fa": "برچسب درست"},
    "voice.corrections_title": {"en": "Corrected labels", "fa": "برچسب‌های اصلاح‌شده"},
    "voice.corrections_intro": {
        "en": "An editor's label counts at once wherever comments count. The workspace learns from its corrections: a comment very like a corrected one, on which the model made the same mistake, takes the corrected label. The shipped model never changes.",
        "fa": "برچسبی که ویراستار می‌دهد بی‌درنگ هر جا دیدگاه‌ها شمرده می‌شوند به حساب می‌آید. فضای کاری از اصلاح‌هایش می‌آموزد: دیدگاهی بسیار همانند دیدگاهی اصلاح‌شده که مدل درباره‌اش همان اشتباه را کرده است، برچسب اصلاح‌شده را می‌گیرد. مدل اصلی هرگز تغییر نمی‌کند.",
    },
    "voice.correction_line": {
        "en": "{who} · {day}: {was} → {label}",
        "fa": "{who} · {day}: {was} ← {label}",
    },
    "voice.no_corrections": {"en": "No label has been corrected yet.", "fa": "هنوز برچسبی اصلاح نشده است."},
    "voice.adaptation": {
        "en": "Learnt from {n} corrected comments; {relabelled} more comments now carry the workspace's label.",
        "fa": "آموخته از {n} دیدگاه اصلاح‌شده؛ {relabelled} دیدگاه دیگر اکنون برچسب فضای کاری را دارند.",
    },
    "voice.adaptation_held_out": {
        "en": "Checked on the corrected comments themselves, each labelled from the others alone: the shipped model agreed with the editors on {shipped} of {n}, the workspace's labels on {adapted} of {n}.",
        "fa": "آزموده روی خود دیدگاه‌های اصلاح‌شده، هر یک فقط با آموختن از بقیه: مدل اصلی در {shipped} از {n} با ویراستاران هم‌نظر بود و برچسب‌های فضای کاری در {adapted} از {n}.",
    },
    "voice.reset": {"en": "Reset what the workspace learnt", "fa": "بازنشانی آموخته‌های فضای کاری"},
    "voice.reset_confirm": {
        "en": "Yes, forget it (corrected comments keep their editors' labels)",
        "fa": "بله، فراموش شود (دیدگاه‌های اصلاح‌شده برچسب ویراستار را نگه می‌دارند)",
    },
    "web.list_comma": {"en": ", ", "fa": "، "},
    "web.label_negative": {"en": "Negative", "fa": "منفی"},
    "web.label_neutral": {"en": "Neutral", "fa": "خنثی"},
    "web.no_voice_data": {
        "en": "No answers or comments yet: share a survey's link, import responses or ingest comments.",
        "fa": "هنوز پاسخ یا نظری نیست: پیوند نظرسنجی را بفرستید، پاسخ\u200cها را وارد کنید یا نظرها را بارگذاری کنید.",
    },
    "web.ci_title": {"en": "95% interval {low} to {high}", "fa": "بازه ۹۵٪ از {low} تا {high}"},
    "web.small_n": {"en": "few answers", "fa": "پاسخ کم"},
    "web.survey_link": {"en": "Link for customers", "fa": "پیوند برای مشتریان"},
    "web.close_survey": {"en": "Close the survey", "fa": "بستن نظرسنجی"},
    "web.open_survey": {"en": "Open the survey again", "fa": "باز کردن دوباره نظرسنجی"},
    "web.export_csv": {"en": "Download responses (CSV)", "fa": "دریافت پاسخ\u200cها (CSV)"},
    "web.export_xlsx": {"en": "Download responses (Excel)", "fa": "دریافت پاسخ\u200cها (اکسل)"},
    "web.field": {"en": "Field", "fa": "فیلد"},
    "web.kind": {"en": "Kind", "fa": "نوع"},
    "web.text": {"en": "Text", "fa": "متن"},
    "web.personal_links": {"en": "Personal links", "fa": "پیوندهای شخصی"},
    "web.personal_links_intro": {
        "en": "Each personal link takes one answer; a link made for a customer id joins the answer to that customer's events.",
        "fa": "هر پیوند شخصی یک پاسخ می\u200cپذیرد؛ پیوندی که برای شناسه یک مشتری ساخته شود پاسخ را به رویدادهای همان مشتری پیوند می\u200cدهد.",
    },
    "web.customer_ids": {"en": "Customer ids, one per line", "fa": "شناسه مشتریان، هر خط یکی"},
    "web.anonymous_links": {"en": "Anonymous links", "fa": "پیوندهای بی\u200cنام"},
    "web.channel": {"en": "Channel", "fa": "کانال"},
    "web.make_links": {"en": "Make links", "fa": "ساختن پیوندها"},
    "web.customer": {"en": "Customer", "fa": "مشتری"},
    "web.links_once": {
        "en": "These links are shown only now: copy them before leaving the page.",
        "fa": "این پیوندها فقط همین حالا نشان داده می\u200cشوند: پیش از ترک صفحه آن\u200cها را کپی کنید.",
    },
    "web.import_responses": {"en": "Import responses", "fa": "وارد کردن پاسخ\u200cها"},
    "web.import_alerts_quiet": {
        "en": "{checked} alert rules of this map were checked against the new answers; none fired.",
        "fa": "{checked} قاعده هشدار این نقشه با پاسخ\u200cهای تازه بررسی شد؛ هیچ هشداری داده نشد.",
    },
    "web.import_alerts_fired": {
        "en": "{checked} alert rules of this map were checked against the new answers; {fired} fired:",
        "fa": "{checked} قاعده هشدار این نقشه با پاسخ\u200cهای تازه بررسی شد؛ {fired} هشدار داده شد:",
    },
    "web.import_alert": {"en": "Alert {id}: {target}", "fa": "هشدار {id}: {target}"},
    "web.see_alerts": {"en": "See the alerts", "fa": "دیدن هشدارها"},
    "web.import_intro": {
        "en": "A CSV or Excel file, one response per row, with columns named after the question fields; a gap question also has its expectation column, the field followed by `_expected` (for example `wait_expected`). The customer, time, channel and response id columns are found by their usual names (customer_id, «کد مشتری», time, «تاریخ», channel, «کانال» …) unless you name them below. Rejected rows are kept with their reason.",
        "fa": "فایل CSV یا اکسل، هر سطر یک پاسخ، با ستون\u200cهایی به نام فیلد پرسش\u200cها؛ پرسش انتظار/تجربه ستون انتظار هم دارد: نام فیلد با پسوند `_expected` (مثلاً `wait_expected`). ستون\u200cهای مشتری، زمان، کانال و شناسه پاسخ از نام\u200cهای رایجشان («کد مشتری»، «تاریخ»، «کانال» …) پیدا می\u200cشوند، مگر آن\u200cها را در زیر نام ببرید. سطرهای ردشده با دلیلشان نگه داشته می\u200cشوند.",
    },
    "web.responses_file": {"en": "Responses file (CSV or Excel)", "fa": "فایل پاسخ\u200cها (CSV یا اکسل)"},
    "web.response_col": {"en": "Response id column", "fa": "ستون شناسه پاسخ"},
    "web.customer_col": {"en": "Customer id column", "fa": "ستون شناسه مشتری"},
    "web.time_col": {"en": "Time column", "fa": "ستون زمان"},
    "web.channel_col": {"en": "Channel column", "fa": "ستون کانال"},
    "web.calendar": {"en": "Calendar of the dates", "fa": "تقویم تاریخ‌ها"},
    "web.calendar_auto": {
        "en": "Tell from the dates (years 1300–1500 are Jalali)",
        "fa": "از خود تاریخ‌ها (سال‌های ۱۳۰۰ تا ۱۵۰۰ جلالی‌اند)",
    },
    "web.calendar_jalali": {"en": "Jalali (Persian)", "fa": "جلالی (خورشیدی)"},
    "web.calendar_gregorian": {"en": "Gregorian", "fa": "میلادی"},
    "web.encoding": {"en": "Text encoding (CSV)", "fa": "رمزگذاری متن (CSV)"},
    "web.encoding_sniff": {
        "en": "Tell from the file (UTF-8, UTF-16, Windows-1256 …)",
        "fa": "از خود فایل (یونیکد، ویندوز ۱۲۵۶ …)",
    },
    "web.sheet": {"en": "Sheet (Excel)", "fa": "برگه (اکسل)"},
    "web.sheet_first": {"en": "the first sheet", "fa": "برگه نخست"},
    "web.read_encoding": {"en": "Read as: encoding", "fa": "خوانده‌شده با: رمزگذاری"},
    "web.read_tz": {"en": "time zone", "fa": "منطقه زمانی"},
    "web.read_columns": {"en": "columns:", "fa": "ستون‌ها:"},
    "web.tz": {
        "en": "Time zone of times without an offset",
        "fa": "منطقه زمانی زمان\u200cهای بدون اختلاف ساعت",
    },
    "web.row": {"en": "Row", "fa": "سطر"},
    "web.reason": {"en": "Reason", "fa": "دلیل"},
    "web.survey_drivers": {"en": "Key drivers from the surveys", "fa": "محرک‌های کلیدی از نظرسنجی‌ها"},
    "web.survey_drivers_intro": {
        "en": "How much each touchpoint's ratings explain the whole-journey question “{question}” (Johnson's relative weights; R² = {r2}, n = {n}).",
        "fa": "امتیاز هر نقطه تماس چه اندازه پرسش کل سفر «{question}» را توضیح می‌دهد (وزن‌های نسبی جانسون؛ R² = {r2}، n = {n}).",
    },
    "web.survey_gaps": {
        "en": "Expectation vs experience (gap analysis)",
        "fa": "انتظار در برابر تجربه (تحلیل شکاف)",
    },
    "web.survey_gaps_intro": {
        "en": "Perception − expectation from the surveys' gap questions, with a paired t-test; furthest below expectations first.",
        "fa": "ادراک منهای انتظار از پرسش‌های شکاف نظرسنجی‌ها، با آزمون t زوجی؛ بیشترین فاصله از انتظار نخست.",
    },
    "web.comments_title": {
        "en": "What customers wrote (newest first)",
        "fa": "آنچه مشتریان نوشته‌اند (تازه‌ترین نخست)",
    },
    "web.all": {"en": "All", "fa": "همه"},
    "web.sentiment": {"en": "Sentiment", "fa": "احساس"},
    "web.no_comments": {"en": "No comments match.", "fa": "نظری با این شرایط نیست."},
    "web.matrix_intro": {
        "en": "Importance (share of R²) against performance (the touchpoint's answers on the map's −2..+2 scale), split at the means.",
        "fa": "اهمیت (سهم از R²) در برابر عملکرد (پاسخ‌های نقطه تماس روی مقیاس −۲ تا +۲ نقشه)، با مرز میانگین‌ها.",
    },
    "web.survey_from_document": {"en": "…or from a survey document", "fa": "…یا از روی سند پرسشنامه"},
    "web.survey_document_intro": {
        "en": "A YAML or JSON file with your own texts in Persian and English, Likert scales, choice questions and questions on stages (its fields are described in `docs/voice.md`).",
        "fa": "فایل YAML یا JSON با متن‌های خودتان به فارسی و انگلیسی، مقیاس لیکرت، پرسش‌های چندگزینه‌ای و پرسش درباره مرحله‌ها (فیلدهای آن در `docs/voice.md` آمده است).",
    },
    "web.survey_document_file": {"en": "Survey document", "fa": "سند پرسشنامه"},
    "web.surveys_count": {"en": "{surveys} ({responses} responses)", "fa": "{surveys} ({responses} پاسخ)"},
    "web.map_pages": {"en": "Pages", "fa": "صفحه‌ها"},
    "web.voice_link": {"en": "Voice", "fa": "صدای مشتری"},
    # Question texts written for quick surveys
    "survey.title": {
        "en": "Your experience: {map}",
        "fa": "تجربه شما: {map}",
    },
    "survey.question.nps": {
        "en": "After “{touchpoint}”, how likely are you to recommend us to a friend or colleague?",
        "fa": "پس از «{touchpoint}»، چقدر احتمال دارد ما را به دوست یا همکارتان پیشنهاد کنید؟",
    },
    "survey.question.nps_journey": {
        "en": "How likely are you to recommend us to a friend or colleague?",
        "fa": "چقدر احتمال دارد ما را به دوست یا همکارتان پیشنهاد کنید؟",
    },
    "survey.question.csat": {
        "en": "How satisfied are you with “{touchpoint}”?",
        "fa": "از «{touchpoint}» چقدر راضی هستید؟",
    },
    "survey.question.csat_journey": {
        "en": "Overall, how satisfied are you with us?",
        "fa": "روی هم رفته چقدر از ما راضی هستید؟",
    },
    "survey.question.ces": {
        "en": "How much effort did “{touchpoint}” take you?",
        "fa": "«{touchpoint}» چقدر برایتان زحمت داشت؟",
    },
    "survey.question.ces_journey": {
        "en": "How much effort did it take you to get what you needed from us?",
        "fa": "برای گرفتن آنچه از ما می‌خواستید چقدر زحمت کشیدید؟",
    },
    "survey.question.gap": {
        "en": "“{touchpoint}”: what did you expect, and what did you get?",
        "fa": "«{touchpoint}»: چه انتظاری داشتید و چه دریافت کردید؟",
    },
    "survey.question.gap_journey": {
        "en": "What did you expect from us, and what did you get?",
        "fa": "از ما چه انتظاری داشتید و چه دریافت کردید؟",
    },
    "survey.question.text": {
        "en": "Anything you would like to tell us about “{touchpoint}”?",
        "fa": "درباره «{touchpoint}» چیزی هست که بخواهید به ما بگویید؟",
    },
    "survey.question.text_journey": {
        "en": "Anything else you would like to tell us?",
        "fa": "چیز دیگری هست که بخواهید به ما بگویید؟",
    },
}
