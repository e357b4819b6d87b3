"""Administration: users, roles, workspaces, API tokens and the audit log, in Persian and English."""

from __future__ import annotations

ADMIN_MESSAGES: dict[str, dict[str, str]] = {
    # Errors
    "admin.required": {
        "en": "Only an administrator of this installation can open the administration pages.",
        "fa": "فقط مدیر این نصب می‌تواند صفحه‌های مدیریت را باز کند.",
    },
    "user.disable_self": {
        "en": "You cannot disable your own account ('{username}'): ask another administrator.",
        "fa": "نمی‌توانید حساب خودتان («{username}») را غیرفعال کنید: از مدیر دیگری بخواهید.",
    },
    "user.admin_self": {
        "en": "You cannot take administration of this installation from yourself ('{username}'): ask another "
        "administrator.",
        "fa": "نمی‌توانید مدیریت این نصب را از خودتان («{username}») بگیرید: از مدیر دیگری بخواهید.",
    },
    "user.last_admin": {
        "en": "'{username}' is the last active administrator of this installation and stays one: make another "
        "user an administrator first.",
        "fa": "«{username}» آخرین مدیر فعال این نصب است و مدیر می‌ماند: نخست کاربر دیگری را مدیر نصب کنید.",
    },
    "member.last_admin": {
        "en": "'{username}' is the last admin of workspace '{workspace}' and stays one: make another member "
        "its admin first.",
        "fa": "«{username}» آخرین مدیر فضای کاری «{workspace}» است و مدیر می‌ماند: نخست عضو دیگری را مدیر آن کنید.",
    },
    "member.not_found": {
        "en": "'{username}' is not a member of workspace '{workspace}'.",
        "fa": "«{username}» عضو فضای کاری «{workspace}» نیست.",
    },
    "workspace.bad_slug": {
        "en": "'{workspace}' cannot be a workspace's short name: use 1 to 64 lower-case Latin letters, digits, "
        "'-' or '_', starting with a letter or digit (it appears in addresses).",
        "fa": "«{workspace}» نمی‌تواند نام کوتاه فضای کاری باشد: ۱ تا ۶۴ حرف کوچک لاتین، رقم، «-» یا «_» "
        "که با حرف یا رقم شروع شود (در نشانی صفحه‌ها می‌آید).",
    },
    "workspace.exists": {
        "en": "A workspace '{workspace}' already exists; choose another short name.",
        "fa": "فضای کاری «{workspace}» از قبل هست؛ نام کوتاه دیگری برگزینید.",
    },
    "workspace.bad_name": {
        "en": "A workspace's name must be 1 to 200 characters ('{name}').",
        "fa": "نام فضای کاری باید ۱ تا ۲۰۰ نویسه باشد («{name}»).",
    },
    "token.bad_name": {
        "en": "A token's name must be 1 to 200 characters ('{name}'): say what it is for, e.g. 'crm sync'.",
        "fa": "نام توکن باید ۱ تا ۲۰۰ نویسه باشد («{name}»): بگویید برای چیست، مثلاً «همگام‌سازی با سامانه فروش».",
    },
    "token.bad_scope": {
        "en": "Unknown token scope '{scope}'; use one of: {allowed}.",
        "fa": "دامنه توکن «{scope}» شناخته نیست؛ یکی از این‌ها: {allowed}.",
    },
    "token.not_member": {
        "en": "'{username}' is not a member of workspace '{workspace}', so a token limited to it could do nothing.",
        "fa": "«{username}» عضو فضای کاری «{workspace}» نیست، پس توکنی محدود به آن کاری نمی‌توانست بکند.",
    },
    "token.not_found": {
        "en": "'{username}' has no working token called '{name}'. Run `safar user tokens` to see them.",
        "fa": "«{username}» توکن فعالی به نام «{name}» ندارد. برای دیدن توکن‌ها `safar user tokens` را اجرا کنید.",
    },
    "token.id_not_found": {"en": "No API token {token}.", "fa": "توکن API شماره {token} نیست."},
    "token.read_only": {
        "en": "The API token '{token}' is read-only: it may read (GET) but not change anything ({method} refused). "
        "Ask an administrator for a token with the write scope.",
        "fa": "توکن API «{token}» فقط خواندنی است: می‌تواند بخواند (GET) ولی چیزی را تغییر نمی‌دهد ({method} پذیرفته نشد). "
        "از مدیر توکنی با دامنه نوشتن بخواهید.",
    },
    "token.other_workspace": {
        "en": "This API token is limited to workspace '{allowed}'; it cannot be used in '{workspace}'.",
        "fa": "این توکن API به فضای کاری «{allowed}» محدود است؛ در «{workspace}» به کار نمی‌رود.",
    },
    "token.admin_limited": {
        "en": "A token limited to one workspace cannot be used for administration.",
        "fa": "توکنی که به یک فضای کاری محدود است برای مدیریت به کار نمی‌رود.",
    },
    "admin.invalid": {"en": "{field}: {problem}", "fa": "{field}: {problem}"},
    # Pages
    "admin.title": {"en": "Administration", "fa": "مدیریت"},
    "admin.users": {"en": "Users", "fa": "کاربران"},
    "admin.workspaces": {"en": "Workspaces", "fa": "فضاهای کاری"},
    "admin.tokens": {"en": "API tokens", "fa": "توکن‌های API"},
    "admin.audit": {"en": "Audit log", "fa": "گزارش ممیزی"},
    "admin.users_intro": {
        "en": "Who can log in, in which workspaces and with which role. A disabled user cannot log in and "
        "their API tokens stop working; enabling them again restores both.",
        "fa": "چه کسی می‌تواند وارد شود، در کدام فضای کاری و با چه نقشی. کاربر غیرفعال نمی‌تواند وارد شود و "
        "توکن‌های API او کار نمی‌کنند؛ فعال کردن دوباره هر دو را بازمی‌گرداند.",
    },
    "admin.workspaces_intro": {
        "en": "Each workspace has its own maps, data and members; a member's role decides what they may do there.",
        "fa": "هر فضای کاری نقشه‌ها، داده‌ها و اعضای خودش را دارد؛ نقش هر عضو تعیین می‌کند آنجا چه کاری می‌تواند بکند.",
    },
    "admin.tokens_intro": {
        "en": "A token lets a program (a CRM, a contact-centre system, a script) use the JSON API as one user, "
        "within its scope. Only its first characters are kept in sight; the token itself is shown once.",
        "fa": "توکن به یک برنامه (سامانه مدیریت ارتباط با مشتری، سامانه مرکز تماس، یک اسکریپت) اجازه می‌دهد از API به نام یک کاربر و در "
        "دامنه خودش استفاده کند. فقط نویسه‌های آغازین آن دیده می‌شود؛ خود توکن یک بار نشان داده می‌شود.",
    },
    "admin.audit_intro": {
        "en": "Every administrative act, newest first: who did it, through which way, to whom or what, when ({total} in all).",
        "fa": "هر کار مدیریتی، تازه‌ترین در بالا: چه کسی، از چه راهی، روی چه کسی یا چه چیزی، کی (روی هم {total}).",
    },
    "admin.display_name": {"en": "Name shown", "fa": "نام نمایشی"},
    "admin.status": {"en": "Status", "fa": "وضعیت"},
    "admin.created": {"en": "Created", "fa": "ساخته شده"},
    "admin.actions": {"en": "Actions", "fa": "کارها"},
    "admin.is_admin": {"en": "administrator", "fa": "مدیر نصب"},
    "admin.no_workspace": {"en": "no workspace", "fa": "بدون فضای کاری"},
    "admin.disabled": {"en": "disabled", "fa": "غیرفعال"},
    "admin.active": {"en": "active", "fa": "فعال"},
    "admin.enable": {"en": "Enable", "fa": "فعال کن"},
    "admin.disable": {"en": "Disable", "fa": "غیرفعال کن"},
    "admin.reset_password": {"en": "Reset password", "fa": "بازنشانی گذرواژه"},
    "admin.new_password": {"en": "New password", "fa": "گذرواژه تازه"},
    "admin.blank_generates": {
        "en": "blank: one is made and shown once",
        "fa": "خالی: یکی ساخته و یک بار نشان داده می‌شود",
    },
    "admin.password_once": {
        "en": "The password of '{user}' is below; give it to them safely, it is shown only once.",
        "fa": "گذرواژه «{user}» در زیر است؛ آن را امن به او برسانید، فقط یک بار نشان داده می‌شود.",
    },
    "admin.tokens_still_work": {
        "en": "The sessions of '{user}' have ended; {n} of their API tokens still work (integrations keep "
        "running). If the password was reset because it may be known to someone else, revoke them:",
        "fa": "نشست‌های «{user}» پایان یافت؛ {n} توکن API او هنوز کار می‌کند (یکپارچه‌سازی‌ها از کار نمی‌افتند). "
        "اگر گذرواژه را از آن رو عوض کردید که شاید دیگری آن را بداند، آن‌ها را باطل کنید:",
    },
    "admin.revoke_tokens_too": {
        "en": "also revoke their API tokens",
        "fa": "توکن‌های API او هم باطل شود",
    },
    "admin.new_user": {"en": "Invite a colleague", "fa": "دعوت از یک همکار"},
    "admin.workspace": {"en": "Workspace", "fa": "فضای کاری"},
    "admin.role": {"en": "Role", "fa": "نقش"},
    "admin.make_admin": {
        "en": "administrator of this installation (these pages)",
        "fa": "مدیر این نصب (همین صفحه‌ها)",
    },
    "admin.roles_help": {
        "en": "Viewer: reads maps, data and reports. Editor: also edits maps, imports data, manages surveys "
        "and alerts. Admin: also manages the workspace.",
        "fa": "بیننده: نقشه‌ها، داده‌ها و گزارش‌ها را می‌بیند. ویرایشگر: افزون بر آن نقشه‌ها را ویرایش و داده "
        "وارد می‌کند و پرسشنامه‌ها و هشدارها را می‌گرداند. مدیر: فضای کاری را هم اداره می‌کند.",
    },
    "admin.make_admin_button": {"en": "Make administrator", "fa": "مدیر نصب کن"},
    "admin.unmake_admin": {"en": "Take administration away", "fa": "مدیریت نصب را بگیر"},
    "admin.rename": {"en": "Rename", "fa": "تغییر نام"},
    "admin.workspace_name": {"en": "Name", "fa": "نام"},
    "admin.change_role": {"en": "Change", "fa": "تغییر"},
    "admin.remove_member": {"en": "Remove from workspace", "fa": "برداشتن از فضای کاری"},
    "admin.no_members": {"en": "No members yet.", "fa": "هنوز عضوی ندارد."},
    "admin.add_member": {"en": "Add a member", "fa": "افزودن عضو"},
    "admin.add": {"en": "Add", "fa": "بیفزا"},
    "admin.new_workspace": {"en": "New workspace", "fa": "فضای کاری تازه"},
    "admin.slug": {"en": "Short name (in addresses)", "fa": "نام کوتاه (در نشانی‌ها)"},
    "admin.slug_help": {
        "en": "The short name appears in the pages' addresses and cannot change; the name can. You become "
        "the new workspace's admin.",
        "fa": "نام کوتاه در نشانی صفحه‌ها می‌آید و تغییر نمی‌کند؛ نام تغییر می‌کند. شما مدیر فضای کاری تازه می‌شوید.",
    },
    "admin.token_once": {
        "en": "Copy this token now: it is shown only once, and only its hash is kept.",
        "fa": "این توکن را همین حالا رونوشت کنید: فقط یک بار نشان داده می‌شود و تنها چکیده آن نگه داشته می‌شود.",
    },
    "admin.token_use": {
        "en": "Send it with every request as the header `Authorization: Bearer TOKEN` (API documentation: `/api/docs`).",
        "fa": "آن را با هر درخواست در سرآیند `Authorization: Bearer TOKEN` بفرستید (راهنمای API در `/api/docs`).",
    },
    "admin.token_name": {"en": "Token name", "fa": "نام توکن"},
    "admin.token_name_hint": {"en": "what it is for", "fa": "برای چیست"},
    "admin.token_user": {"en": "Acts as", "fa": "به نام کاربر"},
    "admin.scope": {"en": "Scope", "fa": "دامنه"},
    "admin.scope_read": {"en": "read only", "fa": "فقط خواندن"},
    "admin.scope_write": {"en": "read and write", "fa": "خواندن و نوشتن"},
    "admin.scope_help": {
        "en": "Read only: the token may read (`GET`) and is refused on any change (403). Read and write: it may "
        "also change what its user's role allows. Limited to a workspace, it is refused in every other one. "
        "A revoked token, or one whose user is disabled, is refused at once (401).",
        "fa": "فقط خواندن: توکن می‌تواند بخواند (`GET`) و هر تغییری از آن پذیرفته نمی‌شود (۴۰۳). خواندن و نوشتن: "
        "افزون بر آن هر تغییری را که نقش کاربرش اجازه دهد انجام می‌دهد. اگر به یک فضای کاری محدود باشد، در "
        "فضاهای دیگر پذیرفته نمی‌شود. توکن باطل‌شده یا توکن کاربر غیرفعال بی‌درنگ پذیرفته نمی‌شود (۴۰۱).",
    },
    "admin.every_workspace": {"en": "every workspace of the user", "fa": "همه فضاهای کاری کاربر"},
    "admin.last_used": {"en": "Last used", "fa": "آخرین استفاده"},
    "admin.never": {"en": "never", "fa": "هرگز"},
    "admin.revoked": {"en": "revoked", "fa": "باطل شده"},
    "admin.expires": {"en": "Works until", "fa": "معتبر تا"},
    "account.title": {"en": "Your account", "fa": "حساب شما"},
    "account.admin": {"en": "administrator", "fa": "مدیر سامانه"},
    "account.sessions": {"en": "Where you are signed in", "fa": "جاهایی که وارد شده‌اید"},
    "account.sessions_intro": {
        "en": "Each browser signed in as you. A session ends when you log out, after 12 hours unused, or 14 days after signing in.",
        "fa": "هر مرورگری که با حساب شما وارد شده است. هر نشست با خروج، پس از ۱۲ ساعت بی‌استفاده ماندن یا ۱۴ روز پس از ورود پایان می‌یابد.",
    },
    "account.started": {"en": "Signed in", "fa": "زمان ورود"},
    "account.last_seen": {"en": "Last used", "fa": "آخرین استفاده"},
    "account.this_browser": {"en": "this browser", "fa": "همین مرورگر"},
    "account.end_others": {"en": "Sign out everywhere else", "fa": "خروج از همهٔ جاهای دیگر"},
    "account.signed_out": {
        "en": "You are signed out everywhere but this browser.",
        "fa": "از همهٔ جاها جز همین مرورگر خارج شدید.",
    },
    "account.change_password": {"en": "Change your password", "fa": "تغییر گذرواژه"},
    "account.current_password": {"en": "Current password", "fa": "گذرواژهٔ کنونی"},
    "account.new_password": {"en": "New password", "fa": "گذرواژهٔ تازه"},
    "account.save_password": {"en": "Change password", "fa": "تغییر گذرواژه"},
    "account.password_help": {
        "en": "At least 8 characters. Every other browser signed in as you is signed out; API tokens keep working.",
        "fa": "دست‌کم ۸ نویسه. همهٔ مرورگرهای دیگری که با حساب شما وارد شده‌اند خارج می‌شوند؛ توکن‌های API کار می‌کنند.",
    },
    "account.changed": {
        "en": "Your password is changed; every other browser is signed out.",
        "fa": "گذرواژهٔ شما تغییر کرد و همهٔ مرورگرهای دیگر خارج شدند.",
    },
    "account.wrong_password": {
        "en": "The current password is not right; nothing was changed.",
        "fa": "گذرواژهٔ کنونی درست نیست؛ چیزی تغییر نکرد.",
    },
    "account.same_password": {
        "en": "The new password is the current one; choose another.",
        "fa": "گذرواژهٔ تازه همان گذرواژهٔ کنونی است؛ گذرواژهٔ دیگری برگزینید.",
    },
    "admin.no_end": {"en": "no end", "fa": "بی‌پایان"},
    "admin.expired": {"en": "expired", "fa": "منقضی شده"},
    "admin.expires_days": {"en": "Valid for (days)", "fa": "اعتبار (روز)"},
    "admin.revoke": {"en": "Revoke", "fa": "باطل کن"},
    "admin.no_tokens": {"en": "No API tokens yet.", "fa": "هنوز توکن API نیست."},
    "admin.new_token": {"en": "New API token", "fa": "توکن API تازه"},
    "admin.when": {"en": "When", "fa": "کی"},
    "admin.who": {"en": "Who", "fa": "چه کسی"},
    "admin.what": {"en": "What", "fa": "چه کاری"},
    "admin.target": {"en": "On", "fa": "روی"},
    "admin.details": {"en": "Details", "fa": "جزئیات"},
    "admin.no_audit": {"en": "Nothing has been done yet.", "fa": "هنوز کاری انجام نشده است."},
    "admin.via_web": {"en": "web", "fa": "وب"},
    "admin.via_api": {"en": "API", "fa": "API"},
    "admin.via_cli": {"en": "command line", "fa": "خط فرمان"},
    "admin.action.user.create": {"en": "created the user", "fa": "کاربر را ساخت"},
    "admin.action.user.password": {"en": "reset the password", "fa": "گذرواژه را بازنشانی کرد"},
    "admin.action.user.disable": {"en": "disabled the user", "fa": "کاربر را غیرفعال کرد"},
    "admin.action.user.enable": {"en": "enabled the user", "fa": "کاربر را فعال کرد"},
    "admin.action.user.admin_grant": {
        "en": "made an administrator of the installation",
        "fa": "مدیر نصب کرد",
    },
    "admin.action.user.admin_revoke": {
        "en": "took administration of the installation away from",
        "fa": "مدیریت نصب را گرفت از",
    },
    "admin.action.member.grant": {"en": "gave a role", "fa": "نقش داد"},
    "admin.action.member.remove": {"en": "removed from the workspace", "fa": "از فضای کاری برداشت"},
    "admin.action.workspace.create": {"en": "created the workspace", "fa": "فضای کاری را ساخت"},
    "admin.action.workspace.rename": {"en": "renamed the workspace", "fa": "نام فضای کاری را تغییر داد"},
    "admin.action.token.create": {"en": "created an API token for", "fa": "توکن API ساخت برای"},
    "admin.action.token.revoke": {"en": "revoked an API token of", "fa": "توکن API را باطل کرد از"},
    # A workspace's members page, for its own admins
    "members.title": {"en": "Members", "fa": "اعضا"},
    "members.intro": {
        "en": "Who works in this workspace and with which role. Changes here concern this workspace only; "
        "accounts, tokens and other workspaces are managed by the installation's administrators.",
        "fa": "چه کسانی در این فضای کاری کار می‌کنند و با چه نقشی. تغییرهای این صفحه فقط به همین فضای کاری "
        "مربوط است؛ حساب‌ها، توکن‌ها و فضاهای کاری دیگر را مدیران نصب اداره می‌کنند.",
    },
    "members.add_help": {
        "en": "A colleague who already has an account, by their user name.",
        "fa": "همکاری که از پیش حساب دارد، با نام کاربری‌اش.",
    },
    "members.invite_help": {
        "en": "A colleague with no account yet: one is made, with a password shown once.",
        "fa": "همکاری که هنوز حساب ندارد: حسابی ساخته می‌شود و گذرواژه‌اش یک بار نشان داده می‌شود.",
    },
    # The terminal
    "ui.user_admin_on": {
        "en": "'{user}' is now an administrator of this installation.",
        "fa": "«{user}» اکنون مدیر این نصب است.",
    },
    "ui.user_admin_off": {
        "en": "'{user}' is no longer an administrator of this installation.",
        "fa": "«{user}» دیگر مدیر این نصب نیست.",
    },
    "ui.user_disabled": {
        "en": "'{user}' is disabled: they cannot log in, are signed out everywhere and their tokens no longer work.",
        "fa": "«{user}» غیرفعال شد: نمی‌تواند وارد شود، از همه‌جا خارج شد و توکن‌هایش دیگر کار نمی‌کنند.",
    },
    "ui.user_enabled": {"en": "'{user}' can log in again.", "fa": "«{user}» دوباره می‌تواند وارد شود."},
    "ui.password_set": {"en": "The password of '{user}' is changed.", "fa": "گذرواژه «{user}» تغییر کرد."},
    "ui.password_tokens": {
        "en": "Their sessions have ended; {n} of their API tokens still work. Revoke them with "
        "`safar user revoke-token {user} NAME` (`safar user tokens` lists them), or reset with --revoke-tokens.",
        "fa": "نشست‌های او پایان یافت؛ {n} توکن API او هنوز کار می‌کند. با `safar user revoke-token {user} NAME` "
        "باطلشان کنید (`safar user tokens` فهرستشان را نشان می‌دهد)، یا با --revoke-tokens دوباره تنظیم کنید.",
    },
    "ui.user_ungranted": {
        "en": "'{user}' is no longer a member of workspace {workspace}.",
        "fa": "«{user}» دیگر عضو فضای کاری {workspace} نیست.",
    },
    "ui.token_revoked": {
        "en": "The token '{name}' of '{user}' is revoked.",
        "fa": "توکن «{name}» کاربر «{user}» باطل شد.",
    },
    "ui.workspace_created": {
        "en": "Workspace {workspace} is created.",
        "fa": "فضای کاری {workspace} ساخته شد.",
    },
    "ui.workspace_renamed": {
        "en": "Workspace {workspace} is now called '{name}'.",
        "fa": "نام فضای کاری {workspace} اکنون «{name}» است.",
    },
    "ui.col_user": {"en": "user", "fa": "کاربر"},
    "ui.col_admin": {"en": "admin", "fa": "مدیر نصب"},
    "ui.col_status": {"en": "status", "fa": "وضعیت"},
    "ui.col_workspaces": {"en": "workspaces", "fa": "فضاهای کاری"},
    "ui.col_scope": {"en": "scope", "fa": "دامنه"},
    "ui.col_workspace": {"en": "workspace", "fa": "فضای کاری"},
    "ui.col_last_used": {"en": "last used", "fa": "آخرین استفاده"},
    "ui.col_members": {"en": "members", "fa": "اعضا"},
    "ui.yes": {"en": "yes", "fa": "بله"},
    "auth.throttled": {
        "en": "Too many wrong passwords. Try again in {minutes} minute(s); until then even the right password is refused. An administrator can set a new password.",
        "fa": "گذرواژهٔ نادرست بیش از اندازه وارد شد. {minutes} دقیقهٔ دیگر دوباره تلاش کنید؛ تا آن زمان حتی گذرواژهٔ درست هم پذیرفته نمی‌شود. مدیر سامانه می‌تواند گذرواژهٔ تازه بگذارد.",
    },
}
