"""The installation's folder is private: made so on creation, mended on start, its abandoned spools removed."""

from __future__ import annotations

import gc
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from safar.config import Settings
from safar.home import make_private, spool_prefix
from safar.workspace import Workspace


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_installation_made_before_is_mended_and_only_safars_files_are_touched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Workspace.open(Settings.from_env({"SAFAR_HOME": str(home)})):
        pass
    (home / "secret_key").write_text("k")
    (home / "uploads" / "default").mkdir(parents=True)
    (home / "uploads" / "default" / "sent.csv").write_text("a,b\n")
    (home / "notes.txt").write_text("someone else's")  # not Safar's: left as it is
    for path in [home, home / "uploads", home / "uploads" / "default"]:
        path.chmod(0o755)
    for path in [home / "safar.db", home / "secret_key", home / "uploads" / "default" / "sent.csv"]:
        path.chmod(0o644)
    (home / "notes.txt").chmod(0o644)

    mended = make_private(home)

    assert mode(home) == 0o700
    assert {p.relative_to(home).as_posix(): mode(p) for p in mended.narrowed if p != home} == {
        "safar.db": 0o600,
        "secret_key": 0o600,
        "uploads": 0o700,
        "uploads/default": 0o700,
        "uploads/default/sent.csv": 0o600,
    }
    assert mode(home / "notes.txt") == 0o644
    assert make_private(home).narrowed == []  # a second start has nothing to mend


def test_a_new_home_is_private_from_the_start(tmp_path: Path) -> None:
    home = tmp_path / "a" / "home"
    make_private(home)
    assert mode(home) == 0o700


def test_a_shared_folder_is_never_narrowed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "safar.db").write_text("")
    (shared / "safar.db").chmod(0o644)
    assert make_private(shared).narrowed == []
    assert (mode(shared), mode(shared / "safar.db")) == (0o1777, 0o644)


def test_spools_of_stopped_ingestions_are_removed_and_running_ones_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stopped = home / f"safar-stage-{gone.stdout.strip()}-x1"  # its process has ended
    running = home / f"{spool_prefix()}x2"  # this process: still ingesting
    old = home / "safar-stage-abc123"  # Safar 0.x's name, two hours old
    recent = home / "safar-stage-def456"  # Safar 0.x's name, just made
    for spool in (stopped, running, old, recent):
        spool.mkdir()
        (spool / "batches.parquet").write_bytes(b"x" * 1000)
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    mended = make_private(home)

    assert sorted(p.name for p in mended.spools) == sorted([stopped.name, old.name])
    assert sorted(p.name for p in home.iterdir()) == sorted([running.name, recent.name])


def test_files_the_safar_command_creates_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "SAFAR_HOME": str(home), "SAFAR_LANG": "en"}
    events = tmp_path / "events.csv"
    events.write_text("customer,time,activity\nc1,2024-01-01T10:00:00,visit\n", encoding="utf-8")
    safar = Path(sys.executable).with_name("safar")
    done = subprocess.run(
        [str(safar), "events", "ingest", str(events), "--dataset", "web"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    made = [home, *home.rglob("*")]
    assert made and {p.relative_to(tmp_path).as_posix(): mode(p) & 0o077 for p in made} == {
        p.relative_to(tmp_path).as_posix(): 0 for p in made
    }


def test_the_server_mends_the_installation_before_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    from safar.web.server import COLLECT_EVERY, serve

    home = tmp_path / "home"
    with Workspace.open(Settings.from_env({"SAFAR_HOME": str(home)})):
        pass
    (home / "safar.db").chmod(0o644)
    home.chmod(0o755)
    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: served.append(app))
    monkeypatch.setenv("SAFAR_LANG", "fa")  # said in the terminal's language
    before, collecting = os.umask(0o022), gc.get_threshold()
    try:
        serve(Settings.from_env({"SAFAR_HOME": str(home)}))
        assert os.umask(0o022) == 0o077  # what it creates while serving is private too
        # what it made at start is frozen and cycles are collected less often (web/server.py)
        assert gc.get_threshold() == COLLECT_EVERY and gc.get_freeze_count() > 0
    finally:
        os.umask(before)
        gc.set_threshold(*collecting)
        gc.unfreeze()
    assert served and (mode(home), mode(home / "safar.db")) == (0o700, 0o600)
    assert capsys.readouterr().err == (
        f"۲ فایل در {home} فقط برای همین حساب خواندنی شد؛ ۰ پوشهٔ موقتِ به‌جامانده از بارگذاری‌های نیمه‌کاره پاک شد.\n"
    )
