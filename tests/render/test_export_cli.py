"""``safar map export`` as a user drives it (Typer's CliRunner, and a real terminal for the one case that
needs one): every format to a file or to stdout, an unknown format or paper refused in both languages."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from safar.cli import app

runner = CliRunner()


def safar(*args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, " ".join(result.stderr.split())


@pytest.fixture
def english_map() -> str:
    """An English insurance map (no data bound) as map 1."""
    assert safar("map", "new", "--template", "insurance", "--lang", "en")[:2] == (0, b"1\n")
    return "1"


def test_every_format_goes_to_a_file_with_its_own_content(english_map: str, tmp_path: Path) -> None:
    magic = {"yaml": b"safar: ", "json": b"{", "svg": b"<svg ", "pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n"}
    for fmt, start in magic.items():
        path = tmp_path / f"map.{fmt}"
        code, out, err = safar("map", "export", english_map, "--format", fmt, "-o", str(path))
        assert (code, out) == (0, b""), err
        assert err == f"Wrote map 1 revision 1 to {path}."
        assert path.read_bytes().startswith(start), fmt
    assert yaml.safe_load((tmp_path / "map.yaml").read_text(encoding="utf-8"))["title"]
    import pypdfium2

    document = pypdfium2.PdfDocument(tmp_path / "map.pdf")
    try:
        cover = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    assert "Dataset none (the map is not bound to data)" in cover and "Revision 1" in cover
    assert json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))["lang"] == "en"


def test_pdf_and_png_go_to_stdout_when_it_is_not_a_terminal(english_map: str) -> None:
    code, out, _ = safar("map", "export", english_map, "--format", "pdf", "--paper", "a3")
    assert code == 0 and out.startswith(b"%PDF-")
    code, out, _ = safar("map", "export", english_map, "--format", "png")
    assert code == 0 and out.startswith(b"\x89PNG")
    code, out, _ = safar("map", "export", english_map, "--format", "svg", "--revision", "1")
    assert code == 0 and out.decode().startswith("<svg")


def test_an_unknown_format_is_an_error_naming_the_formats(english_map: str, tmp_path: Path) -> None:
    target = tmp_path / "map.pdf"
    code, out, err = safar("map", "export", english_map, "--format", "docx", "-o", str(target))
    assert (code, out) == (2, b"")
    assert err == "Cannot export as 'docx'; choose one of: yaml, json, svg, pdf, png."
    assert not target.exists()  # nothing written under the wrong name
    code, _, err = safar("map", "export", english_map, "--format", "pdf", "--paper", "a5")
    assert (code, err) == (2, "Cannot print on 'a5' paper; choose one of: a4, a3, poster.")


def test_the_errors_in_persian(english_map: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "fa")
    code, _, err = safar("map", "export", english_map, "--format", "docx")
    assert (code, err) == (
        2,
        "خروجی با قالب «docx» ممکن نیست؛ یکی از این‌ها را انتخاب کنید: yaml، json، svg، pdf، png.",
    )
    code, _, err = safar("map", "export", english_map, "--format", "pdf", "--paper", "a5")
    assert (code, err) == (2, "چاپ روی کاغذ «a5» ممکن نیست؛ یکی از این‌ها را انتخاب کنید: a4، a3، poster.")


def test_a_binary_format_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    """In a real terminal (a pseudo-terminal) a PDF without -o is refused before any work, as curl refuses."""
    leader, follower = pty.openpty()
    env = {**os.environ, "SAFAR_HOME": str(tmp_path / "home"), "SAFAR_LANG": "en", "COLUMNS": "200"}
    safar_bin = Path(sys.executable).with_name("safar")
    done = subprocess.run(
        [str(safar_bin), "map", "export", "1", "--format", "pdf"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert " ".join(done.stderr.decode().split()) == (
        "A PDF file is not written to a terminal: give a file with -o FILE, or redirect the output."
    )
    assert not (tmp_path / "home").exists()  # refused before the workspace was opened


def test_data_that_cannot_be_read_is_said_on_the_drawing_unless_asked_for_by_name(
    english_map: str, tmp_path: Path
) -> None:
    """A map bound to a dataset its workspace does not have: its drawing says why it has no data; the same
    dataset asked for with --dataset is an error."""
    import pypdfium2

    from safar.config import Settings
    from safar.model.binding import BindingRule
    from safar.workspace import Workspace

    with Workspace.open(Settings.from_env()) as ws:
        stored = ws.get_map(1)
        journey = stored.document.model_copy(deep=True)
        journey.stages[0].touchpoints[0].bind = [BindingRule(activity="ad", dataset="gone")]
        ws.save_map(1, journey, base_revision=stored.revision, message="bound to a dataset that is gone")
    path = tmp_path / "map.pdf"
    code, _, err = safar("map", "export", english_map, "--format", "pdf", "-o", str(path))
    assert code == 0, err
    document = pypdfium2.PdfDocument(path)
    try:
        cover = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    assert "Workspace 'default' has no dataset 'gone'." in cover
    code, out, _ = safar("map", "export", english_map, "--format", "svg")
    assert code == 0 and "has no dataset" in out.decode()
    code, out, err = safar("map", "export", english_map, "--format", "svg", "--dataset", "gone")
    assert (code, out) == (2, b"") and err.startswith("Workspace 'default' has no dataset 'gone'.")
