"""A hand-written Persian sentiment lexicon of domain-independent words, with negation and contrast.

Written for Safar from general Persian usage (formal and informal spellings), not learned from any
data set, so that it carries to domains the trained model has never seen (food delivery → product
reviews, banking, telecom…). Words are in the form :func:`safar.voice.normalize.tokens` gives
(half-spaces removed). Weights: ±2 strong, ±1 plain.

Rules: a word followed within three tokens by a negated verb («خوب نبود», «پیشنهاد نمی‌کنم»), or
preceded by «نه / بدون / هیچ», has its weight multiplied by −0.75; «خیلی / بسیار / واقعا…» before a
word multiplies it by 1.5; words after «ولی / اما» count 1.5×, words before them 0.5×.

>>> from safar.voice.normalize import tokens
>>> lexicon_score(tokens("اصلا خوب نبود"))[2] < 0 < lexicon_score(tokens("بد نبود، راضی‌ام"))[2]
True
"""

from __future__ import annotations

import math
import re

_STRONG_POSITIVE = """
عالی عالیه عالیست عالیی فوقالعاده فوقالعادس فوقالعادست بینظیر بینظیره محشر محشره معرکه معرکس شاهکار
بهترین بهترینه عاشقشم عاشقش عاشقتونم ایول دمتون دمت بیست perfect excellent amazing awesome great love
"""
_POSITIVE = """
خوب خوبه خوبی خوبیه خوبین خوبید خوبن خوبه خوش راضی راضیم راضیام راضیه راضی‌ام رضایت رضایتبخش ممنون ممنونم
ممنونیم مرسی سپاس سپاسگزارم سپاسگزاریم متشکرم متشکریم تشکر تشکرمیکنم قدردانی قدردانم سریع سریعا مناسب مناسبه
مرتب تمیز شیک زیبا زیباست قشنگ قشنگه باکیفیت کیفیتعالی مرغوب بادوام محکم ارزان ارزون ارزونه ارزانه منصفانه
بموقع دقیق مودب مودبانه محترم محترمانه خوشبرخورد خوشاخلاق مهربان مهربون صبور حرفهای حرفه‌ای راحت راحته آسان آسون
ساده کاربردی مفید ارزشمند توصیه پیشنهاد لذت لذتبخش خوشحال خوشحالم دلچسب خوشایند جالب کارآمد سالم اصل
اورجینال بهتر بهتره کامل درست پاسخگو پاسخگویی همکاری سپاسگذارم خداقوت موفق موفقباشید
ارزش ارزشش دقت تمیزی سرعت پیگیری good nice thanks thank fast happy recommend satisfied
"""
_STRONG_NEGATIVE = """
افتضاح افتضاحه افتضاحی فاجعه فاجعست وحشتناک وحشتناکه مزخرف مزخرفه آشغال اشغال آشغاله داغون بدترین
کلاهبرداری کلاهبردار کلاهبردارا دزدی دزد مسخره مسخرس چرت اسفناک ناراضی ناراضیم ناراضیام نارضایتی
افتضاحترین بیکیفیت بیکیفیته terrible awful worst horrible scam
"""
_NEGATIVE = """
بد بده بدی بدیه بدتر بدترین ضعیف ضعیفه خراب خرابه خرابی شکسته شکست پاره معیوب ایراد ایرادی ایرادش مشکل مشکلی
مشکلات مشکله تاخیر تأخیر دیر دیرتر کند گران گرون گرونه گرانه نامناسب نامرتب کثیف بیادب بیادبی بیاحترامی
بیمسئولیت بیمسئولیتی بیتوجهی ناامید ناامیدکننده متاسفانه متاسفم متاسف افسوس پشیمان پشیمونم پشیمون پشیمانم
عصبانی شکایت اعتراض مرجوع تقلبی فیک کلافه زشت کهنه مستعمل ناقص اشتباه اشتباهی غلط نادرست دروغ بیخود
بیفایده بیارزش اذیت دردسر ضرر زیان ناخوشایند بدقول بدقولی ناکافی هدر حیف گیج غیرحرفهای ناجور بیکیفیتی
خسارت سوخته شکستگی لک لکه خط‌وخش ترک نقص خطا بدرد نمیارزه نمیارزید نارضایتی bad poor slow broken
disappointed disappointing refund problem issue rude expensive late never worse sorry unfortunately
"""
_PHRASES: dict[tuple[str, ...], float] = {
    ("فوق", "العاده"): 2.0,
    ("خسته", "نباشید"): 1.5,
    ("خسته", "نباشین"): 1.5,
    ("حرف", "نداره"): 2.0,
    ("حرف", "نداشت"): 2.0,
    ("درجه", "یک"): 1.5,
    ("دستتون", "درد", "نکنه"): 2.0,
    ("دست", "مریزاد"): 2.0,
    ("دوست", "داشتم"): 1.0,
    ("ارزش", "خرید"): 1.0,
    ("به", "موقع"): 1.0,
    ("پیشنهاد", "میکنم"): 1.5,
    ("توصیه", "میکنم"): 1.5,
    ("پس", "دادم"): -1.5,
    ("پول", "دور", "ریختن"): -2.0,
    ("وقت", "تلف"): -1.5,
    ("اعصاب", "خوردی"): -2.0,
    ("اعصاب", "خورد"): -2.0,
    ("کیفیت", "پایین"): -1.5,
    ("غیر", "قابل", "قبول"): -2.0,
    ("قابل", "قبول", "نبود"): -2.0,
    ("به", "درد", "نمیخوره"): -2.0,
    ("اصلا", "توصیه", "نمیکنم"): -2.0,
    ("هیچ", "ارزشی"): -1.5,
}


def _words(block: str, weight: float) -> dict[str, float]:
    return {w: weight for w in block.split()}


LEXICON: dict[str, float] = {
    **_words(_POSITIVE, 1.0),
    **_words(_STRONG_POSITIVE, 2.0),
    **_words(_NEGATIVE, -1.0),
    **_words(_STRONG_NEGATIVE, -2.0),
}
INTENSIFIERS = frozenset(
    [
        "خیلی",
        "خیلیی",
        "بسیار",
        "واقعا",
        "کاملا",
        "فوق",
        "شدیدا",
        "بینهایت",
        "اصلا",
        "واقعن",
        "خیلیخیلی",
        "very",
        "really",
        "so",
        "extremely",
    ]
)
NEGATORS_BEFORE = frozenset(["نه", "بدون", "هیچ", "بی", "not", "no", "without"])
CONTRAST = frozenset(["ولی", "اما", "ولیکن", "منتها", "but", "however"])
_NEGATED_VERB = re.compile(
    r"^(نمی|نمی\S+|نیست\S*|نیس|نبود\S*|نشد\S*|نشده\S*|نداشت\S*|ندار\S*|نکرد\S*|نکن\S*|نخورد\S*|نرسید\S*|نیومد\S*|"
    r"نیامد\S*|نگرفت\S*|نزد\S*|ندید\S*|نخواست\S*|نخواه\S*|نذاشت\S*|نگذاشت\S*|نفرستاد\S*|نارزید\S*|نارزه|"
    r"نمیارز\S*|نباش\S*|نساخت\S*|نپسندید\S*|نیاورد\S*|نیارزید\S*|نداد\S*|نده\S*|n't|not|never|no)$"
)
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], float]]] = {}
for _phrase, _weight in _PHRASES.items():
    _BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _weight))
_NEGATION_FACTOR = -0.75
_WINDOW = 3


def is_negated_verb(token: str) -> bool:
    """A Persian negated verb form («نبود», «نمی‌کنم», «ندارد»…) or an English negation.

    >>> is_negated_verb("نداشت"), is_negated_verb("داشت")
    (True, False)
    """
    return bool(_NEGATED_VERB.match(token))


def lexicon_score(toks: list[str]) -> tuple[float, float, float, int]:
    """(positive weight, negative weight, squashed score in −1..1, negations seen) of a token list."""
    hits: list[tuple[int, int, float]] = []  # (start, end, weight)
    i = 0
    while i < len(toks):
        for phrase, weight in _BY_FIRST.get(toks[i], ()):
            if tuple(toks[i : i + len(phrase)]) == phrase:
                hits.append((i, i + len(phrase), weight))
                i += len(phrase)
                break
        else:
            weight = LEXICON.get(toks[i], 0.0)
            if weight:
                hits.append((i, i + 1, weight))
            i += 1
    if not hits:
        return 0.0, 0.0, 0.0, sum(1 for t in toks if is_negated_verb(t))
    negated = [is_negated_verb(t) for t in toks]
    contrast = max((k for k, t in enumerate(toks) if t in CONTRAST), default=-1)
    negations = sum(negated)
    pos = neg = 0.0
    for start, end, weight in hits:
        w = weight
        if start > 0 and toks[start - 1] in INTENSIFIERS:
            w *= 1.5
        before = toks[max(0, start - 2) : start]
        if any(t in NEGATORS_BEFORE for t in before) or any(negated[end : end + _WINDOW]):
            w *= _NEGATION_FACTOR
        if contrast >= 0:
            w *= 1.5 if start > contrast else 0.5
        if w > 0:
            pos += w
        else:
            neg -= w
    return pos, neg, math.tanh((pos - neg) / 2), negations
