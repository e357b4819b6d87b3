"""The map's own lanes in its exports: the PDF (opened, its text read), the SVG (its texts and picture) and
the PNG carry every kind of lane, a figure lane with the canvas's own numbers, and the personas with their
photo and quote, in Persian and English."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from tests.render.test_map_exports import NOW, pdf_pages

from safar.config import Settings
from safar.context import Context
from safar.maps.edits import Edit, apply_edit
from safar.model import LaneFigure
from safar.render.overlay import figure_of, figure_text
from safar.services.map_exports import export_map
from safar.services.overlay import canvas
from safar.services.results import current
from safar.web.persona_photo import photo_uri


@pytest.fixture(params=["fa", "en"])
def laned(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Settings, int, str]]:
    """The insurer's map with 120 customers' events and five lanes of the five kinds."""
    from safar import demo
    from safar.events import ingest_file
    from safar.store.engine import make_engine, migrate
    from safar.workspace import Workspace

    lang = request.param
    settings = Settings.from_env({"SAFAR_HOME": str(tmp_path / "home"), "SAFAR_USER": "tester"})
    engine = make_engine(settings.database_url)
    migrate(engine)
    ws = Workspace.attach(engine, settings, "default")
    stored = ws.new_from_template("insurance", lang)
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=120, seed=3)
    ingest_file(settings, demo.write_csv(rows, tmp_path / "events.csv"), dataset=demo.DATASET)
    document = demo.bind_to_dataset(stored.document)
    first = document.stages[0].touchpoints[0].id
    picture = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 110, 160)).save(picture, "PNG")
    edits = [
        Edit(op="add_lane", fields={"name": "Systems" if lang == "en" else "سامانه‌ها", "kind": "list", "id": "sys"}),
        Edit(op="set_lane_cell", lane="sys", touchpoint=first, fields={"value": "CRM\nAd server"}),
        Edit(op="add_lane", fields={"name": "Note", "kind": "text", "id": "note"}),
        Edit(op="set_lane_cell", lane="note", touchpoint=first, fields={"value": "Check the wording"}),
        Edit(op="add_lane", fields={"name": "Channels", "kind": "channels", "id": "ch"}),
        Edit(op="set_lane_cell", lane="ch", touchpoint=first, fields={"value": ["sms", "email"]}),
        Edit(op="add_lane", fields={"name": "Screen", "kind": "image", "id": "pic"}),
        Edit(op="set_lane_cell", lane="pic", touchpoint=first, fields={"value": photo_uri(picture.getvalue(), "s.png")}),
        Edit(op="add_lane", fields={"name": "Onward", "kind": "figure", "figure": "conversion", "id": "fig"}),
        Edit(op="update_persona", persona=document.personas[0].id, fields={
            "photo": photo_uri(picture.getvalue(), "p.png"), "quote": "Just tell me where my claim is"}),
    ]  # fmt: skip
    for one in edits:
        document = apply_edit(document, one)
    ws.save_map(stored.id, document, base_revision=stored.revision)
    engine.dispose()
    yield settings, stored.id, lang


def test_every_kind_of_lane_is_in_the_pdf_svg_and_png(laned: tuple[Settings, int, str]) -> None:
    settings, map_id, lang = laned
    with Context.open(settings, lang=lang) as ctx:
        figures = current(ctx, canvas, map_id)
        doc = ctx.workspace.get_map(map_id).document
        pdf = export_map(ctx, map_id, "pdf", now=NOW).content
        svg = export_map(ctx, map_id, "svg", now=NOW).content.decode()
        png = export_map(ctx, map_id, "png", now=NOW).content
    (Path(__file__).resolve().parents[2] / "artifacts").mkdir(exist_ok=True)
    (Path(__file__).resolve().parents[2] / "artifacts" / f"lanes-{lang}.png").write_bytes(png)
    onward = [
        figure_text(LaneFigure.CONVERSION, figure_of(figures, LaneFigure.CONVERSION, tp.id), lang)
        for tp in doc.touchpoints()
    ]
    assert any(v != "—" for v in onward)
    sms = "پیامک" if lang == "fa" else "SMS"

    text = " ".join(page for _, page in pdf_pages(pdf)).replace("\u200c", "")  # a PDF's text has no ZWNJ
    for expected in (doc.lanes[0].name, "CRM", "Ad server", "Check the wording", sms, "Screen", "Onward"):
        assert expected.replace("\u200c", "") in text, expected
    assert all(value in text for value in onward)

    texts = [
        t.strip("\u2067\u2069").removeprefix("• ") for t in re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    ]
    for expected in ("CRM", "Ad server", "Check the wording", sms):
        assert expected in texts, expected
    assert [t for t in texts if t in onward]  # the figure lane's values, as the canvas writes them
    assert (
        len(re.findall(r'<image [^>]*href="data:image/jpeg;base64,', svg)) == 2
    )  # the lane's, the persona's
    assert "«Just tell me where my claim is»" in texts and doc.personas[0].name in texts
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    svg_size = re.match(r'<svg [^>]*width="(\d+)" height="(\d+)"', svg)
    assert svg_size  # the same scene: the PNG is the SVG at 1.5 pixels a point (its sides rounded up)
    assert abs(width - int(svg_size[1]) * 1.5) <= 1.5 and abs(height - int(svg_size[2]) * 1.5) <= 1.5
