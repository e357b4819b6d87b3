"""Messages of the expected wait (``wait.*``): the notice customers read, the page and CLI labels and the
written method (the same words as :mod:`safar.insights.waits`)."""

from __future__ import annotations

WAIT_MESSAGES: dict[str, dict[str, str]] = {
    "wait.unknown_queue": {
        "en": "No contact of this dataset is in the queue “{queue}”. Queues it has: {known}.",
        "fa": "هیچ تماسی از این مجموعه‌داده در صف «{queue}» نیست. صف‌های آن: {known}.",
    },
    "wait.one_queue": {
        "en": "The notice is for one queue: name it with queue= (queues: {known}).",
        "fa": "پیام برای یک صف است: آن را با ‎queue=‎ نام ببرید (صف‌ها: {known}).",
    },
    "wait.notice.minutes": {"en": "Expected wait: about {n} min", "fa": "زمان انتظار تقریبی: {n} دقیقه"},
    "wait.notice.hours": {"en": "Expected wait: about {n} h", "fa": "زمان انتظار تقریبی: {n} ساعت"},
    "wait.notice.under_minute": {
        "en": "Expected wait: less than a minute",
        "fa": "زمان انتظار تقریبی: کمتر از یک دقیقه",
    },
    "wait.notice.none": {
        "en": "No wait estimate right now",
        "fa": "اکنون برآوردی از زمان انتظار در دست نیست",
    },
    "wait.title": {"en": "Expected wait", "fa": "زمان انتظار تقریبی"},
    "wait.intro": {
        "en": "How long a contact entering each queue now can expect to wait, from the contacts answered just "
        "before, with how well the estimate did on the queue's past contacts, and the notice a website or "
        "phone line can show customers.",
        "fa": "تماسی که اکنون وارد هر صف می‌شود چقدر باید منتظر بماند، بر پایه تماس‌هایی که همین پیش‌تر پاسخ "
        "گرفتند، همراه با دقت این برآورد روی تماس‌های گذشته صف، و پیامی که وب‌سایت یا خط تلفن می‌تواند به "
        "مشتریان نشان دهد.",
    },
    "wait.link": {"en": "Expected wait per queue", "fa": "زمان انتظار تقریبی هر صف"},
    "wait.queue": {"en": "Queue", "fa": "صف"},
    "wait.window": {"en": "Recent window", "fa": "بازه اخیر"},
    "wait.show": {"en": "Estimate the wait", "fa": "برآورد زمان انتظار"},
    "wait.choose": {
        "en": "Choose a dataset and name the activities of entering the queue and of the answer; then estimate.",
        "fa": "مجموعه‌داده را برگزینید و فعالیت‌های ورود به صف و پاسخ را نام ببرید؛ سپس برآورد کنید.",
    },
    "wait.at": {
        "en": "As of {at}, the data's newest contact event.",
        "fa": "تا {at}، تازه‌ترین رویداد تماس در داده.",
    },
    "wait.estimate": {"en": "Expected wait", "fa": "انتظار تقریبی"},
    "wait.method": {"en": "Method", "fa": "روش"},
    "wait.method.last": {"en": "last answered", "fa": "آخرین پاسخ‌گرفته"},
    "wait.method.recent": {"en": "recent mean", "fa": "میانگین اخیر"},
    "wait.waiting_now": {"en": "Waiting now", "fa": "در صف اکنون"},
    "wait.longest": {"en": "Longest waiting", "fa": "بیشترین انتظار کنونی"},
    "wait.last_answer": {"en": "Last answer", "fa": "آخرین پاسخ"},
    "wait.notice": {"en": "Notice for customers", "fa": "پیام برای مشتریان"},
    "wait.stale": {
        "en": "stale: nothing answered in the last {window}",
        "fa": "کهنه: در {window} گذشته پاسخی داده نشده",
    },
    "wait.no_queue": {"en": "(no queue)", "fa": "(بی‌صف)"},
    "wait.checks": {"en": "How each method did on past contacts", "fa": "دقت هر روش روی تماس‌های گذشته"},
    "wait.answered": {"en": "Answered contacts", "fa": "تماس‌های پاسخ‌داده"},
    "wait.estimated": {"en": "Estimated", "fa": "برآوردشده"},
    "wait.mae": {"en": "Mean absolute error", "fa": "میانگین خطای مطلق"},
    "wait.median_error": {"en": "Median absolute error", "fa": "میانه خطای مطلق"},
    "wait.within_minute": {"en": "Within a minute", "fa": "با خطای کمتر از یک دقیقه"},
    "wait.chosen": {"en": "chosen", "fa": "برگزیده"},
    "wait.embed": {
        "en": "A website or phone line reads the notice with a read-only API token: `{url}` (add `&format=html` "
        "for a fragment to put in a page; plain text, for a phone line to speak, is the default).",
        "fa": "وب‌سایت یا خط تلفن این پیام را با یک توکن API فقط‌خواندنی می‌خواند: `{url}` (برای تکه‌ای که در "
        "صفحه گذاشته شود `&format=html` را بیفزایید؛ متن ساده، برای گفتار خط تلفن، پیش‌فرض است).",
    },
    "wait.methods": {"en": "How the estimate is made", "fa": "برآورد چگونه ساخته می‌شود"},
    "wait.def.methods": {
        "en": "Two estimates, each from what was known when a contact entered the queue: the wait of the "
        "queue's contact answered last before it (last answered), and the mean wait of the queue's contacts "
        "answered in the {window} before it (recent mean).",
        "fa": "دو برآورد، هر کدام از آنچه هنگام ورود تماس به صف معلوم بود: انتظارِ آخرین تماسِ صف که پیش از "
        "آن پاسخ گرفت (آخرین پاسخ‌گرفته)، و میانگین انتظار تماس‌هایی از صف که در {window} پیش از آن پاسخ "
        "گرفتند (میانگین اخیر).",
    },
    "wait.def.check": {
        "en": "Each is checked on every past answered contact of the queue (abandoned and waiting contacts have "
        "no known wait): the error is the estimate minus the wait. The estimate shown uses the method with the "
        "smaller mean absolute error; with no answer in the last {window} it is stale and no wait is promised.",
        "fa": "هر کدام روی همه تماس‌های پاسخ‌گرفته گذشته صف سنجیده می‌شود (تماس‌های رهاشده و در انتظار، "
        "انتظار معلومی ندارند): خطا برابر برآورد منهای انتظار واقعی است. برآورد نمایش‌داده روشِ با میانگین "
        "خطای مطلق کمتر است؛ اگر در {window} گذشته پاسخی داده نشده باشد، برآورد کهنه است و زمانی وعده داده "
        "نمی‌شود.",
    },
    "wait.def.notice": {
        "en": "The notice rounds the estimate up to whole minutes (under a minute: “less than a minute”).",
        "fa": "پیام، برآورد را به دقیقه کامل به بالا گرد می‌کند (کمتر از یک دقیقه: «کمتر از یک دقیقه»).",
    },
}
