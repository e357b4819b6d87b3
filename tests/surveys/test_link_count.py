"""A number of personal links outside 1–10,000 is refused before anything is made for it: asking for 200
million links answers at once with the allowed range, on the command line and on the survey's page."""

from __future__ import annotations

import resource
import time

from typer.testing import CliRunner

from safar.cli import app
from safar.surveys import MAX_LINKS, check_link_count


def test_the_command_refuses_a_huge_count_before_building_anything() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["survey", "link", "1", "--count", "200000000"])
    assert time.perf_counter() - started < 5
    assert result.exit_code == 2
    assert "Make between 1 and 10000 invitations at a time (asked for 200000000)." in result.output
    # 200 million list entries would be 1.6 GB; the peak stays where it was, give or take
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB


def test_the_limit_is_one_to_ten_thousand() -> None:
    check_link_count(1)
    check_link_count(MAX_LINKS)
    for bad in (0, -3, MAX_LINKS + 1):
        try:
            check_link_count(bad)
        except Exception as err:
            assert getattr(err, "code", None) == "survey.bad_count"
        else:
            raise AssertionError(f"{bad} links were allowed")
