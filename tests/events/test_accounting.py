"""Every row is accounted for, whatever mix of good, bad and repeated rows a file holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safar.config import Settings
from safar.events import ingest_file

from .conftest import Look

GOOD = st.tuples(
    st.sampled_from(["ana", "bob", "علي"]),
    st.sampled_from(["visit", "buy", "تماس"]),
    st.sampled_from(["2024-01-01 10:00", "2024-01-02T09:30:00+03:30", "2024-02-29"]),
)
BAD = st.sampled_from(
    [
        ("", "visit", "2024-01-01", "row.missing_customer"),
        ("ana", "", "2024-01-01", "row.missing_activity"),
        ("ana", "visit", "", "row.missing_time"),
        ("ana", "visit", "2024-13-01", "row.bad_time"),
        ("ana", "visit", "soon", "row.bad_time"),
    ]
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.one_of(GOOD, BAD), min_size=1, max_size=30))
def test_read_is_loaded_plus_duplicates_plus_rejected(tmp_path_factory, rows):
    home = tmp_path_factory.mktemp("home")
    settings_ = Settings.from_env({"SAFAR_HOME": str(home)})
    path = home / "log.csv"
    lines = ["customer,activity,time"] + [",".join(row[:3]) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = ingest_file(settings_, path, dataset="d")

    expected_rejects = [(i, row[3]) for i, row in enumerate(rows, start=1) if len(row) == 4]
    good = [row for row in rows if len(row) == 3]  # identical rows too: each is an event
    assert report.summary() == {
        "read": len(rows),
        "loaded": len(good),
        "duplicates": 0,
        "rejected": len(expected_rejects),
        "quarantine": "rejected",
    }
    assert [(r[0], r[2]) for r in Look(settings_).rejected("d")] == expected_rejects
    again = ingest_file(settings_, path, dataset="d")
    assert (again.loaded, again.duplicates, again.rejected) == (0, len(good), len(expected_rejects))
