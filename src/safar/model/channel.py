"""The channel catalogue: where a touchpoint happens (روش تعامل / کانال).

The built-in catalogue covers the channels CX teams name most; a workspace may
add its own (a named social network, a partner kiosk…).

>>> BUILTIN_CHANNELS["call_centre"].name("fa")
'مرکز تماس'
>>> BUILTIN_CHANNELS["instagram"].kind.value
'social'
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from safar.model.ids import Slug


class ChannelKind(StrEnum):
    VOICE = "voice"
    DIGITAL = "digital"
    MESSAGING = "messaging"
    SOCIAL = "social"
    IN_PERSON = "in_person"
    PHYSICAL = "physical"
    OTHER = "other"


class Channel(BaseModel):
    """A channel with its names in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name_fa: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    kind: ChannelKind = ChannelKind.OTHER

    def name(self, lang: str) -> str:
        return self.name_fa if lang == "fa" else self.name_en


def _c(id: str, fa: str, en: str, kind: ChannelKind) -> Channel:
    return Channel(id=id, name_fa=fa, name_en=en, kind=kind)


BUILTIN_CHANNELS: dict[str, Channel] = {
    c.id: c
    for c in [
        _c("call_centre", "مرکز تماس", "Call centre", ChannelKind.VOICE),
        _c("ivr", "پاسخگوی خودکار تلفنی", "IVR", ChannelKind.VOICE),
        _c("website", "وب‌سایت", "Website", ChannelKind.DIGITAL),
        _c("landing_page", "صفحه فرود", "Landing page", ChannelKind.DIGITAL),
        _c("mobile_app", "اپلیکیشن موبایل", "Mobile app", ChannelKind.DIGITAL),
        _c("email", "ایمیل", "E-mail", ChannelKind.MESSAGING),
        _c("sms", "پیامک", "SMS", ChannelKind.MESSAGING),
        _c("chat", "گفتگوی آنلاین", "Live chat", ChannelKind.MESSAGING),
        _c("chatbot", "چت‌بات", "Chatbot", ChannelKind.MESSAGING),
        _c("messenger", "پیام‌رسان", "Messenger app", ChannelKind.MESSAGING),
        _c("social_media", "شبکه اجتماعی", "Social media", ChannelKind.SOCIAL),
        _c("twitter", "توییتر (ایکس)", "Twitter / X", ChannelKind.SOCIAL),
        _c("instagram", "اینستاگرام", "Instagram", ChannelKind.SOCIAL),
        _c("telegram", "تلگرام", "Telegram", ChannelKind.SOCIAL),
        _c("linkedin", "لینکدین", "LinkedIn", ChannelKind.SOCIAL),
        _c("branch", "شعبه / حضوری", "Branch / in person", ChannelKind.IN_PERSON),
        _c("field_agent", "نماینده / کارشناس سیار", "Agent / field visit", ChannelKind.IN_PERSON),
        _c("post", "پست", "Post", ChannelKind.PHYSICAL),
        _c("packaging", "بسته‌بندی", "Packaging", ChannelKind.PHYSICAL),
        _c("delivery", "تحویل / پیک", "Delivery", ChannelKind.PHYSICAL),
        _c("advertising", "تبلیغات", "Advertising", ChannelKind.OTHER),
        _c("word_of_mouth", "توصیه دیگران", "Word of mouth", ChannelKind.OTHER),
        _c("other", "سایر", "Other", ChannelKind.OTHER),
    ]
}


def channel_name(channel_id: str, lang: str, channels: dict[str, Channel] | None = None) -> str:
    """A channel's name in ``lang`` from ``channels`` (the built-in ones by default); its id when unknown.

    >>> channel_name("instagram", "fa"), channel_name("kiosk", "en")
    ('اینستاگرام', 'kiosk')
    """
    found = (channels or BUILTIN_CHANNELS).get(channel_id)
    return found.name(lang) if found is not None else channel_id
