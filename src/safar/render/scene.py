"""The map drawn once, as boxes of text, lines and curves with their places: the SVG and the PNG are two
ways of writing the same :class:`Scene`.

Every text is placed in a box it cannot leave (and uses only letters the font has: symbols such as ★ would
be drawn from another font, of another width): names are wrapped at spaces to the box's width as the font
measures them (:mod:`safar.render.fonts`), lines are stacked by the font's ascent and descent, the box
grows to the tallest cell of its row, and only a name longer than its row's lines ends in an ellipsis. A
right-to-left map (Persian) runs its columns from the right and anchors each line at its box's right edge.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="T", lang="en", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="t", name="Compare quotes from several insurers online", channel="web")])])
>>> scene = map_scene(m, {}, "en")
>>> [box.kind for box in scene.boxes]
['title', 'lane', 'stage', 'lane', 'card', 'lane', 'curve']
>>> all(text.x >= box.x and text.y <= box.y + box.h for box in scene.boxes for text in box.texts)
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from safar.i18n import format_day, format_number, format_target, translate
from safar.model import Channel, JourneyMap, Lane, LaneKind, Touchpoint
from safar.render import fonts
from safar.render.layout import columns as layout_columns
from safar.render.overlay import (
    BEHAVIOUR,
    BLUEPRINT_LANES,
    TEXT_LANES,
    About,
    behaviour,
    figure_of,
    figure_text,
    measured,
    voice,
)

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

COL, LABEL, MARGIN, PAD, GAP, LEADING = 200, 160, 20, 10, 8, 3
CURVE = 130
PICTURE = 120  # the height of a picture lane's boxes
PHOTO, PERSONA_SPAN = 56, 3  # a persona's photo (px a side), and the columns a persona's card spans
INK, MUTED, ACCENT, MEASURED, MOMENT = "#1d2433", "#5b6478", "#2d5bd7", "#d9480f", "#f5a524"
TEXT_FILL = "#f8f9fc"  # a text lane's cells, a shade off the page so the grid reads


@dataclass(frozen=True)
class Text:
    """One line of text; ``x`` is its right end when ``rtl``, its left end otherwise; ``y`` its baseline."""

    value: str
    x: float
    y: float
    size: float
    bold: bool = False
    color: str = INK
    rtl: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle and the lines of text it holds (``kind``: title, lane, persona, stage, card, data, voice,
    curve, text, picture)."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    texts: list[Text] = field(default_factory=list)
    fill: str = "none"
    stroke: str = "none"
    radius: float = 8
    image: str | None = None  # a picture drawn in the box, fitted and centred (a data URI)


@dataclass(frozen=True)
class Curve:
    points: list[tuple[float, float]]
    color: str
    dashed: bool = False
    square: bool = False  # the points' mark: a square (measured) or a circle (assumed)


@dataclass
class Scene:
    width: float
    height: float
    title: str
    rtl: bool
    boxes: list[Box] = field(default_factory=list)
    curves: list[Curve] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # dashed guide lines


Line = tuple[str, float, bool, str]  # text, size, bold, colour
Cell = tuple[int, int, Sequence[Line], str, str]  # first column, span, lines, kind, fill


def map_scene(
    journey: JourneyMap,
    channels: Mapping[str, Channel],
    lang: str,
    figures: Canvas | None = None,
    about: About | None = None,
    alerts: Mapping[str, list[str]] | None = None,
) -> Scene:
    """The map laid out with the lanes the PDF prints, in its order: title, personas, stages, touchpoint
    cards, the data lanes (with ``figures``), the voice, the open ``alerts`` (per touchpoint), the assumed and
    measured emotion curves and the assumed emotion's words, the text and blueprint lanes, the metrics, the
    moments of truth's evidence and the map's own lanes."""
    return _Layout(journey, lang).build(channels, figures, about, alerts or {})


class _Layout:
    def __init__(self, journey: JourneyMap, lang: str) -> None:
        self.journey, self.lang = journey, lang
        self.rtl = journey.lang == "fa"  # the map's language sets its direction; the labels are the reader's
        self.cols = layout_columns(journey)
        self.n = max(1, len(self.cols))
        width = 2 * MARGIN + LABEL + self.n * COL
        self.scene = Scene(width, 0, journey.title, self.rtl)
        # the lanes' labels, by the map's starting edge
        self.label_x = width - MARGIN - (LABEL - GAP) if self.rtl else MARGIN

    def left(self, col: int) -> float:
        """The left edge of column ``col``, counted from the right in a right-to-left map."""
        if self.rtl:
            return self.scene.width - MARGIN - LABEL - (col + 1) * COL
        return MARGIN + LABEL + col * COL

    def lines(self, x: float, y: float, w: float, content: Sequence[Line]) -> tuple[list[Text], float]:
        """``content`` stacked from the top of a box at (x, y), ``w`` wide: the texts and the height used."""
        out: list[Text] = []
        cursor = y + PAD
        anchor = x + w - PAD if self.rtl else x + PAD
        for value, size, bold, color in content:
            ascent, descent = fonts.metrics(size, bold)
            out.append(Text(value, anchor, cursor + ascent, size, bold, color, self.rtl))
            cursor += ascent + descent + LEADING
        return out, (cursor - LEADING + PAD - y) if content else 2 * PAD

    @staticmethod
    def wrapped(text: str, w: float, size: float, bold: bool, most: int, color: str = INK) -> list[Line]:
        return [(line, size, bold, color) for line in fonts.wrap(text, w - 2 * PAD, size, bold, most)]

    @staticmethod
    def one(text: str, size: float, bold: bool = False, color: str = INK) -> Line:
        """One line of a column's box, cut with an ellipsis when it is wider."""
        return fonts.fit(text, COL - GAP - 2 * PAD, size, bold), size, bold, color

    def row(self, y: float, label: str, cells: Sequence[Cell]) -> float:
        """A lane at ``y``: its label and one box per cell, all as tall as the tallest; returns the height."""
        label_lines = self.wrapped(label, LABEL - GAP, 12, True, 3, MUTED)
        heights = [self.lines(0, 0, LABEL - GAP, label_lines)[1]]
        heights += [self.lines(0, 0, span * COL - GAP, content)[1] for _, span, content, _, _ in cells]
        height = max(heights)
        texts, _ = self.lines(self.label_x, y, LABEL - GAP, label_lines)
        self.scene.boxes.append(Box("lane", self.label_x, y, LABEL - GAP, height, texts, fill="#eef1f8"))
        for col, span, content, kind, fill in cells:
            x = min(self.left(col), self.left(col + span - 1)) + GAP / 2
            texts, _ = self.lines(x, y, span * COL - GAP, content)
            stroke = MOMENT if kind == "moment" else ("#d9dee8" if kind == "card" else "none")
            box_kind = "card" if kind == "moment" else kind
            self.scene.boxes.append(Box(box_kind, x, y, span * COL - GAP, height, texts, fill, stroke))
        return height + GAP

    def build(
        self,
        channels: Mapping[str, Channel],
        figures: Canvas | None,
        about: About | None,
        alerts: Mapping[str, list[str]],
    ) -> Scene:
        lang, scene, cols = self.lang, self.scene, self.cols
        y = float(MARGIN)
        room = scene.width - 2 * MARGIN
        head = self.wrapped(self.journey.title, room, 22, True, 2)
        head += self.wrapped(_subtitle(self.journey, lang, about), room, 12, False, 2, MUTED)
        if about is not None and about.note:
            head += self.wrapped(
                translate("web.data_error", lang, problem=about.note), room, 12, False, 2, MEASURED
            )
        texts, height = self.lines(MARGIN, y, room, head)
        scene.boxes.append(Box("title", MARGIN, y, room, height, texts))
        y += height + GAP
        y += self.personas(y)

        stages: list[Cell] = []
        col = 0
        for stage in self.journey.stages:
            span = max(1, len(stage.touchpoints))
            stages.append(
                (col, span, self.wrapped(stage.name, span * COL - GAP, 14, True, 2), "stage", "#e7edfc")
            )
            col += span
        y += self.row(y, translate("attr.stage", lang), stages)

        cards: list[Cell] = []
        for i, (_stage, tp) in enumerate(cols):
            if tp is None:
                continue
            channel = channels.get(tp.channel)
            content: list[Line] = [self.one(channel.name(lang) if channel else tp.channel, 11, color=MUTED)]
            content += self.wrapped(tp.name, COL - GAP, 13, True, 3)
            if tp.moment_of_truth:
                content.append(self.one(translate("attr.moment_of_truth", lang), 10, color="#b76e00"))
            cards.append((i, 1, content, "moment" if tp.moment_of_truth else "card", "#ffffff"))
        y += self.row(y, translate("web.touchpoints", lang), cards)

        if figures is not None and figures.dataset is not None:
            for key, label in BEHAVIOUR[:3]:
                cells: list[Cell] = []
                for i, (_stage, tp) in enumerate(cols):
                    value = behaviour(figures, tp.id, lang).get(key) if tp is not None else None
                    if value is not None:
                        content = self.wrapped(value, COL - GAP, 13, key == "customers", 2)
                        cells.append((i, 1, content, "data", "#f6f8fc"))
                y += self.row(y, translate(label, lang), cells)
        said: list[Cell] = []
        for i, (_stage, tp) in enumerate(cols):
            found = voice(figures, tp.id, lang) if tp is not None else []
            if found:
                content = [line for v in found for line in self.wrapped(v, COL - GAP, 11, False, 2)]
                said.append((i, 1, content, "voice", "#fbf7ee"))
        if said:
            y += self.row(y, translate("web.customer_voice", lang), said)
        y += self.per_touchpoint(y, translate("export.alerts", lang), lambda tp: alerts.get(tp.id, []))
        y = self.curves(y, figures)
        y += self.per_touchpoint(
            y,
            f"{translate('attr.emotion', lang)} ({translate('web.assumed', lang)})",
            lambda tp: (
                [f"{format_number(tp.emotion.score, lang, '+d')} {tp.emotion.label}".strip()]
                if tp.emotion
                else []
            ),
        )
        for key, label in TEXT_LANES + BLUEPRINT_LANES:
            y += self.per_touchpoint(y, translate(label, lang), partial(_attribute, key))
        y += self.per_touchpoint(
            y,
            translate("web.metrics", lang),
            lambda tp: [
                BULLET
                + m.name
                + (
                    ""
                    if m.target is None
                    else f": {translate('web.target', lang)} {format_target(m.target, m.unit, lang)}"
                )
                for m in tp.metrics
            ],
        )
        y += self.per_touchpoint(y, translate("attr.moment_of_truth", lang), self.evidence)
        for lane in self.journey.lanes:
            y += self.lane(y, lane, channels, figures)
        scene.height = y - GAP + MARGIN
        return scene

    def per_touchpoint(self, y: float, label: str, lines: Callable[[Touchpoint], list[str]]) -> float:
        """A lane of text cells, ``lines`` of each touchpoint one after another; nothing when all are empty."""
        cells: list[Cell] = []
        for i, (_stage, tp) in enumerate(self.cols):
            found = [line for line in (lines(tp) if tp is not None else []) if line]
            if found:
                content = [part for line in found for part in self.wrapped(line, COL - GAP, 11, False, 8)]
                cells.append((i, 1, content, "text", TEXT_FILL))
        return self.row(y, label, cells) if cells else 0.0

    def evidence(self, tp: Touchpoint) -> list[str]:
        """A moment of truth's evidence, one line a piece: its source, who said it and when."""
        if tp.moment_of_truth is None:
            return []
        out = []
        for e in tp.moment_of_truth.evidence:
            said = ", ".join(filter(None, [e.who, format_day(e.on, self.lang) if e.on else ""]))
            name = translate(f"insights.label.{e.source.value}", self.lang)
            out.append(BULLET + (f"{name} ({said})" if said else name))
        return out + ([tp.moment_of_truth.note] if tp.moment_of_truth.note else [])

    def personas(self, y: float) -> float:
        """The map's personas above its stages, each a card of :data:`PERSONA_SPAN` columns (fewer when the map
        is narrow; more rows when they do not fit one): the photo at the card's starting edge, then the name,
        the segment and the quote in their own words."""
        people = self.journey.personas
        if not people:
            return 0.0
        span = max(1, min(PERSONA_SPAN, self.n // len(people)))
        per_row = max(1, self.n // span)
        used = 0.0
        for first in range(0, len(people), per_row):
            row_y = y + used
            cards = []
            for i, persona in enumerate(people[first : first + per_row]):
                col = i * span
                x = min(self.left(col), self.left(col + span - 1)) + GAP / 2
                w = span * COL - GAP
                photo = PHOTO + PAD if persona.photo else 0.0
                text_x = x if self.rtl or not photo else x + photo  # the photo at the starting edge
                text_w = w - photo
                content = self.wrapped(persona.name, text_w, 13, True, 2)
                if persona.segment:
                    content += self.wrapped(persona.segment, text_w, 11, False, 2, MUTED)
                if persona.quote:
                    content += self.wrapped(f"«{persona.quote}»", text_w, 11, False, 3)
                texts, height = self.lines(text_x, row_y, text_w, content)
                cards.append((x, w, texts, max(height, PHOTO + 2 * PAD if photo else 0), persona.photo))
            height = max(card[3] for card in cards)
            label, _ = self.lines(self.label_x, row_y, LABEL - GAP, self.wrapped(
                translate("attr.personas", self.lang), LABEL - GAP, 12, True, 3, MUTED))  # fmt: skip
            self.scene.boxes.append(
                Box("lane", self.label_x, row_y, LABEL - GAP, height, label, fill="#eef1f8")
            )
            for x, w, texts, _, photo_uri in cards:
                self.scene.boxes.append(Box("persona", x, row_y, w, height, texts, "#ffffff", "#d9dee8"))
                if photo_uri:
                    px = x + w - PAD - PHOTO if self.rtl else x + PAD
                    self.scene.boxes.append(
                        Box("picture", px, row_y + PAD, PHOTO, PHOTO, image=photo_uri, radius=PHOTO / 2)
                    )
            used += height + GAP
        return used

    def lane(self, y: float, lane: Lane, channels: Mapping[str, Channel], figures: Canvas | None) -> float:
        """One of the map's own lanes: its cells as text (a figure lane: the figure's value at each
        touchpoint, as the canvas writes it), or its pictures in boxes of :data:`PICTURE` height."""
        lang = self.lang
        label = (
            lane.name
            if lane.figure is None
            else f"{lane.name} · {translate(f'lane.figure.{lane.figure.value}', lang)}"
        )
        cells: list[Cell] = []
        pictures: list[tuple[int, str]] = []
        for i, (_stage, tp) in enumerate(self.cols):
            if tp is None:
                continue
            if lane.figure is not None:
                shown = figure_text(lane.figure, figure_of(figures, lane.figure, tp.id), lang)
                cells.append((i, 1, [self.one(shown, 13)], "data", "#f6f8fc"))
                continue
            value = lane.cells.get(tp.id)
            if not value:
                continue
            if lane.kind is LaneKind.IMAGE and isinstance(value, str):
                pictures.append((i, value))
                continue
            items = [value] if isinstance(value, str) else list(value)
            if lane.kind is LaneKind.CHANNELS:
                items = [channels[c].name(lang) if c in channels else c for c in items]
            if lane.kind is LaneKind.LIST:
                items = [BULLET + item for item in items]
            content = [line for item in items for line in self.wrapped(item, COL - GAP, 11, False, 8)]
            cells.append((i, 1, content, "text", TEXT_FILL))
        if not pictures:
            return self.row(y, label, cells)
        height = max(PICTURE, self.row(y, label, []) - GAP)
        for i, uri in pictures:
            x = self.left(i) + GAP / 2
            self.scene.boxes.append(Box("picture", x, y, COL - GAP, height, fill="#ffffff", image=uri))
        return height + GAP

    def curves(self, y: float, figures: Canvas | None) -> float:
        """The emotion lane: the assumed curve (the map's), the measured one (from customers), their legend."""
        lang, scene, cols = self.lang, self.scene, self.cols
        found = measured(figures)
        legend = self.wrapped(translate("web.emotion_curve", lang), LABEL - GAP, 12, True, 2, MUTED)
        legend += self.wrapped(translate("web.assumed", lang), LABEL - GAP, 11, False, 2, ACCENT)
        if found:
            legend += self.wrapped(translate("web.measured", lang), LABEL - GAP, 11, False, 3, MEASURED)
        texts, used = self.lines(self.label_x, y, LABEL - GAP, legend)
        height = max(CURVE, used)
        scene.boxes.append(Box("lane", self.label_x, y, LABEL - GAP, height, texts, fill="#eef1f8"))
        x0 = min(self.left(0), self.left(self.n - 1))
        scene.boxes.append(Box("curve", x0 + GAP / 2, y, self.n * COL - GAP, height, [], fill="#fafbfd"))

        def at(score: float) -> float:
            return y + 14 + (2 - score) / 4 * (height - 28)

        scene.rules.append((x0 + GAP, at(0), x0 + self.n * COL - GAP, at(0)))
        assumed = [
            (self.left(i) + COL / 2, at(tp.emotion.score))
            for i, (_s, tp) in enumerate(cols)
            if tp is not None and tp.emotion is not None
        ]
        if assumed:
            scene.curves.append(Curve(assumed, ACCENT))
        run: list[tuple[float, float]] = []
        last = -2
        for i, (_s, tp) in enumerate(cols):
            if tp is None or tp.id not in found:
                continue
            if i != last + 1 and run:  # no line across a touchpoint without measured data
                scene.curves.append(Curve(run, MEASURED, dashed=True, square=True))
                run = []
            run.append((self.left(i) + COL / 2, at(found[tp.id])))
            last = i
        if run:
            scene.curves.append(Curve(run, MEASURED, dashed=True, square=True))
        return y + height + GAP


BULLET = "• "  # a list's entries (Vazirmatn and DejaVu Sans both have the bullet)


def _attribute(key: str, tp: Touchpoint) -> list[str]:
    """A touchpoint's text attribute, or its list with a bullet an entry."""
    value = getattr(tp, key)
    return [value] if isinstance(value, str) else [BULLET + item for item in value]


def _subtitle(journey: JourneyMap, lang: str, about: About | None) -> str:
    parts = [translate(f"type.{journey.type.value}", lang)]
    if about is not None:
        parts.append(f"{translate('ui.col_revision', lang)} {format_number(about.revision, lang)}")
        if about.dataset and about.first is not None:
            parts.append(translate("export.data_of", lang, dataset=about.dataset, span=about.span(lang)))
        elif about.dataset:
            parts.append(translate("export.data", lang, dataset=about.dataset))
        parts.append(translate("export.exported_at", lang, when=about.when(lang)))
    return " · ".join(parts)
