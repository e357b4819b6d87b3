"""The glossary (واژه‌نامه): the statistics and measures Safar's pages show, each explained in plain words.

Each term has an anchor (``/glossary#<anchor>``, which the reading of a figure links to), its name and
explanation in the catalogue (``glossary.<anchor>.name`` / ``.text``, Persian and English) and the
words by which pages show it (``aliases``): a test reads every page and fails when a statistical word
it shows is no term's alias.

>>> term_for("q (BH)").anchor, term_for("R²").anchor, term_for("nothing") is None
('q_value', 'r2', True)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One glossary entry: its anchor and the words (English and Persian) pages show it by."""

    anchor: str
    aliases: tuple[str, ...]

    @property
    def name_key(self) -> str:
        return f"glossary.{self.anchor}.name"

    @property
    def text_key(self) -> str:
        return f"glossary.{self.anchor}.text"


TERMS: tuple[Term, ...] = (
    Term("nps", ("NPS", "promoter", "detractor", "مروج", "منتقد")),
    Term("csat", ("CSAT", "top-2-box", "top box", "satisfaction")),
    Term("ces", ("CES", "effort", "تلاش")),
    Term("customers", ("customers", "events", "مشتریان")),
    Term("conversion", ("conversion", "go on to a later stage", "تبدیل")),
    Term("dropoff", ("drop-off", "dropoff", "completed", "unobserved", "where customers stop", "ریزش")),
    Term("funnel", ("funnel", "from start", "from previous", "قیف")),
    Term("time_to_next", ("time to next", "median time", "زمان تا گام بعد")),
    Term("median", ("median", "میانه")),
    Term("negative_share", ("negative", "sentiment", "negative comments", "احساس منفی")),
    Term("emotion", ("emotion", "measured", "assumed", "emotion curve", "منحنی احساس")),
    Term("n", ("n", "small sample", "few answers", "نمونه کوچک")),
    Term(
        "interval",
        ("interval", "confidence", "CI", "Wilson", "Wald", "Student", "bootstrap", "Woolf", "بازه"),
    ),
    Term("p_value", ("p", "p (t-test)", "p-value", "p value", "t-test", "Fisher", "Wilcoxon", "آزمون t")),
    Term("q_value", ("q", "q (BH)", "q value", "BH", "Benjamini", "Hochberg")),
    Term("alpha", ("α", "alpha", "significance", "significant", "سطح معناداری")),
    Term("ztest", ("z-test", "ztest", "baseline", "recent", "two-proportion")),
    Term("min_effect", ("Δ", "minimum effect", "min effect")),
    Term("r2", ("R²", "R2", "r2")),
    Term(
        "relative_weights", ("relative weight", "Johnson", "importance", "share of R²", "driver", "drivers")
    ),
    Term("matrix", ("importance × performance", "performance", "quadrant", "fix first", "keep up")),
    Term("gap", ("gap", "expectation", "perception", "شکاف")),
    Term("retention", ("retention", "cohort", "cohorts", "نگه‌داشت", "گروه‌ها")),
    Term("churn", ("churn", "churned", "رویگردانی", "رویگردان")),
    Term("health", ("health", "customer health", "سلامت مشتری", "سلامت")),
    Term(
        "churn_risk", ("churn risk", "AUC", "Brier", "calibration", "odds", "ریسک رویگردانی", "کالیبراسیون")
    ),
    Term("dz", ("dz", "Cohen", "effect dz", "effect size")),
    Term("odds_ratio", ("odds ratio", "odds", "نسبت شانس")),
    Term("moments", ("moment of truth", "moments of truth", "matters", "no effect", "لحظه حقیقت")),
    Term("priority", ("priority", "score", "reach", "coverage", "weight", "اولویت")),
    Term("cronbach_alpha", ("Cronbach", "Cronbach's α", "reliability")),
    Term("service_level", ("service level", "SLA", "سطح خدمت")),
    Term("abandonment", ("abandonment rate", "abandonment", "short abandon", "short abandons", "نرخ رهاشدن")),
    Term(
        "speed_of_answer",
        ("speed of answer", "average speed of answer", "ASA", "90th percentile", "سرعت پاسخ"),
    ),
    Term("handle_time", ("handle time", "زمان رسیدگی")),
    Term("repeat_contacts", ("repeat contacts", "repeat contact", "تماس تکراری")),
    Term("first_contact_resolution", ("first-contact resolution", "FCR", "حل در اولین تماس")),
    Term("transfers", ("transferred", "transfer", "transfers", "انتقال‌یافته")),
    Term("reopen_rate", ("reopen rate", "reopened", "نرخ بازگشایی", "بازگشایی‌شده")),
)

_BY_ALIAS = {alias.casefold(): term for term in TERMS for alias in term.aliases}
ANCHORS = frozenset(term.anchor for term in TERMS)


def term_for(word: str) -> Term | None:
    """The glossary term a page's word (as shown, any case) stands for, or ``None``."""
    return _BY_ALIAS.get(word.strip().casefold())
