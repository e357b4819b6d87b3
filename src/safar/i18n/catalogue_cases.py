"""Messages of cases (the closed loop) and of e-mail notifications, in English and Persian."""

from __future__ import annotations

CASES_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "case.bad_condition": {
        "en": "“{value}” is not a case condition. Write one of: {forms} (the number on the answer's scale).",
        "fa": "«{value}» شرط پرونده نیست. یکی از این‌ها را بنویسید: {forms} (عدد روی مقیاس همان پاسخ).",
    },
    "case.condition_scale": {
        "en": "“{value}”: a {kind} answer is between {low} and {high}; use a number in that range.",
        "fa": "«{value}»: پاسخ {kind} بین {low} و {high} است؛ عددی در همین بازه بنویسید.",
    },
    "case.bad_status": {
        "en": "“{value}” is not a case status; the statuses are: {allowed}.",
        "fa": "«{value}» وضعیت پرونده نیست؛ وضعیت‌ها: {allowed}.",
    },
    "case.bad_move": {
        "en": "Case {case} is “{status}”: it cannot become “{to}”. From here it can become: {allowed}.",
        "fa": "پرونده {case} در وضعیت «{status}» است و نمی‌تواند «{to}» شود. از این وضعیت می‌تواند این‌ها شود: "
        "{allowed}.",
    },
    "case.bad_priority": {
        "en": "“{value}” is not a priority; the priorities are: {allowed}.",
        "fa": "«{value}» اولویت نیست؛ اولویت‌ها: {allowed}.",
    },
    "case.bad_sla": {
        "en": "“{value}” is not an SLA: write a time between 5 minutes and a year, such as 90m, 48h, 2d or 1w.",
        "fa": "«{value}» مهلت رسیدگی نیست: زمانی بین ۵ دقیقه و یک سال بنویسید، مانند 90m، 48h، 2d یا 1w.",
    },
    "case.unknown_touchpoint": {
        "en": "The map has no touchpoint “{touchpoint}”; its touchpoints are: {known}.",
        "fa": "نقشه نقطه تماسی با شناسه «{touchpoint}» ندارد؛ نقطه‌های تماس آن: {known}.",
    },
    "case.bad_department": {
        "en": "A department is a name of 1 to 200 characters (“{value}” is not).",
        "fa": "نام واحد باید ۱ تا ۲۰۰ نویسه باشد («{value}» نیست).",
    },
    "case.rule_not_found": {
        "en": "There is no case rule {rule} in this workspace.",
        "fa": "قاعده پرونده {rule} در این فضای کاری نیست.",
    },
    "case.not_found": {
        "en": "There is no case {case} in this workspace.",
        "fa": "پرونده {case} در این فضای کاری نیست.",
    },
    "case.assignee_not_member": {
        "en": "{assignee} is not a member of workspace {workspace}; a case goes to one of: {allowed}.",
        "fa": "{assignee} عضو فضای کاری {workspace} نیست؛ پرونده به یکی از این‌ها سپرده می‌شود: {allowed}.",
    },
    "case.empty_note": {
        "en": "The note is empty: write what was done.",
        "fa": "یادداشت خالی است: بنویسید چه شد.",
    },
    "case.long_note": {
        "en": "The note has {length} characters; at most {most} are kept. Shorten it.",
        "fa": "یادداشت {length} نویسه دارد و حداکثر {most} نویسه نگه داشته می‌شود. کوتاهش کنید.",
    },
    "case.follow_up_no_consent": {
        "en": "Case {case}: the customer did not agree to be contacted, so no follow-up survey can be sent.",
        "fa": "پرونده {case}: مشتری با تماس موافقت نکرده است، پس نظرسنجی پیگیری فرستاده نمی‌شود.",
    },
    "case.follow_up_not_resolved": {
        "en": "Case {case} is “{status}”: a follow-up survey goes out once the case is resolved.",
        "fa": "پرونده {case} در وضعیت «{status}» است: نظرسنجی پیگیری پس از حل پرونده فرستاده می‌شود.",
    },
    "case.follow_up_closed": {
        "en": "Survey {survey} is closed: open it, or choose an open survey for the follow-up.",
        "fa": "نظرسنجی {survey} بسته است: آن را باز کنید یا نظرسنجی بازی را برای پیگیری برگزینید.",
    },
    "case.bad_survey": {"en": "“{value}” is not a survey.", "fa": "«{value}» نظرسنجی نیست."},
    "case.bad_map": {"en": "“{value}” is not a map.", "fa": "«{value}» نقشه نیست."},
    "mail.address_not_found": {
        "en": "There is no mail address {address} in this workspace.",
        "fa": "نشانی رایانامه {address} در این فضای کاری نیست.",
    },
    "mail.not_found": {"en": "There is no mail {mail}.", "fa": "رایانامه {mail} نیست."},
    "mail.bad_smtp_url": {
        "en": "SAFAR_SMTP_URL “{url}” is not an SMTP server: write smtp://host:25, smtp+starttls://user:password"
        "@host:587 or smtps://user:password@host:465.",
        "fa": "SAFAR_SMTP_URL «{url}» نشانی کارساز SMTP نیست: smtp://host:25، "
        "smtp+starttls://user:password@host:587 یا smtps://user:password@host:465 بنویسید.",
    },
    "mail.bad_address": {
        "en": "“{value}” is not an e-mail address (name@example.com).",
        "fa": "«{value}» نشانی رایانامه نیست (name@example.com).",
    },
    "mail.bad_lang": {
        "en": "“{value}” is not a language of the mails; choose one of: {allowed}.",
        "fa": "«{value}» زبان رایانامه‌ها نیست؛ یکی از این‌ها را برگزینید: {allowed}.",
    },
    # Mails
    "mail.case_opened.subject": {
        "en": "New case {case}: {where} ({department})",
        "fa": "پرونده تازه {case}: {where} ({department})",
    },
    "mail.case_opened.lead": {
        "en": "A customer's answer opened case {case} at “{where}” for {department}.",
        "fa": "پاسخ یک مشتری پرونده {case} را در «{where}» برای {department} باز کرد.",
    },
    "mail.case_late.subject": {
        "en": "Case {case} is past its due time: {where} ({department})",
        "fa": "مهلت پرونده {case} گذشته است: {where} ({department})",
    },
    "mail.case_late.lead": {
        "en": "Case {case} at “{where}” is still open after its due time. Please take it up.",
        "fa": "پرونده {case} در «{where}» پس از پایان مهلت هنوز باز است. لطفاً به آن رسیدگی کنید.",
    },
    "mail.alert.subject": {"en": "Alert: {target}", "fa": "هشدار: {target}"},
    "mail.digest.subject": {
        "en": "Your cases today: {open} open, {late} late",
        "fa": "پرونده‌های امروز شما: {open} باز، {late} دیرکرد",
    },
    "mail.digest.lead": {
        "en": "{departments}: {open} open case(s), {late} past due, {new} new since yesterday. The most urgent:",
        "fa": "{departments}: {open} پرونده باز، {late} پرونده از مهلت گذشته، {new} پرونده تازه از دیروز. فوری‌ترها:",
    },
    "mail.digest.alerts": {"en": "Alerts of the last day:", "fa": "هشدارهای یک روز گذشته:"},
    "mail.digest.questions": {
        "en": "Questions customers ask more and more that no article answers:",
        "fa": "پرسش‌هایی که مشتریان بیشتر و بیشتر می‌پرسند و هیچ مقاله‌ای پاسخشان نمی‌دهد:",
    },
    "mail.kind.digest": {"en": "Daily digest", "fa": "خلاصه روزانه"},
    "mail.kind.case_opened": {"en": "New case", "fa": "پرونده تازه"},
    "mail.kind.case_late": {"en": "Late case", "fa": "پرونده دیرکرد"},
    "mail.kind.alert": {"en": "Alert", "fa": "هشدار"},
    # Fields and words
    "case.number": {"en": "Case {id}", "fa": "پرونده {id}"},
    "case.no_department": {"en": "no department", "fa": "بدون واحد"},
    "case.answer_value": {"en": "answered {value}", "fa": "پاسخ {value}"},
    "case.field.id": {"en": "Case", "fa": "پرونده"},
    "case.field.map": {"en": "Map", "fa": "نقشه"},
    "case.field.status": {"en": "Status", "fa": "وضعیت"},
    "case.field.priority": {"en": "Priority", "fa": "اولویت"},
    "case.field.department": {"en": "Department", "fa": "واحد"},
    "case.field.assignee": {"en": "Assigned to", "fa": "مسئول رسیدگی"},
    "case.field.touchpoint": {"en": "Touchpoint", "fa": "نقطه تماس"},
    "case.field.condition": {"en": "Condition", "fa": "شرط"},
    "case.field.source": {"en": "Opened by", "fa": "منشأ"},
    "case.field.customer": {"en": "Customer", "fa": "مشتری"},
    "case.field.answered": {"en": "Answered", "fa": "زمان پاسخ"},
    "case.field.opened": {"en": "Opened", "fa": "باز شده"},
    "case.field.due": {"en": "Due", "fa": "مهلت"},
    "case.field.resolved": {"en": "Resolved", "fa": "حل شده"},
    "case.field.closed": {"en": "Closed", "fa": "بسته شده"},
    "case.field.sla": {"en": "SLA", "fa": "مهلت رسیدگی"},
    "case.field.since": {"en": "Answers from", "fa": "پاسخ‌ها از"},
    "case.status.new": {"en": "New", "fa": "تازه"},
    "case.status.in_progress": {"en": "In progress", "fa": "در حال رسیدگی"},
    "case.status.resolved": {"en": "Resolved", "fa": "حل شده"},
    "case.status.closed": {"en": "Closed", "fa": "بسته"},
    "case.status.reopened": {"en": "Reopened", "fa": "بازگشایی شده"},
    "case.priority.low": {"en": "Low", "fa": "کم"},
    "case.priority.normal": {"en": "Normal", "fa": "معمولی"},
    "case.priority.high": {"en": "High", "fa": "زیاد"},
    "case.priority.urgent": {"en": "Urgent", "fa": "فوری"},
    "case.source.response": {"en": "Survey answer", "fa": "پاسخ نظرسنجی"},
    "case.source.comment": {"en": "Negative comment", "fa": "نظر منفی"},
    "case.source.alert": {"en": "Alert", "fa": "هشدار"},
    "case.source.topic": {"en": "A comment on “{topic}”", "fa": "نظری درباره «{topic}»"},
    "case.kind.nps": {"en": "Likelihood to recommend (NPS)", "fa": "احتمال توصیه (NPS)"},
    "case.kind.csat": {"en": "Satisfaction (CSAT)", "fa": "رضایت (CSAT)"},
    "case.kind.ces": {"en": "Effort (CES)", "fa": "دشواری (CES)"},
    "case.kind.gap": {"en": "Perception", "fa": "ادراک"},
    "case.kind.likert": {"en": "Rating", "fa": "امتیاز"},
    "case.kind.single": {"en": "Choice", "fa": "گزینه"},
    "case.kind.multiple": {"en": "Choices", "fa": "گزینه‌ها"},
    "case.kind.text": {"en": "Comment", "fa": "نظر"},
    "case.not_shared": {
        "en": "Not shown: the customer did not agree to be contacted.",
        "fa": "نمایش داده نمی‌شود: مشتری با تماس موافقت نکرده است.",
    },
    "case.what_was_said": {"en": "What the customer said", "fa": "آنچه مشتری گفت"},
    "case.work": {"en": "Work the case", "fa": "رسیدگی به پرونده"},
    "case.move_to": {"en": "Change status to", "fa": "تغییر وضعیت به"},
    "case.note_optional": {"en": "Note (optional)", "fa": "یادداشت (اختیاری)"},
    "case.save": {"en": "Save", "fa": "ذخیره"},
    "case.nobody": {"en": "Nobody", "fa": "هیچ‌کس"},
    "case.assign": {"en": "Assign", "fa": "سپردن"},
    "case.note": {"en": "Note", "fa": "یادداشت"},
    "case.add_note": {"en": "Add the note", "fa": "افزودن یادداشت"},
    "case.follow_up": {"en": "Follow-up survey", "fa": "نظرسنجی پیگیری"},
    "case.follow_up_sent": {
        "en": "“{survey}” was sent on {at} by {by}.",
        "fa": "«{survey}» در {at} به دست {by} فرستاده شد.",
    },
    "case.follow_up_link": {"en": "The customer's personal link:", "fa": "پیوند شخصی مشتری:"},
    "case.follow_up_answered": {"en": "The customer answered on {at}:", "fa": "مشتری در {at} پاسخ داد:"},
    "case.follow_up_waiting": {"en": "No answer yet.", "fa": "هنوز پاسخی نیامده است."},
    "case.follow_up_no_consent_note": {
        "en": "The customer did not agree to be contacted: no follow-up survey.",
        "fa": "مشتری با تماس موافقت نکرده است: نظرسنجی پیگیری فرستاده نمی‌شود.",
    },
    "case.follow_up_after_resolve": {
        "en": "Once the case is resolved, send the customer a follow-up survey from here.",
        "fa": "پس از حل پرونده، از همین‌جا نظرسنجی پیگیری را برای مشتری بفرستید.",
    },
    "case.follow_up_survey": {"en": "Survey", "fa": "نظرسنجی"},
    "case.follow_up_make": {"en": "Make the customer's link", "fa": "ساختن پیوند مشتری"},
    "case.follow_up_no_survey": {
        "en": "This map has no open survey to follow up with.",
        "fa": "این نقشه نظرسنجی بازی برای پیگیری ندارد.",
    },
    "case.history": {"en": "History", "fa": "تاریخچه"},
    "case.by_system": {"en": "Safar", "fa": "سفر"},
    "case.action.opened": {"en": "opened the case", "fa": "پرونده را باز کرد"},
    "case.action.status": {"en": "status {before} → {after}", "fa": "وضعیت {before} ← {after}"},
    "case.action.assigned": {"en": "assigned {before} → {after}", "fa": "مسئول {before} ← {after}"},
    "case.action.priority": {"en": "priority {before} → {after}", "fa": "اولویت {before} ← {after}"},
    "case.action.note": {"en": "noted", "fa": "یادداشت گذاشت"},
    "case.action.follow_up": {"en": "made a follow-up survey link", "fa": "پیوند نظرسنجی پیگیری ساخت"},
    "case.action.follow_up_answered": {
        "en": "recorded the customer's follow-up answer",
        "fa": "پاسخ پیگیری مشتری را ثبت کرد",
    },
    # The cases page
    "cases.title": {"en": "Cases", "fa": "پرونده‌ها"},
    "cases.intro": {
        "en": "Answers and comments that need someone, each a case for the department that owns the touchpoint, "
        "with its due time. The most urgent first.",
        "fa": "پاسخ‌ها و نظرهایی که به رسیدگی نیاز دارند، هر کدام پرونده‌ای برای واحدِ مسئولِ نقطه تماس با مهلت "
        "رسیدگی. فوری‌ترها نخست.",
    },
    "cases.queues": {"en": "Queues", "fa": "صف‌ها"},
    "cases.all": {"en": "All", "fa": "همه"},
    "cases.late": {"en": "Past due", "fa": "از مهلت گذشته"},
    "cases.late_mark": {"en": "late", "fa": "دیرکرد"},
    "cases.every_department": {"en": "Every department", "fa": "همه واحدها"},
    "cases.show": {"en": "Show", "fa": "نمایش"},
    "cases.export": {"en": "Export (CSV)", "fa": "خروجی (CSV)"},
    "cases.queue": {"en": "Queue", "fa": "صف"},
    "cases.none": {"en": "No cases here.", "fa": "پرونده‌ای اینجا نیست."},
    "cases.newer": {"en": "Previous page", "fa": "صفحه قبل"},
    "cases.older": {"en": "Next page", "fa": "صفحه بعد"},
    "cases.page": {"en": "Page {page} of {pages}", "fa": "صفحه {page} از {pages}"},
    "cases.sweep": {"en": "Look for new cases now", "fa": "جست‌وجوی پرونده‌های تازه هم‌اکنون"},
    "cases.rules": {"en": "What opens a case", "fa": "آنچه پرونده باز می‌کند"},
    "cases.rules_intro": {
        "en": "Each rule opens one case per survey response, comment or alert that meets it. Safar looks every "
        "minute.",
        "fa": "هر قاعده برای هر پاسخ نظرسنجی، نظر یا هشداری که با آن جور باشد یک پرونده باز می‌کند. سفر هر دقیقه "
        "نگاه می‌کند.",
    },
    "cases.any_touchpoint": {"en": "Any touchpoint", "fa": "هر نقطه تماس"},
    "cases.owner_department": {"en": "The touchpoint's owner", "fa": "مالک نقطه تماس"},
    "cases.hours": {"en": "{n} hours", "fa": "{n} ساعت"},
    "cases.remove_rule": {"en": "Remove", "fa": "حذف"},
    "cases.no_rules": {"en": "No rules yet.", "fa": "هنوز قاعده‌ای نیست."},
    "cases.condition_help": {
        "en": "For example `{a}` (detractors), `{b}`, `{c}`, `negative` (a negative comment), `alert`, or "
        "`topic:` and a topic's key (a comment on that topic; the keys are on the topics page).",
        "fa": "برای نمونه `{a}` (منتقدان)، `{b}`، `{c}`، `negative` (نظر منفی)، `alert` (هشدار)، یا `topic:` و "
        "کلید یک موضوع (نظری درباره آن موضوع؛ کلیدها در صفحه موضوع‌ها آمده‌اند).",
    },
    "cases.since_help": {
        "en": "A day such as 2026-09-01; empty: from now",
        "fa": "یک روز، مانند ۱۴۰۵/۰۶/۱۰؛ خالی: از هم‌اکنون",
    },
    "cases.add_rule": {"en": "Add the rule", "fa": "افزودن قاعده"},
    "cases.mail": {"en": "Who is told by e-mail", "fa": "چه کسانی با رایانامه باخبر می‌شوند"},
    "cases.mail_intro": {
        "en": "A department's addresses get a mail for each new case, each case past its due time and each "
        "alert, in the language chosen. * stands for every department.",
        "fa": "نشانی‌های هر واحد برای هر پرونده تازه، هر پرونده‌ای که مهلتش بگذرد و هر هشدار، به زبانی که برگزیده "
        "شده رایانامه می‌گیرند. * یعنی همه واحدها.",
    },
    "cases.address": {"en": "Address", "fa": "نشانی"},
    "cases.language": {"en": "Language", "fa": "زبان"},
    "cases.lang.fa": {"en": "Persian", "fa": "فارسی"},
    "cases.lang.en": {"en": "English", "fa": "انگلیسی"},
    "cases.remove_address": {"en": "Remove", "fa": "حذف"},
    "cases.no_addresses": {"en": "Nobody yet.", "fa": "هنوز کسی نیست."},
    "cases.add_address": {"en": "Add", "fa": "افزودن"},
    "cases.outbox": {"en": "Latest mails", "fa": "آخرین رایانامه‌ها"},
    "cases.sent_at": {"en": "sent {at}", "fa": "فرستاده شد {at}"},
    "cases.not_sent": {"en": "not sent after {n} tries:", "fa": "پس از {n} بار فرستاده نشد:"},
    "cases.waiting": {"en": "waiting to be sent", "fa": "در انتظار فرستادن"},
    # The CLI
    "cli.case.rule_added": {
        "en": "Rule {rule} added ({condition}); {opened} case(s) opened now.",
        "fa": "قاعده {rule} افزوده شد ({condition})؛ {opened} پرونده هم‌اکنون باز شد.",
    },
    "cli.case.rule_removed": {
        "en": "Rule {rule} removed; its cases stay.",
        "fa": "قاعده {rule} حذف شد؛ پرونده‌هایش می‌مانند.",
    },
    "cli.case.swept": {
        "en": "{opened} case(s) opened, {late} newly late; {mails} mail(s) queued, {sent} sent, {failed} not sent.",
        "fa": "{opened} پرونده باز شد، {late} پرونده تازه از مهلت گذشت؛ {mails} رایانامه در صف، {sent} فرستاده، "
        "{failed} فرستاده نشد.",
    },
    "cli.case.total": {"en": "{shown} of {total} case(s).", "fa": "{shown} از {total} پرونده."},
    "cli.case.exported": {"en": "Cases written to {path}.", "fa": "پرونده‌ها در {path} نوشته شد."},
    "cli.case.mail_added": {
        "en": "{address} will be told about {department}.",
        "fa": "{address} از {department} باخبر می‌شود.",
    },
    "cli.case.mail_removed": {"en": "Address {id} removed.", "fa": "نشانی {id} حذف شد."},
    "survey.consent": {
        "en": "You may contact me about my answers.",
        "fa": "می‌توانید درباره پاسخ‌هایم با من تماس بگیرید.",
    },
    "survey.ask_consent": {
        "en": "Ask whether the respondent may be contacted (a case then shows who answered)",
        "fa": "پرسیدن اینکه آیا می‌شود با پاسخ‌دهنده تماس گرفت (آنگاه پرونده نشان می‌دهد چه کسی پاسخ داده)",
    },
    "demo.case_note": {
        "en": "Called the customer: the claim file was waiting for a photo of the damage; asked for it again.",
        "fa": "با مشتری تماس گرفتم: پرونده خسارت منتظر عکس خسارت بود؛ دوباره درخواست شد.",
    },
    "demo.case_resolved": {
        "en": "The claim was paid; the customer confirmed by phone.",
        "fa": "خسارت پرداخت شد؛ مشتری تلفنی تأیید کرد.",
    },
}
