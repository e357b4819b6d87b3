"""Every key metric of every shipped template says what it measures, or what data would measure it."""

from __future__ import annotations

import pytest

from safar.i18n import translate
from safar.i18n.catalogue_kpis import KPIS_MESSAGES
from safar.kpis import bound_metrics
from safar.maps.templates import load_template
from safar.model.journey import MeasureKind

TEMPLATES = ("insurance", "ecommerce", "saas", "saas-day", "saas-future", "contact-centre")


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_metric_is_measured_or_says_what_data_it_needs(name: str, lang: str) -> None:
    journey = load_template(name, lang)
    unexplained = []
    for bound in bound_metrics(journey):
        metric = bound.metric
        if metric.measure is not None:
            continue
        code = f"kpis.reason.needs_{metric.needs.value}" if metric.needs else None
        if code not in KPIS_MESSAGES:
            unexplained.append(bound.key)
            continue
        for reader in ("fa", "en"):
            text = translate(code, reader)
            assert text and "`" not in text and "needs_" not in text, (code, reader, text)
    assert unexplained == []


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_a_templates_headline_survey_metrics_measure_the_whole_map(name: str, lang: str) -> None:
    journey = load_template(name, lang)
    en = load_template(name, "en")  # the English names say which metric is which
    for mine, named in zip(journey.metrics, en.metrics, strict=True):
        for kind in ("NPS", "CSAT", "CES"):
            if kind in named.name:
                assert mine.measure is not None, named.name
                assert mine.measure.kind is MeasureKind(kind.lower())
                assert (mine.measure.touchpoint, mine.measure.stage) == (None, None)


@pytest.mark.parametrize("name", TEMPLATES)
def test_both_languages_of_a_template_measure_the_same_things(name: str) -> None:
    fa, en = load_template(name, "fa"), load_template(name, "en")
    pairs = zip(bound_metrics(fa), bound_metrics(en), strict=True)
    for a, b in pairs:
        fa_says, en_says = (a.metric.measure, a.metric.needs), (b.metric.measure, b.metric.needs)
        assert (a.touchpoint, fa_says) == (b.touchpoint, en_says)


def test_no_reason_a_reader_sees_shows_markup_or_a_code() -> None:
    for code, entry in KPIS_MESSAGES.items():
        if code.startswith("kpis.reason."):
            for text in entry.values():
                assert "`" not in text, code
