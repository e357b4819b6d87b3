"""A journey map in the terminal: one panel per stage, a row per touchpoint with the five attributes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, Group
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from safar.i18n import to_persian_digits, translate
from safar.model import Channel, JourneyMap, Touchpoint

_EMOJI = {-2: "😣", -1: "🙁", 0: "😐", 1: "🙂", 2: "😄"}


def render_map(console: Console, journey: JourneyMap, channels: Mapping[str, Channel], lang: str) -> int:
    """Print the map; returns the narrowest width its stages need (more than the terminal's: words folded)."""

    def tr(code: str) -> str:
        return translate(code, lang)

    def num(n: int) -> str:
        return to_persian_digits(str(n)) if lang == "fa" else str(n)

    header = Text(journey.title, style="bold")
    header.append(f"  [{tr('type.' + journey.type.value)}]", style="dim")
    console.print(header)
    if journey.description:
        console.print(journey.description, markup=False, soft_wrap=False)
    for persona in journey.personas:
        console.print(
            f"{tr('attr.personas')}: {persona.name} — {persona.description}", markup=False, soft_wrap=False
        )
    narrowest = 0
    for index, stage in enumerate(journey.stages, start=1):
        table = Table(show_header=True, expand=True, show_lines=True)
        for code in (
            "ui.col_name",
            "attr.channel",
            "attr.emotion",
            "attr.description",
            "attr.customer_activity",
            "attr.experience",
            "attr.expectations",
            "attr.owner",
        ):
            table.add_column(tr(code), overflow="fold")
        for tp in stage.touchpoints:
            table.add_row(*_row(tp, channels, lang, tr))
        title = f"{num(index)}. {stage.name}"
        body = Group(Text(stage.description), table) if stage.description else table
        panel = Panel(body, title=title, title_align="right" if lang == "fa" else "left")
        console.print(panel)
        unlimited = console.options.update_width(1_000_000)
        narrowest = max(narrowest, Measurement.get(console, unlimited, panel).minimum)
    return narrowest


def _row(tp: Touchpoint, channels: Mapping[str, Channel], lang: str, tr: object) -> list[str]:
    channel = channels.get(tp.channel)
    emotion = ""
    if tp.emotion is not None:
        emotion = f"{_EMOJI[tp.emotion.score]} {tp.emotion.label}".strip()
    name = tp.name + (f"\n★ {translate('attr.moment_of_truth', lang)}" if tp.moment_of_truth else "")
    return [
        name,
        channel.name(lang) if channel else tp.channel,
        emotion,
        tp.description,
        tp.customer_activity,
        tp.experience,
        tp.expectations,
        tp.owner,
    ]
