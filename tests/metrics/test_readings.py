"""The reading of each kind of figure, as whole sentences in English and Persian (numbers localised and
isolated for bidi, n < 2 without an interval, small samples flagged)."""

from __future__ import annotations

import pytest

from safar.i18n.glossary import ANCHORS
from safar.metrics.readings import READERS, SURVEY_METHOD, read

F, P = "\u2068", "\u2069"  # the isolates around signed numbers and ranges in Persian

CASES = [
    (
        "nps", "en", {"value": -12.5, "n": 600, "low": -20.1, "high": -4.9, "scope": "Checkout"},
        "NPS -12.5 at «Checkout», over all the data loaded: of 600 answers to the recommendation question "
        "(0–10), the percentage of promoters (9 or more) minus the percentage of detractors (6 or less). It "
        "runs from −100 to +100. Interval -20.1 to -4.9: with 95% confidence the true value lies in this range "
        "(Wald normal interval); more data make it narrower.",
    ),
    (
        "nps", "fa", {"value": -12.5, "n": 600, "low": -20.1, "high": -4.9, "scope": "خرید"},
        f"NPS برابر {F}-۱۲٫۵{P} در «خرید»، در همه داده‌های واردشده: از ۶۰۰ پاسخ به پرسش توصیه به دیگران "
        f"({F}۰–۱۰{P})، درصد مروجان (۹ و بالاتر) منهای درصد منتقدان (۶ و پایین‌تر). این عدد از {F}−۱۰۰{P} "
        f"تا {F}+۱۰۰{P} است. بازه {F}-۲۰٫۱{P} تا {F}-۴٫۹{P}: با اطمینان ۹۵٪ مقدار واقعی در این بازه است "
        "(بازه نرمال والد)؛ داده بیشتر آن را باریک‌تر می‌کند.",
    ),
    (
        "csat", "fa", {"value": 100.0, "n": 1, "low": None, "high": None},
        f"CSAT برابر ۱۰۰٫۰٪ در کل سفر، در همه داده‌های واردشده: درصدی از ۱ پاسخ روی مقیاس رضایت {F}۱–۵{P} "
        "که در ۲ نقطه بالای آن‌اند (۴ و بالاتر). بازه‌ای نیست: با کمتر از ۲ پاسخ نمی‌توان گفت این عدد چقدر "
        "با مقدار واقعی فاصله دارد. کمتر از ۳۰ پاسخ: نمونه کوچک است؛ این عدد را با احتیاط بخوانید.",
    ),
    (
        "csat", "en", {"value": 70.0, "n": 1, "low": 70.0, "high": 70.0, "top_box": [6, 7]},
        "CSAT 70.0% over the whole journey, over all the data loaded: the percentage of 1 answers on the "
        "satisfaction scale 1–7 that are in its top 2 points (6 or more). No interval: with fewer than 2 "
        "answers the figure cannot say how far it may be from the true value. Fewer than 30 answers: a small "
        "sample; read the figure with care.",
    ),
    (
        "ces", "en", {"value": 3.2, "n": 25, "low": 2.8, "high": 3.6, "period": "2026-03-21"},
        "CES 3.2 over the whole journey, in the period starting 2026-03-21: the mean effort of 25 answers on "
        "the scale 1–7; less effort is better. Interval 2.8 to 3.6: with 95% confidence the true value lies in "
        "this range (Student's t interval); more data make it narrower. Fewer than 30 answers: a small sample; "
        "read the figure with care.",
    ),
    (
        "ces", "fa", {"value": 3.2, "n": 40, "low": 2.8, "high": 3.6, "period": "2026-03-21"},
        f"CES برابر ۳٫۲ در کل سفر، در دوره‌ای که از ۱۴۰۵/۰۱/۰۱ آغاز می‌شود: میانگین تلاش در ۴۰ پاسخ روی "
        f"مقیاس {F}۱–۷{P}؛ تلاش کمتر بهتر است. بازه ۲٫۸ تا ۳٫۶: با اطمینان ۹۵٪ مقدار واقعی در این بازه است "
        "(بازه t استیودنت)؛ داده بیشتر آن را باریک‌تر می‌کند.",
    ),
    (
        "dropoff", "en", {"share": 0.25, "n": 400, "count": 100, "scope": "Pay"},
        "25% of the 400 customers who reached «Pay» (100) left the journey here, over all the data loaded: it "
        "was their last step while the next stage has data. Customers who completed the journey, or whose next "
        "stage has no data, are not counted as dropped off.",
    ),
    (
        "conversion", "fa", {"share": 0.9, "n": 50, "scope": "پرداخت"},
        "۹۰٪ از ۵۰ مشتری که به «پرداخت» رسیدند به مرحله‌ای بعدی از نقشه رفتند، در همه داده‌های واردشده. "
        "برای آخرین مرحله‌ای که داده دارد تعریف نمی‌شود.",
    ),
    (
        "time_to_next", "en", {"seconds": 5400.0, "scope": "Call", "n": 12},
        "1.5 h: the median time from an event at «Call» to the same customer's next step on the map, over all "
        "the data loaded; half of the next steps came sooner, half later. A customer's last step has no next "
        "one and is not counted. n = 12 next steps.",
    ),
    (
        "odds_ratio", "en", {"odds_ratio": 2.5, "with_n": 10, "without_n": 20, "scope": "Agent", "low": 1.1,
                             "high": 5.2},
        "Odds ratio 2.50 for «Agent»: the odds of reaching the outcome for the 10 customers who had this "
        "touchpoint, divided by the odds for the 20 who did not; 1 means no difference, above 1 more likely, "
        "below 1 less likely. Interval 1.10 to 5.20: with 95% confidence the true value lies in this range "
        "(Woolf's log interval); more data make it narrower.",
    ),
    (
        "q_value", "fa", {"q": 0.00001},
        "q < ۰٫۰۰۰۱: مقدار p اصلاح‌شده برای آزمودن همه نقطه‌های تماس با هم (بنیامینی–هوخبرگ)؛ زیر ۰٫۰۵ تفاوت "
        "به احتمال زیاد تصادفی نیست.",
    ),
    (
        "alert", "en", {"metric": "nps", "scope": "Renewal", "baseline": 0.3, "recent": -0.1, "baseline_n": 100,
                        "recent_n": 40, "p": 0.0123},
        "NPS at «Renewal»: +30 in the baseline window (n = 100) against -10 in the recent window (n = 40); "
        "p = 0.0123 is the chance of a change this large if nothing had really changed. The alert fires when p "
        "is below the rule's α.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "lang", "values", "expected"), CASES, ids=lambda c: str(c)[:12])
def test_whole_sentences(kind: str, lang: str, values: dict[str, object], expected: str) -> None:
    assert read(kind, lang, **values).text == expected


def test_gap_below_two_answers_has_no_interval() -> None:
    text = read("gap", "en", gap=-1.5, n=1, scope="Office", low=-3.0, high=0.0).text
    assert "Interval" not in text and "No interval" in text


def test_a_kpi_reads_by_what_it_measures() -> None:
    """A key metric's share in percent reads like the same figure on the canvas; a time in its unit."""
    kpi = read("kpi", "en", kind="dropoff", value=25.0, n=400, scope="Pay", low=21.0, high=29.4)
    assert kpi.term == "dropoff" and kpi.text.startswith("25% of the 400 customers who reached «Pay» (100)")
    assert "Interval 21.0% to 29.4%" in kpi.text and "(Wilson score interval)" in kpi.text
    timed = read("kpi", "fa", kind="median_time_to_next", value=2.5, n=9, scope=None, unit="h")
    assert timed.text.startswith("۲٫۵ ساعت: میانه زمان") and timed.text.endswith("n = ۹ گام بعدی.")


def test_every_reading_links_a_glossary_term() -> None:
    examples = {
        "negative_share": {"share": 0.2, "n": 10},
        "customers": {"customers": 5, "scope": "x"},
        "completed": {"count": 3, "scope": "x"},
        "completed_share": {"count": 3, "n": 10},
        "unobserved": {"count": 1, "n": 10},
        "stopped": {"count": 2, "n": 10, "scope": "x"},
        "time_to_next": {"seconds": 30.0, "scope": "x"},
        "funnel": {"share": 0.5, "n": 10, "count": 5, "scope": "x"},
        "r2": {"r2": 0.4, "n": 100},
        "importance": {"importance": 0.1, "share": 0.25, "scope": "x"},
        "gap": {"gap": -1.0, "n": 30, "scope": "x"},
        "p_value": {"p": 0.03},
        "q_value": {"q": 0.03},
        "dz": {"dz": 0.5},
        "odds_ratio": {"odds_ratio": 1.0, "with_n": 1, "without_n": 1, "scope": "x"},
        "conversion": {"share": 0.5, "n": 10, "scope": "x"},
        "dropoff": {"share": 0.5, "n": 10, "count": 5, "scope": "x"},
        "alert": {"metric": "csat_top2", "scope": "x", "baseline": 0.8, "recent": 0.6, "baseline_n": 50,
                  "recent_n": 40, "p": 0.001},
        "priority": {"priority": 0.5, "score": 0.6, "coverage": 0.83},
        "kpi": {"kind": "customers", "value": 10.0, "n": 10, "scope": None},
    }  # fmt: skip
    assert set(examples) == set(READERS)
    for kind, values in [*examples.items(), *((k, {"value": 1.0, "n": 5}) for k in SURVEY_METHOD)]:
        for lang in ("fa", "en"):
            reading = read(kind, lang, **values)
            assert reading.term in ANCHORS, kind
            assert "{" not in reading.text and "nan" not in reading.text, reading.text
