"""`safar insights drivers|quadrants|gaps` through Typer's CliRunner on the real root command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner, Result

from safar.cli import app
from safar.insights import gap_analysis, key_drivers, parse_pairs, quadrants, read_ratings

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["insights", *args])


@pytest.fixture
def ratings(tmp_path: Path) -> Path:
    rng = np.random.default_rng(21)
    n = 150
    wifi, seat, food = (rng.integers(1, 6, n) for _ in range(3))
    score = 0.8 * wifi + 0.4 * seat + 0.1 * food + rng.normal(size=n)
    wifi[:12] = 0  # not applicable
    frame = pd.DataFrame(
        {
            "segment": rng.choice(["business", "leisure"], n),
            "wifi": wifi,
            "seat": seat,
            "food": food,
            "exp_wifi": np.clip(wifi + 1, 1, 5),
            "overall": np.where(score > np.median(score), "satisfied", "not satisfied"),
        }
    )
    path = tmp_path / "ratings.csv"
    frame.to_csv(path, index=False)
    return path


def test_drivers_json_equals_the_python_api(run: Run, ratings: Path) -> None:
    result = run(
        "drivers", "--file", str(ratings), "--outcome", "overall", "--positive", "satisfied",
        "--na", "0", "--exclude", "exp_wifi", "--bootstrap", "50", "--seed", "3", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    expected = key_drivers(
        read_ratings(ratings), outcome="overall", positive="satisfied", na=[0], exclude=["exp_wifi"],
        bootstrap=50, seed=3,
    )  # fmt: skip
    # services.drivers.file_drivers: the key drivers, the file's name and their importance × performance
    matrix = quadrants(expected).to_dict()
    assert json.loads(result.stdout) == expected.to_dict() | {"source": "ratings.csv", "matrix": matrix}
    out = json.loads(result.stdout)
    assert [d["name"] for d in out["drivers"]] == ["wifi", "seat", "food"]
    assert out["n"] == 138
    assert sum(d["importance"] for d in out["drivers"]) == out["r2"]


def test_drivers_chosen_by_name(run: Run, ratings: Path) -> None:
    result = run(
        "drivers", "--file", str(ratings), "--outcome", "overall", "--positive", "satisfied",
        "--drivers", "seat,food", "--bootstrap", "0", "--json",
    )  # fmt: skip
    out = json.loads(result.stdout)
    assert sorted(d["name"] for d in out["drivers"]) == ["food", "seat"]
    assert out["n"] == 150 and out["drivers"][0]["importance_low"] is None


def test_quadrants_json(run: Run, ratings: Path) -> None:
    args = ("--file", str(ratings), "--outcome", "overall", "--positive", "satisfied", "--na", "0")
    result = run("quadrants", *args, "--exclude", "exp_wifi", "--threshold", "median", "--json")
    assert result.exit_code == 0, result.output
    expected = quadrants(
        key_drivers(
            read_ratings(ratings), outcome="overall", positive="satisfied", na=[0], exclude=["exp_wifi"],
            bootstrap=0,
        ),
        threshold="median",
    )  # fmt: skip
    assert json.loads(result.stdout) == expected.to_dict()


def test_gaps_json(run: Run, ratings: Path) -> None:
    result = run("gaps", "--file", str(ratings), "--pairs", "wifi:exp_wifi:wifi", "--na", "0", "--json")
    assert result.exit_code == 0, result.output
    expected = gap_analysis(read_ratings(ratings), parse_pairs("wifi:exp_wifi:wifi"), na=[0])
    assert json.loads(result.stdout) == expected.to_dict()
    assert json.loads(result.stdout)["gaps"][0]["n"] == 138


def test_tables_in_english_and_persian(run: Run, ratings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("--file", str(ratings), "--outcome", "overall", "--positive", "satisfied", "--na", "0")
    result = run("drivers", *args, "--exclude", "exp_wifi", "--bootstrap", "20")
    assert result.exit_code == 0, result.output
    assert "Key drivers of overall" in result.stdout and "n = 138 of 150 rows" in result.stdout
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = run("drivers", *args, "--exclude", "exp_wifi", "--bootstrap", "20")
    assert "عوامل کلیدی" in result.stdout and "۱۳۸" in result.stdout and "138" not in result.stdout
    result = run("quadrants", *args, "--exclude", "exp_wifi")
    assert "اهمیت × عملکرد" in result.stdout and "wifi" in result.stdout
    result = run("gaps", "--file", str(ratings), "--pairs", "wifi:exp_wifi:wifi", "--na", "0")
    assert "تحلیل شکاف" in result.stdout and "۱۳۸" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("drivers", "--outcome", "overal"),
            "The table has no column 'overal'. Its columns are: segment, wifi, seat, food, exp_wifi, overall.",
        ),
        (
            ("drivers", "--outcome", "overall", "--na", "x"),
            "Not-applicable code 'x' is not a number. Give numbers separated by commas, e.g. --na 0.",
        ),
        (
            ("gaps", "--pairs", "wifi"),
            "'wifi' is not a gap pair. Write TOUCHPOINT:EXPECTATION_COLUMN:PERCEPTION_COLUMN, "
            "pairs separated by commas.",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(run: Run, ratings: Path, args: tuple[str, ...], message: str) -> None:
    command, *rest = args
    result = run(command, "--file", str(ratings), *rest)
    assert result.exit_code == 2
    assert result.stderr.strip() == message


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("drivers", "--file", str(tmp_path / "no.csv"), "--outcome", "y")
    assert result.exit_code == 2
    assert "No file at" in result.stderr
