"""Messages of maps as a portfolio (a blank map, rename, duplicate, future state, owner and status, archive,
delete) and of the canvas's view tools (zoom, fit to screen, compact mode, lanes), in English and Persian."""

from __future__ import annotations

PORTFOLIO_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "map.archived": {
        "en": "Map {map_id} (“{title}”) is archived, so it is read-only. Unarchive it on its details page "
        "first.",
        "fa": "نقشه {map_id} («{title}») بایگانی شده و فقط خواندنی است. نخست در صفحه جزئیات آن را از "
        "بایگانی خارج کنید.",
    },
    "map.future_of_future": {
        "en": "Map {map_id} is already a future-state map: make the future state from the current-state map "
        "it is based on.",
        "fa": "نقشه {map_id} خود نقشه وضعیت آینده است: نقشه آینده را از نقشه وضعیت فعلی‌ای بسازید که بر پایه "
        "آن است.",
    },
    "map.owner_not_member": {
        "en": "{owner} is not a member of workspace {workspace}; the owner must be one of: {allowed}.",
        "fa": "{owner} عضو فضای کاری {workspace} نیست؛ مسئول نقشه باید یکی از این‌ها باشد: {allowed}.",
    },
    "map.confirm_title": {
        "en": "To delete the map, type its title exactly as it is: “{title}”.",
        "fa": "برای حذف نقشه، عنوان آن را دقیقاً همان‌طور که هست بنویسید: «{title}».",
    },
    "edit.bad_id": {
        "en": "“{id}” cannot be an id: use small Latin letters, digits, - and _ (at most 64, starting with a "
        "letter or digit), or leave it empty to have one made from the name.",
        "fa": "«{id}» نمی‌تواند شناسه باشد: از حروف کوچک لاتین، رقم، - و _ استفاده کنید (حداکثر ۶۴ نویسه، آغاز "
        "با حرف یا رقم)، یا خالی بگذارید تا از روی نام ساخته شود.",
    },
    "edit.id_taken": {
        "en": "The id “{id}” is already used in this map: choose another or leave it empty.",
        "fa": "شناسه «{id}» در این نقشه به کار رفته است: شناسه دیگری بنویسید یا خالی بگذارید.",
    },
    "canvas.own_id": {
        "en": "Id (made from the name if empty)",
        "fa": "شناسه (اگر خالی بماند از روی نام ساخته می‌شود)",
    },
    # What a new document is called
    "map.first_stage": {"en": "Stage 1", "fa": "مرحله ۱"},
    "map.copy_title": {"en": "Copy of {title}", "fa": "رونوشت {title}"},
    "map.future_title": {"en": "Future state: {title}", "fa": "نقشه آینده: {title}"},
    # Revision messages
    "msg.blank": {"en": "Created as a blank map", "fa": "به‌صورت نقشه خالی ساخته شد"},
    "msg.copied": {
        "en": "Copied from map {map} (“{title}”), revision {revision}",
        "fa": "رونوشت نقشه {map} («{title}»)، نسخه {revision}",
    },
    "msg.future_from": {
        "en": "Future state of map {map} (“{title}”), revision {revision}",
        "fa": "وضعیت آینده نقشه {map} («{title}»)، نسخه {revision}",
    },
    "msg.renamed": {"en": "Renamed “{before}” to “{after}”", "fa": "نام «{before}» به «{after}» تغییر کرد"},
    # The audit log
    "admin.action.map.owner": {"en": "changed the owner of the map", "fa": "مسئول نقشه را تغییر داد"},
    "admin.action.map.status": {"en": "changed the status of the map", "fa": "وضعیت نقشه را تغییر داد"},
    "admin.action.map.archive": {"en": "archived the map", "fa": "نقشه را بایگانی کرد"},
    "admin.action.map.unarchive": {
        "en": "took the map out of the archive",
        "fa": "نقشه را از بایگانی خارج کرد",
    },
    "admin.action.map.delete": {"en": "deleted the map", "fa": "نقشه را حذف کرد"},
    # Statuses
    "map.status.draft": {"en": "Draft", "fa": "پیش‌نویس"},
    "map.status.in_review": {"en": "In review", "fa": "در بازبینی"},
    "map.status.published": {"en": "Published", "fa": "منتشرشده"},
    # The maps list
    "portfolio.owner": {"en": "Owner", "fa": "مسئول"},
    "portfolio.status": {"en": "Status", "fa": "وضعیت"},
    "portfolio.no_owner": {"en": "No owner", "fa": "بدون مسئول"},
    "portfolio.search": {"en": "Search the titles", "fa": "جستجو در عنوان‌ها"},
    "portfolio.search_button": {"en": "Search", "fa": "جستجو"},
    "portfolio.show": {"en": "Show", "fa": "نمایش"},
    "portfolio.show_active": {"en": "Maps in use", "fa": "نقشه‌های در جریان"},
    "portfolio.show_archived": {"en": "Archived maps", "fa": "نقشه‌های بایگانی‌شده"},
    "portfolio.show_all": {"en": "All maps", "fa": "همه نقشه‌ها"},
    "portfolio.archived_count": {
        "en": "{n} archived maps are not shown.",
        "fa": "{n} نقشه بایگانی‌شده نشان داده نمی‌شود.",
    },
    "portfolio.no_match": {"en": "No map matches “{query}”.", "fa": "هیچ نقشه‌ای با «{query}» پیدا نشد."},
    "portfolio.same_title": {
        "en": "Another map has the same title: tell them apart by id, owner and date.",
        "fa": "نقشه دیگری همین عنوان را دارد: آن‌ها را با شناسه، مسئول و تاریخ از هم جدا کنید.",
    },
    "portfolio.details": {"en": "Details", "fa": "جزئیات"},
    "portfolio.archived_badge": {"en": "Archived", "fa": "بایگانی‌شده"},
    "portfolio.deleted": {"en": "Map “{title}” was deleted.", "fa": "نقشه «{title}» حذف شد."},
    # A blank map
    "portfolio.blank_title": {"en": "Blank map", "fa": "نقشه خالی"},
    "portfolio.blank_intro": {
        "en": "A title, a language, a type and one empty stage to start from.",
        "fa": "یک عنوان، یک زبان، یک نوع و یک مرحله خالی برای شروع.",
    },
    "portfolio.first_stage": {"en": "Name of the first stage", "fa": "نام نخستین مرحله"},
    "portfolio.from_template": {"en": "From a template", "fa": "از روی الگو"},
    # A map's details page
    "portfolio.settings_title": {"en": "Map details", "fa": "جزئیات نقشه"},
    "portfolio.rename": {"en": "Title and description", "fa": "عنوان و توضیح"},
    "portfolio.description": {"en": "Description", "fa": "توضیح"},
    "portfolio.owner_status": {"en": "Owner and status", "fa": "مسئول و وضعیت"},
    "portfolio.duplicate": {"en": "Duplicate the map", "fa": "رونوشت از نقشه"},
    "portfolio.duplicate_intro": {
        "en": "A new map with the same content, titled “Copy of …”, with its own history from revision 1.",
        "fa": "نقشه‌ای تازه با همین محتوا و عنوان «رونوشت …»، با تاریخچه‌ای از آنِ خودش که از نسخه ۱ آغاز "
        "می‌شود.",
    },
    "portfolio.future": {"en": "Make its future-state map", "fa": "ساخت نقشه وضعیت آینده"},
    "portfolio.future_intro": {
        "en": "A future-state map based on this revision: the same stages and touchpoints, each improving "
        "the one it copies, to set targets on; its key metrics are measured on this map's data.",
        "fa": "نقشه وضعیت آینده بر پایه همین نسخه: همین مرحله‌ها و نقاط تماس، هر یک بهبود همان نقطه‌ای که از "
        "آن رونوشت شده، برای تعیین هدف؛ شاخص‌های کلیدی آن با داده‌های همین نقشه سنجیده می‌شوند.",
    },
    "portfolio.future_only_current": {
        "en": "This map is a future-state map itself.",
        "fa": "این نقشه خود نقشه وضعیت آینده است.",
    },
    "portfolio.based_on": {"en": "Based on map", "fa": "بر پایه نقشه"},
    "portfolio.archive": {"en": "Archive", "fa": "بایگانی"},
    "portfolio.archive_intro": {
        "en": "An archived map is hidden from the maps list and read-only until it is taken out of the "
        "archive. Nothing is deleted.",
        "fa": "نقشه بایگانی‌شده در فهرست نقشه‌ها دیده نمی‌شود و تا از بایگانی خارج نشود فقط خواندنی است. "
        "چیزی حذف نمی‌شود.",
    },
    "portfolio.unarchive": {"en": "Take out of the archive", "fa": "خارج کردن از بایگانی"},
    "portfolio.archived_note": {
        "en": "Archived {when}: read-only until it is taken out of the archive.",
        "fa": "بایگانی‌شده در {when}: تا از بایگانی خارج نشود فقط خواندنی است.",
    },
    # Deleting a map
    "portfolio.delete": {"en": "Delete the map", "fa": "حذف نقشه"},
    "portfolio.delete_intro": {
        "en": "Only an administrator of the workspace can delete a map, after typing its title.",
        "fa": "فقط مدیر فضای کاری می‌تواند نقشه را حذف کند، پس از نوشتن عنوان آن.",
    },
    "portfolio.delete_what": {
        "en": "Deleting it removes for good its {revisions} revisions, {surveys} surveys, {alert_rules} alert "
        "rules, {snapshots} key-metric snapshots and {opportunities} opportunities. Fired alerts stay in "
        "the feed. To keep it out of sight instead, archive it.",
        "fa": "با حذف، {revisions} نسخه، {surveys} پیمایش، {alert_rules} قاعده هشدار، {snapshots} عکس فوری "
        "شاخص‌ها و {opportunities} فرصت آن برای همیشه پاک می‌شوند. هشدارهای فرستاده‌شده در فهرست هشدارها "
        "می‌مانند. برای دور کردن آن از دید، بایگانی‌اش کنید.",
    },
    "portfolio.delete_confirm": {
        "en": "Type the map's title to confirm",
        "fa": "برای تأیید، عنوان نقشه را بنویسید",
    },
    # The canvas's view tools
    "canvas.view_tools": {"en": "View of the map", "fa": "نمای نقشه"},
    "canvas.zoom_out": {"en": "Zoom out", "fa": "کوچک‌نمایی"},
    "canvas.zoom_in": {"en": "Zoom in", "fa": "بزرگ‌نمایی"},
    "canvas.zoom": {"en": "Zoom", "fa": "اندازه نمایش"},
    "canvas.actual_size": {"en": "Actual size", "fa": "اندازه واقعی"},
    "canvas.fit": {"en": "Fit to screen", "fa": "هم‌اندازه صفحه"},
    "canvas.compact": {"en": "Compact", "fa": "فشرده"},
    "canvas.lanes": {"en": "Lanes", "fa": "ردیف‌ها"},
    "canvas.collapse": {"en": "Collapse or expand the lane", "fa": "جمع یا باز کردن ردیف"},
    "canvas.keys": {
        "en": "Keys on the map: + and − zoom in and out, 0 shows the actual size.",
        "fa": "کلیدها روی نقشه: + و − برای بزرگ‌نمایی و کوچک‌نمایی، ۰ برای اندازه واقعی.",
    },
    "cli.map_renamed": {
        "en": "Map {id}: «{title}», status {status}.",
        "fa": "نقشه {id}: «{title}»، وضعیت {status}.",
    },
    "cli.map_made": {
        "en": "Made map {id}: «{title}» (revision {revision}).",
        "fa": "نقشه {id} ساخته شد: «{title}» (نسخه {revision}).",
    },
    "cli.map_archived": {
        "en": "Map {id} «{title}» is archived: hidden from the list and read-only. safar map archive {id} --restore brings it back.",
        "fa": "نقشه {id} «{title}» بایگانی شد: در فهرست دیده نمی‌شود و فقط‌خواندنی است. با safar map archive {id} --restore برمی‌گردد.",
    },
    "cli.map_restored": {
        "en": "Map {id} «{title}» is back in the list and can be edited.",
        "fa": "نقشه {id} «{title}» به فهرست برگشت و ویرایش‌پذیر است.",
    },
    "cli.map_deleted": {
        "en": "Deleted map {id} «{title}» with its history.",
        "fa": "نقشه {id} «{title}» با تاریخچه‌اش حذف شد.",
    },
    "cli.map_delete_confirm": {
        "en": "Deleting map {map_id} removes it and its history for good; add --yes to confirm (safar map archive {map_id} only hides it).",
        "fa": "حذف نقشه {map_id} آن را با تاریخچه‌اش برای همیشه پاک می‌کند؛ برای تأیید --yes را بیفزایید (safar map archive {map_id} فقط پنهانش می‌کند).",
    },
    "cli.map_bad_status": {
        "en": "--status {status}: a map's status is one of {allowed}.",
        "fa": "--status {status}: وضعیت نقشه یکی از این‌هاست: {allowed}.",
    },
    "cli.map_empty_title": {
        "en": "--title is empty: give map {map_id} a title with at least one letter.",
        "fa": "--title خالی است: برای نقشه {map_id} عنوانی با دست‌کم یک حرف بدهید.",
    },
    "cli.map_bad_show": {
        "en": "--show {show}: list the maps that are {allowed}.",
        "fa": "--show {show}: یکی از این‌ها را بدهید: {allowed}.",
    },
    "moment.title": {"en": "Moment of truth and its evidence", "fa": "لحظه حقیقت و شواهد آن"},
    "moment.is": {"en": "This touchpoint is a moment of truth", "fa": "این نقطه تماس یک لحظه حقیقت است"},
    "moment.intro": {
        "en": "Say on what evidence: each row one source — who said it or which study, when, how strong, how many agreed. A row without a source is left out; a moment of truth needs one row at least. Dates in the Jalali or the Gregorian calendar.",
        "fa": "بگویید بر پایهٔ چه شواهدی: هر ردیف یک منبع — چه کسی گفته یا کدام پژوهش، کِی، چه اندازه قوی، چند نفر هم‌نظر بودند. ردیف بی‌منبع کنار گذاشته می‌شود؛ لحظه حقیقت دست‌کم یک ردیف لازم دارد. تاریخ به تقویم خورشیدی یا میلادی.",
    },
    "moment.note": {"en": "Why it matters (note)", "fa": "چرا مهم است (یادداشت)"},
    "moment.source": {"en": "Source", "fa": "منبع"},
    "moment.who": {"en": "Who, or which study", "fa": "چه کسی یا کدام پژوهش"},
    "moment.on": {"en": "When", "fa": "کِی"},
    "moment.strength": {"en": "Strength", "fa": "قوت"},
    "moment.agreed": {"en": "How many agreed", "fa": "چند نفر هم‌نظر"},
    "moment.row_note": {"en": "Note", "fa": "یادداشت"},
    "moment.strength.weak": {"en": "weak", "fa": "ضعیف"},
    "moment.strength.moderate": {"en": "moderate", "fa": "متوسط"},
    "moment.strength.strong": {"en": "strong", "fa": "قوی"},
    "moment.none": {"en": "—", "fa": "—"},
    "moment.save": {"en": "Save the moment of truth", "fa": "ذخیرهٔ لحظه حقیقت"},
    "moment.row": {"en": "evidence row {row}", "fa": "ردیف {row} شواهد"},
    "moment.bad_agreed": {
        "en": "Evidence row {row}: “{value}” is not a whole number of people. Write how many agreed, e.g. 12.",
        "fa": "ردیف {row} شواهد: «{value}» عدد درستی از افراد نیست. بنویسید چند نفر هم‌نظر بودند، مثلاً ۱۲.",
    },
    "moment.needs_evidence": {
        "en": "A moment of truth needs its evidence: choose the source of one row at least, or untick “This touchpoint is a moment of truth”.",
        "fa": "لحظه حقیقت شواهد لازم دارد: منبع دست‌کم یک ردیف را برگزینید، یا تیک «این نقطه تماس یک لحظه حقیقت است» را بردارید.",
    },
    "moment.count": {"en": "evidence: {n}", "fa": "شواهد: {n}"},
    "portfolio.scope_order": {
        "en": "The map's period ends ({end}) before it starts ({start}): give the first day first.",
        "fa": "بازهٔ نقشه پیش از آغازش ({start}) پایان می‌یابد ({end}): نخست روز آغاز را بدهید.",
    },
    "portfolio.scope": {"en": "Scope: the period the map covers", "fa": "دامنه: بازه‌ای که نقشه در بر می‌گیرد"},
    "portfolio.scope_help": {
        "en": "Dates in the Jalali or the Gregorian calendar; leave one empty for none.",
        "fa": "تاریخ‌ها به تقویم خورشیدی یا میلادی؛ برای نداشتن، خالی بگذارید.",
    },
}
