"""A map's drawing in a real browser, and its export links: every text of the SVG stays inside its box, in
Persian (right to left) and English, measured in Chromium; the web route gives the CLI's files, on A4, A3
or a poster."""

from __future__ import annotations

import io
import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from safar.maps.templates import load_template
from safar.model import JourneyMap, Lane, LaneFigure, LaneKind
from safar.model.channel import BUILTIN_CHANNELS
from safar.render.overlay import About
from safar.render.svg import map_svg
from safar.services.figures import SurveyFigure
from safar.services.overlay import Canvas, TouchpointFigures, TouchpointVoice

LONG = {
    "en": "Compare every quote from several insurers online, then call an agent to check what each one covers "
    "and what the deductible is",
    "fa": "مقایسه همه پیشنهادهای چند بیمه‌گر به صورت آنلاین و سپس تماس با نماینده برای بررسی پوشش‌ها و "
    "فرانشیز هر کدام از آن‌ها پیش از خرید",
}


def _texts(value: object) -> list[str]:
    """Every text in a dumped map."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def busy(journey: JourneyMap, lang: str) -> tuple[JourneyMap, Canvas]:
    """The map with one name too long for its card, and the widest figures the canvas can have."""
    journey = journey.model_copy(deep=True)
    journey.stages[1].touchpoints[0].name = LONG[lang]
    tps = list(journey.touchpoints())
    # the map's own lanes too: a long note, a list, channels and a figure lane, on every touchpoint
    journey.lanes = [
        Lane(id="note", name=LONG[lang], kind=LaneKind.TEXT, cells={tp.id: LONG[lang] for tp in tps}),
        Lane(id="systems", name="CRM", kind=LaneKind.LIST, cells={tp.id: ["CRM", LONG[lang]] for tp in tps}),
        Lane(
            id="with", name="+", kind=LaneKind.CHANNELS, cells={tp.id: ["call_centre", "sms"] for tp in tps}
        ),
        Lane(id="nps", name="NPS", kind=LaneKind.FIGURE, figure=LaneFigure.NPS),
    ]
    last = tps[-1].id
    nps = SurveyFigure(metric="nps", value=-12.3, n=45678)
    csat = SurveyFigure(metric="csat", value=78.9, n=45678)
    ces = SurveyFigure(metric="ces", value=4.5, n=45678)
    figures = Canvas(
        map=1,
        revision=3,
        datasets=["insurance-demo"],
        dataset="insurance-demo",
        customers=987654,
        touchpoints={
            tp.id: TouchpointFigures(
                stage="s",
                touchpoint=tp.id,
                events=1234567,
                customers=987654,
                conversion_to_next_stage=None if tp.id == last else 0.876,
                dropoff=123456,
                dropoff_share=0.125,
                completed=43210 if tp.id == last else 0,
                median_seconds_to_next=200000,
            )
            for tp in tps
        },
        voice={
            tp.id: TouchpointVoice(
                touchpoint=tp.id,
                comments=12345,
                negative_share=0.456,
                positive_share=0.3,
                mean_score=3.2,
                answers=500,
                measured_emotion=-1.4 if i % 3 else None,
                measured_n=40,
                assumed_emotion=tp.emotion.score if tp.emotion else None,
                flagged=tp.emotion is not None,
                metrics={"nps": nps, "csat": csat, "ces": ces},
            )
            for i, tp in enumerate(tps)
        },
    )
    return journey, figures


def boxes_in_chromium(chromium: Any, path: Path) -> dict[str, Any]:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        return dict(
            page.evaluate(
                """async () => {
                  await Promise.all(['13px SafarMap', 'bold 13px SafarMap'].map(f => document.fonts.load(f)));
                  await document.fonts.ready;
                  const boxes = [...document.querySelectorAll('g.box')].map(g => {
                    const r = g.querySelector('rect').getBBox();
                    const texts = [...g.querySelectorAll('text')].map(t => {
                      const b = t.getBBox();
                      return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
                    });
                    return {kind: g.dataset.kind, x: r.x, y: r.y, w: r.width, h: r.height, texts};
                  });
                  const loose = document.querySelectorAll('text').length - document.querySelectorAll('g.box text').length;
                  return {boxes, loose, font: document.fonts.check('bold 13px SafarMap')};
                }"""
            )
        )
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_text_leaves_its_box_in_chromium(chromium: Any, tmp_path: Path, lang: str) -> None:
    journey, figures = busy(load_template("insurance", lang), lang)
    about = About(1, 3, datetime(2026, 3, 21, 8, 30, tzinfo=UTC), dataset="insurance-demo", customers=987654)
    path = tmp_path / f"map-{lang}.svg"
    path.write_text(map_svg(journey, BUILTIN_CHANNELS, lang, figures, about), encoding="utf-8")
    found = boxes_in_chromium(chromium, path)
    assert found["font"], "the SVG's own font (Vazirmatn) was not loaded"
    assert found["loose"] == 0  # every text belongs to a box
    kinds = {box["kind"] for box in found["boxes"]}
    assert kinds == {"title", "lane", "persona", "stage", "card", "data", "voice", "curve", "text"}
    outside, overlapping, cut = [], [], []
    for box in found["boxes"]:
        lines = sorted(box["texts"], key=lambda t: t["y"])
        for t in lines:
            if not (
                t["x"] >= box["x"] - 0.5
                and t["x"] + t["w"] <= box["x"] + box["w"] + 0.5
                and t["y"] >= box["y"] - 0.5
                and t["y"] + t["h"] <= box["y"] + box["h"] + 0.5
            ):
                outside.append((box["kind"], t["text"], t, {k: box[k] for k in "xywh"}))
            if "…" in t["text"]:
                cut.append(t["text"])
        overlapping += [
            (a["text"], b["text"]) for a, b in itertools.pairwise(lines) if a["y"] + a["h"] > b["y"] + 0.5
        ]
    assert outside == []
    assert overlapping == []
    # texts are wrapped at spaces, whole words on every line; only the long ones cut (a card's name after
    # three lines, a lane's label after three, a cell's text after eight), and never inside a word
    words = {"•"} | set(LONG[lang].split()) | {w for v in _texts(journey.model_dump()) for w in v.split()}
    assert cut and all(
        word in words for text in cut for word in text.strip("\u2067\u2069").rstrip("…").split()
    )
    cards = [box for box in found["boxes"] if box["kind"] == "card"]
    assert len(cards) == sum(1 for _ in journey.touchpoints())
    lefts = [card["x"] for card in cards]
    assert lefts == sorted(lefts, reverse=lang == "fa")  # a Persian map runs from the right


def test_the_export_route_gives_the_clis_files_on_the_paper_asked(sqlite_site: Any) -> None:
    import pypdfium2
    from PIL import Image

    from safar.config import Settings
    from safar.workspace import Workspace

    with Workspace.open(Settings.from_env()) as ws:
        map_id = ws.new_from_template("insurance", "fa").id
    ana = sqlite_site.client("ana")
    url = f"/w/default/maps/{map_id}"
    sizes = {}
    for paper in ("a4", "a3", "poster"):
        response = ana.get(f"{url}/export.pdf?paper={paper}")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        suffix = "" if paper == "a4" else f"-{paper}"
        assert (
            response.headers["content-disposition"]
            == f'attachment; filename="safar-map-{map_id}-r1{suffix}.pdf"'
        )
        document = pypdfium2.PdfDocument(response.content)
        sizes[paper] = (len(document), tuple(round(v) for v in document[0].get_size()))
        document.close()
    assert sizes["a4"][1] == (842, 595) and sizes["a3"][1] == (1191, 842) and sizes["poster"][0] == 1
    assert sizes["a4"][0] > sizes["a3"][0] > 1
    png = ana.get(f"{url}/export.png?revision=1")
    with Image.open(io.BytesIO(png.content)) as image:
        assert image.format == "PNG" and image.width > 4000
    svg = ana.get(f"{url}/export.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "\u2067" in svg.text
    bad = ana.get(f"{url}/export.pdf?paper=a5", headers={"Accept-Language": "en"})
    assert bad.status_code == 400
    assert ana.get(f"{url}/export.docx").status_code == 400
    assert sqlite_site.client("otto").get(f"{url}/export.pdf").status_code == 404
    canvas = ana.get(url).text  # the canvas offers the papers
    for paper in ("a3", "poster"):
        assert f'href="{url}/export.pdf?revision=1&amp;paper={paper}"' in canvas
