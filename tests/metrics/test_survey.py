"""The survey definitions against plain references (lists, the formulas by hand, SciPy's quantiles), and one
number on every surface: voice metrics, the touchpoint voice, the KPI measure and the alert measurement."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import duckdb
import ibis
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safar.alerts.measure import measure
from safar.alerts.rules import AlertRule, RuleKind, RuleParams, TargetKind
from safar.errors import InputError
from safar.kpis.measures import survey_measure
from safar.metrics import survey as m
from safar.model import JourneyMap, Stage, Touchpoint
from safar.voice.groups import metric_by
from safar.voice.metrics import ces, csat, nps
from safar.voice.touchpoints import touchpoint_voice
from safar.warehouse import Warehouse
from safar.warehouse.schema import create_schema

stats = pytest.importorskip("scipy.stats")

SCALES = [(1, 5), (1, 7), (0, 10)]


# --- plain references -------------------------------------------------------------------------------


def ref_nps(scores: list[int], confidence: float = 0.95) -> tuple[float, tuple[float, float] | None]:
    n = len(scores)
    pro = sum(1 for s in scores if s in (9, 10)) / n
    det = sum(1 for s in scores if s in (0, 1, 2, 3, 4, 5, 6)) / n
    if n < 2:
        return 100 * (pro - det), None
    points = [1 if s >= 9 else -1 if s <= 6 else 0 for s in scores]
    mean = sum(points) / n
    var = sum((p - mean) ** 2 for p in points) / n  # the population variance of the +1/0/−1 scores
    half = stats.norm.ppf(0.5 + confidence / 2) * math.sqrt(var / n)
    return 100 * mean, (max(-100.0, 100 * (mean - half)), min(100.0, 100 * (mean + half)))


def ref_csat(
    scores: list[int], scale: tuple[int, int], top: int = 2, confidence: float = 0.95
) -> tuple[float, tuple[float, float] | None]:
    box = sorted(range(scale[0], scale[1] + 1))[-top:]
    n, k = len(scores), sum(1 for s in scores if s in box)
    if n < 2:
        return 100 * k / n, None
    z, p = stats.norm.ppf(0.5 + confidence / 2), k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * p, (100 * max(0.0, centre - half), 100 * min(1.0, centre + half))


def ref_ces(
    scores: list[int], scale: tuple[int, int], confidence: float = 0.95
) -> tuple[float, tuple[float, float] | None]:
    n = len(scores)
    mean = sum(scores) / n
    if n < 2:
        return mean, None
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (n - 1))
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n)
    return mean, (max(scale[0], mean - half), min(scale[1], mean + half))


def approx_interval(found: tuple[float, float] | None, expected: tuple[float, float] | None) -> None:
    if expected is None:
        assert found is None
    else:
        assert found == (pytest.approx(expected[0], abs=1e-9), pytest.approx(expected[1], abs=1e-9))


# --- the definitions ----------------------------------------------------------------------------------


def test_thresholds_and_top_box_per_scale() -> None:
    assert (m.PROMOTER_MIN, m.DETRACTOR_MAX) == (9, 6)
    assert [m.top_box_min(s) for s in SCALES] == [4, 6, 9]
    assert [m.top_box(s, 1) for s in SCALES] == [(5,), (7,), (10,)]
    assert m.top_box((1, 7), 3) == (5, 6, 7)
    for bad in (0, 5, True):
        with pytest.raises(InputError) as exc:
            m.top_box_min((1, 5), bad)
        assert exc.value.code == "voice.bad_top_box"
    with pytest.raises(InputError) as exc:
        m.top_box_min((5, 5))
    assert exc.value.code == "voice.bad_scale"


@pytest.mark.parametrize("scores", [[10], [0, 10], [9, 9], [6, 7, 8], [10, 9, 8, 6, 0]])
def test_nps_small_n(scores: list[int]) -> None:
    n, pro, det = len(scores), sum(s >= 9 for s in scores), sum(s <= 6 for s in scores)
    value, interval = ref_nps(scores)
    assert m.nps_value(n, pro, det) == pytest.approx(value)
    approx_interval(m.nps_interval(n, pro, det), interval)
    assert m.nps_interval(0, 0, 0) is None


def test_edge_cases_n_0_1_2() -> None:
    for interval in (m.nps_interval(1, 1, 0), m.csat_interval(1, 1), m.ces_interval(1, 3.0, 9.0)):
        assert interval is None
    assert (m.csat_interval(0, 0), m.ces_interval(0, 0.0, 0.0), m.ces_sd(1, 3.0, 9.0)) == (None, None, None)
    assert m.ces_interval(2, 6.0, 18.0) == (3.0, 3.0)  # two equal answers: no spread
    assert m.ces_interval(2, 8.0, 50.0) == (1.0, 7.0)  # 1 and 7: t(1) reaches −34.1…42.1, kept to 1…7
    assert m.negative_share(0, 0) is None
    for metric in (nps, csat, ces):
        with pytest.raises(InputError) as exc:
            metric([])
        assert exc.value.code == "voice.no_answers"
    one = [nps([10]), csat([5]), ces([3])]
    assert [(r.n, r.ci_low, r.ci_high) for r in one] == [(1, None, None)] * 3
    assert all(r.ci_low is not None for r in (nps([10, 0]), csat([5, 1]), ces([3, 4])))


def test_bad_confidence() -> None:
    for call in (lambda: m.nps_interval(5, 1, 1, 1.0), lambda: m.csat_interval(5, 1, 0.0)):
        with pytest.raises(InputError) as exc:
            call()
        assert exc.value.code == "voice.bad_confidence"


def test_the_issue_ces_interval_stays_on_its_scale() -> None:
    """The issue saw −21.4…29.4 on a 1–7 scale: three answers 1, 4, 7 and a 99 % level are of that kind."""
    r = ces([1, 7], confidence=0.95)
    assert (r.ci_low, r.ci_high) == (1.0, 7.0)
    raw_low = 4 - stats.t.ppf(0.975, 1) * math.sqrt(18) / math.sqrt(2)
    assert raw_low < -30  # what the interval was before it was kept to its scale


@given(st.lists(st.integers(0, 10), min_size=0, max_size=80), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_nps_matches_the_reference_and_its_interval_holds_the_score(scores: list[int], level: float) -> None:
    if not scores:
        assert m.nps_interval(0, 0, 0, level) is None
        return
    n, pro, det = len(scores), sum(s >= 9 for s in scores), sum(s <= 6 for s in scores)
    value, interval = ref_nps(scores, level)
    assert m.nps_value(n, pro, det) == pytest.approx(value)
    found = m.nps_interval(n, pro, det, level)
    approx_interval(found, interval)
    if found is not None:
        assert -100 <= found[0] <= m.nps_value(n, pro, det) <= found[1] <= 100


@given(st.data(), st.sampled_from(SCALES), st.integers(1, 3), st.sampled_from([0.9, 0.95, 0.99]))
def test_csat_matches_the_reference_on_any_scale(
    data: st.DataObject, scale: tuple[int, int], top: int, level: float
) -> None:
    scores = data.draw(st.lists(st.integers(*scale), min_size=1, max_size=80))
    value, interval = ref_csat(scores, scale, top, level)
    sat = sum(s >= m.top_box_min(scale, top) for s in scores)
    assert m.csat_value(len(scores), sat) == pytest.approx(value)
    found = m.csat_interval(len(scores), sat, level)
    approx_interval(found, interval)
    if found is not None:
        assert 0 <= found[0] <= m.csat_value(len(scores), sat) <= found[1] <= 100
    assert csat(scores, scale=scale, top=top, confidence=level).value == pytest.approx(value)


@given(st.data(), st.sampled_from(SCALES), st.sampled_from([0.5, 0.9, 0.95, 0.99]))
def test_ces_interval_never_leaves_its_scale(
    data: st.DataObject, scale: tuple[int, int], level: float
) -> None:
    scores = data.draw(st.lists(st.integers(*scale), min_size=1, max_size=60))
    n, total, total_sq = len(scores), float(sum(scores)), float(sum(s * s for s in scores))
    value, interval = ref_ces(scores, scale, level)
    assert m.ces_value(n, total) == pytest.approx(value)
    found = m.ces_interval(n, total, total_sq, scale=scale, confidence=level)
    if interval is None:
        assert found is None
    else:
        assert found == (pytest.approx(interval[0], abs=1e-7), pytest.approx(interval[1], abs=1e-7))
        assert scale[0] <= found[0] <= m.ces_value(n, total) + 1e-9 and found[1] <= scale[1]
        assert found[0] <= m.ces_value(n, total) <= found[1] + 1e-9
    r = ces(scores, scale=scale, confidence=level)
    assert (r.ci_low, r.ci_high) == ((None, None) if found is None else found)


def test_expectation_gap_and_negative_share() -> None:
    perception, expectation = [4, 6, 7], [6, 6, 5]
    assert [m.expectation_gap(p, e) for p, e in zip(perception, expectation, strict=True)] == [-2, 0, 2]
    labels = ["negative", "neutral", "positive", "negative"]
    assert m.negative_share(labels.count("negative"), len(labels)) == 0.5
    table = ibis.memtable(pa.table({"label": labels, "p": [*perception, 1], "e": [*expectation, 1]}))
    out = (
        table.aggregate(neg=m.is_negative(table.label).sum(), gap=m.expectation_gap(table.p, table.e).sum())
        .to_pyarrow()
        .to_pylist()
    )
    assert out == [{"neg": 2, "gap": 0}]


def test_ibis_builders_count_what_python_counts() -> None:
    def count(values: list[int], build: object) -> int:
        table = ibis.memtable(pa.table({"v": values}))
        return int(table.aggregate(k=build(table.v).sum()).to_pyarrow().to_pylist()[0]["k"])  # type: ignore[operator]

    nps_answers, five, seven = list(range(11)) * 3, [1, 2, 3, 4, 5, 5, 4], [1, 7, 6, 5, 6, 2]
    assert count(nps_answers, m.is_promoter) == sum(v in (9, 10) for v in nps_answers) == 6
    assert count(nps_answers, m.is_detractor) == sum(v in range(7) for v in nps_answers) == 21
    assert count(nps_answers, m.nps_points) == 6 - 21
    assert count(five, lambda v: m.is_top_box(v, (1, 5))) == sum(v in (4, 5) for v in five) == 4
    assert count(seven, lambda v: m.is_top_box(v, (1, 7))) == sum(v in (6, 7) for v in seven) == 3


# --- one number, every surface ----------------------------------------------------------------------

T0 = datetime(2024, 3, 1, 9)
NPS_ANSWERS = [10, 9, 9, 8, 7, 6, 3, 0, 10, 5, 9, 8]
CSAT_ANSWERS = [5, 4, 4, 3, 2, 1, 5, 5, 3, 4]


@pytest.fixture
def warehouse() -> Warehouse:
    raw = duckdb.connect()
    raw.execute("SET TimeZone = 'UTC'")
    create_schema(raw)
    rows = [
        (
            1,
            1,
            f"{kind}-{i}",
            "q",
            kind,
            "pay",
            "buy",
            f"c{i}",
            "web",
            T0 + timedelta(minutes=i),
            float(v),
            "survey",
        )
        for kind, values in (("nps", NPS_ANSWERS), ("csat", CSAT_ANSWERS))
        for i, v in enumerate(values)
    ]
    raw.executemany(
        "INSERT INTO responses (survey_id, map_id, response_id, question_id, kind, touchpoint_id, stage_id, "
        "customer_id, channel, ts, value, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    wh = Warehouse(ibis.duckdb.from_connection(raw), settings=None, raw=raw)  # type: ignore[arg-type]
    yield wh
    wh.close()


JOURNEY = JourneyMap(
    title="shop",
    stages=[Stage(id="buy", name="Buy", touchpoints=[Touchpoint(id="pay", name="Pay", channel="web")])],
)


def alert_value(wh: Warehouse, metric: str) -> tuple[int, float]:
    rule = AlertRule(
        1,
        1,
        TargetKind.TOUCHPOINT,
        "pay",
        RuleKind.SATISFACTION_FALLS,
        RuleParams(metric=metric),
        None,
        0,
        True,
        "test",
        datetime.now(UTC),
    )
    found = measure(wh, rule, JOURNEY)
    assert found is not None and found.baseline.n == 0  # every answer is in the recent window
    assert found.recent.value is not None
    return found.recent.n, 100 * found.recent.value


@pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning")
def test_one_nps_and_csat_on_every_surface(warehouse: Warehouse) -> None:
    expected = {"nps": nps(NPS_ANSWERS), "csat": csat(CSAT_ANSWERS)}
    assert (expected["nps"].value, expected["csat"].value) == (pytest.approx(100 * (6 - 5) / 12), 60.0)
    voice = touchpoint_voice(warehouse, 1, JOURNEY)["pay"].metrics
    answers = warehouse.con.table("responses")
    for metric, reference in expected.items():
        in_voice = voice[metric]
        assert (in_voice["n"], in_voice["value"]) == (reference.n, reference.value)
        assert (in_voice["ci_low"], in_voice["ci_high"]) == (reference.ci_low, reference.ci_high)
        kpi = survey_measure(answers, metric, map_id=1, scope={"pay"})
        assert [(r["n"], r["value"], r["low"], r["high"]) for r in kpi] == [
            (reference.n, reference.value, reference.ci_low, reference.ci_high)
        ]
        n, value = alert_value(warehouse, metric)
        assert (n, value) == (reference.n, pytest.approx(reference.value, abs=1e-9))


def test_metric_by_on_a_seven_point_csat_uses_the_same_top_box() -> None:
    scores = [7, 6, 5, 4, 1, 7]
    frame = metric_by(
        ibis.memtable(pa.table({"g": ["a"] * 6, "score": scores})), "csat", by="g", scale=(1, 7)
    )
    assert frame["value"].tolist() == [csat(scores, scale=(1, 7)).value] == [50.0]
