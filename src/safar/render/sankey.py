"""A Sankey diagram of the customers' actual paths, as SVG (the first N steps of every journey).

Nodes are steps at a depth (first, second, … step of a journey), sized by customers; links are
the customers going from one to the next. Labels are escaped; Persian maps flow right to left; the
counts are written in the reader's language (``lang``), whatever the map's.

>>> svg = sankey_svg([(0, "a", 3), (1, "b", 2)], [(0, "a", "b", 2)], {"a": "<A>", "b": "B"}, rtl=False, lang="fa")
>>> svg.count('class="link"'), "&lt;A&gt; (۳)" in svg, "&lt;A&gt; → B: ۲" in svg
(1, True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from safar.i18n import format_number

WIDTH_PER_DEPTH, NODE_W, HEIGHT, GAP = 230, 14, 420, 10
FONT = "Vazirmatn, 'DejaVu Sans', sans-serif"


def sankey_svg(
    nodes: Sequence[tuple[int, str, int]],
    links: Sequence[tuple[int, str, str, int]],
    labels: Mapping[str, str],
    *,
    rtl: bool,
    lang: str,
    link: Callable[[int, tuple[str, ...]], str] | None = None,
) -> str:
    """The diagram; with ``link``, each node (its depth, its step) and each flow (depth, both steps) opens
    the URL ``link`` gives (the customers behind its number)."""
    if not nodes:
        return ""
    depths = max(d for d, _, _ in nodes) + 1
    width = depths * WIDTH_PER_DEPTH
    columns: dict[int, list[tuple[str, int]]] = {}
    for d, step, n in sorted(nodes, key=lambda x: (x[0], -x[2], x[1])):
        columns.setdefault(d, []).append((step, n))
    biggest = max(sum(n for _, n in col) + GAP * (len(col) - 1) for col in columns.values())
    scale = (HEIGHT - 20) / max(biggest, 1)
    place: dict[tuple[int, str], tuple[float, float]] = {}  # (x, top)
    for d, col in columns.items():
        y = 10.0
        for step, n in col:
            place[d, step] = (_x(d, width, rtl), y)
            y += n * scale + GAP
    size = {(d, s): n for d, s, n in nodes}
    out_used: dict[tuple[int, str], float] = {}
    in_used: dict[tuple[int, str], float] = {}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" '
        f'font-family="{FONT}" role="img">'
    ]
    for d, a, b, n in sorted(links, key=lambda x: (x[0], -x[3])):
        if (d, a) not in place or (d + 1, b) not in place:
            continue
        (x0, top0), (x1, top1) = place[d, a], place[d + 1, b]
        h = n * scale
        y0 = top0 + out_used.get((d, a), 0.0)
        y1 = top1 + in_used.get((d + 1, b), 0.0)
        out_used[d, a] = out_used.get((d, a), 0.0) + h
        in_used[d + 1, b] = in_used.get((d + 1, b), 0.0) + h
        sx, ex = (x0, x1 + NODE_W) if rtl else (x0 + NODE_W, x1)
        mx = (sx + ex) / 2
        title = escape(f"{labels.get(a, a)} → {labels.get(b, b)}: {format_number(n, lang)}")
        parts.append(
            _opening(link, d, (a, b))
            + f'<path class="link" d="M{sx:.1f},{y0:.1f} C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {ex:.1f},{y1:.1f} '
            f'L{ex:.1f},{y1 + h:.1f} C{mx:.1f},{y1 + h:.1f} {mx:.1f},{y0 + h:.1f} {sx:.1f},{y0 + h:.1f} Z" '
            f'fill="#2d5bd7" fill-opacity="0.22"><title>{title}</title></path>' + ("</a>" if link else "")
        )
    for (d, step), (x, top) in place.items():
        h = max(size[d, step] * scale, 1.0)
        label = escape(f"{labels.get(step, step)} ({format_number(size[d, step], lang)})")
        anchor, tx = (
            ("start", x - 6) if rtl else ("start", x + NODE_W + 6)
        )  # RTL text starts at its right edge
        parts.append(
            _opening(link, d, (step,))
            + f'<rect class="node" x="{x:.1f}" y="{top:.1f}" width="{NODE_W}" height="{h:.1f}" fill="#1d2433"/>'
        )
        parts.append(
            f'<text x="{tx:.1f}" y="{top + h / 2 + 4:.1f}" font-size="12" text-anchor="{anchor}"'
            f"{' direction=' + chr(34) + 'rtl' + chr(34) if rtl else ''}>{label}</text>"
            + ("</a>" if link else "")
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _opening(link: Callable[[int, tuple[str, ...]], str] | None, depth: int, steps: tuple[str, ...]) -> str:
    return f'<a href="{escape(link(depth, steps), {chr(34): "&quot;"})}">' if link else ""


def _x(depth: int, width: int, rtl: bool) -> float:
    left = depth * WIDTH_PER_DEPTH + 8
    return width - left - NODE_W if rtl else left
