"""A gzipped file may unpack to 100 times its size (at least 256 MB): real event logs unpack to 19-43
times theirs; a compression bomb is refused once it passes the budget, with what to do, nothing loaded."""

from __future__ import annotations

import gzip
import shutil
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from safar.config import Settings
from safar.errors import InputError
from safar.events import ingest_file
from safar.events.sniff import GZIP_FLOOR, GZIP_RATIO

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def _bomb(path: Path, unpacked: int, *, xes: bool) -> None:
    """A well-formed file of ``unpacked`` bytes (almost all one repeated row), gzipped at once."""
    head = b'<?xml version="1.0"?><log><trace>' if xes else b"customer_id,activity,timestamp\n"
    row = b"<!-- padding padding padding -->" if xes else b"c1,visit,2024-01-01T00:00:00\n"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header
    block = row * (1024 * 1024 // len(row))
    with path.open("wb") as out:
        out.write(packer.compress(head))
        for _ in range(unpacked // len(block) + 1):
            out.write(packer.compress(block))
        out.write(packer.compress(b"</trace></log>" if xes else b""))
        out.write(packer.flush())


@pytest.mark.parametrize("kind", ["csv", "xes"])
def test_a_compression_bomb_is_refused_at_the_budget(
    settings: Settings, look: Any, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"bomb.{kind}.gz"
    _bomb(path, GZIP_FLOOR + 64 * 1024 * 1024, xes=kind == "xes")
    assert path.stat().st_size * GZIP_RATIO < GZIP_FLOOR  # so the floor is the budget
    started = time.perf_counter()
    with pytest.raises(InputError) as refused:
        ingest_file(settings, path, dataset="bomb")
    assert refused.value.code == "events.gzip_budget"
    message = refused.value.message_for("en")
    assert f"unpacks to more than {GZIP_FLOOR // 2**20} MB" in message and "Nothing was loaded" in message
    assert "بمب فشرده‌سازی" in refused.value.message_for("fa")
    assert time.perf_counter() - started < 120
    if settings.warehouse_path.exists():  # nothing was loaded, nothing quarantined
        assert look.events("bomb") == [] and look.rejected("bomb") == []


def test_a_real_gzipped_log_is_well_within_the_budget(settings: Settings, tmp_path: Path) -> None:
    source = (
        SHARED / "helpdesk" / "helpdesk.xes.gz"
    )  # unpacks to 43 times its size, the most of the logs here
    if not source.exists():
        pytest.skip(f"{source} is missing")
    path = tmp_path / "helpdesk.xes.gz"
    shutil.copyfile(source, path)
    with gzip.open(path) as unpacked:
        assert (
            sum(len(b) for b in iter(lambda: unpacked.read(1 << 20), b"")) < GZIP_RATIO * path.stat().st_size
        )
    assert ingest_file(settings, path, dataset="helpdesk").summary()["loaded"] > 20_000
