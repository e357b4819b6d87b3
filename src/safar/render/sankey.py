"""A Sankey diagram of the customers' actual paths, as SVG (the first N steps of every journey).

Nodes are steps at a depth (first, second, … step of a journey), sized by customers; links are
the customers going from one to the next, and those whose journey ends at a step flow to an exit node (grey).
At each depth the biggest steps are drawn and the rest merged into one "other steps" node (:func:`readable`);
long names wrap onto two lines. Labels are escaped; Persian maps flow right to left; the
counts are written in the reader's language (``lang``), whatever the map's.

>>> svg = sankey_svg([(0, "a", 3), (1, "b", 2)], [(0, "a", "b", 2)], {"a": "<A>", "b": "B"}, rtl=False, lang="fa")
>>> svg.count('class="link"'), "&lt;A&gt; (۳)" in svg, "&lt;A&gt; → B: ۲" in svg  # and one who left after A
(2, True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from safar.i18n import format_number, translate

WIDTH_PER_DEPTH, NODE_W, HEIGHT, GAP = 230, 14, 420, 10
TOP = 7  # steps drawn per depth, the smallest of the rest merged into "other steps"
WRAP = 26  # characters a label line holds before it wraps (two lines at most)
EXIT, OTHER = "\x00exit", "\x00other:"  # the drawing's own nodes: no step of a journey is named so
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
    nodes, links, merged = readable(nodes, links)
    names = dict(labels)
    names[EXIT] = translate("sankey.exit", lang)
    for d, count in merged.items():
        names[f"{OTHER}{d}"] = translate("sankey.other", lang, n=format_number(count, lang))
    labels = names
    depths = max(d for d, _, _ in nodes) + 1
    width = depths * WIDTH_PER_DEPTH
    columns: dict[int, list[tuple[str, int]]] = {}
    for d, step, n in sorted(nodes, key=lambda x: (x[0], -x[2], x[1])):
        columns.setdefault(d, []).append((step, n))
    biggest = max(sum(n for _, n in col) + GAP * (len(col) - 1) for col in columns.values())
    scale = (HEIGHT - 20) / max(biggest, 1)
    place: dict[tuple[int, str], tuple[float, float]] = {}  # (x, top)
    height = float(HEIGHT)
    for d, col in columns.items():
        y = 10.0
        for step, n in col:
            place[d, step] = (_x(d, width, rtl), y)
            # a small node still keeps room for its label's lines, so no two labels overlap
            y += max(n * scale, 15.0 * len(wrap(labels.get(step, step)))) + GAP
        height = max(height, y + 10)
    size = {(d, s): n for d, s, n in nodes}
    out_used: dict[tuple[int, str], float] = {}
    in_used: dict[tuple[int, str], float] = {}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
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
        opens = link if _real(a) and _real(b) else None  # an exit or "other" has no single list to open
        parts.append(
            _opening(opens, d, (a, b))
            + f'<path class="link" d="M{sx:.1f},{y0:.1f} C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {ex:.1f},{y1:.1f} '
            f'L{ex:.1f},{y1 + h:.1f} C{mx:.1f},{y1 + h:.1f} {mx:.1f},{y0 + h:.1f} {sx:.1f},{y0 + h:.1f} Z" '
            f'fill="{"#9aa3b2" if b == EXIT else "#2d5bd7"}" fill-opacity="0.22"><title>{title}</title></path>'
            + ("</a>" if opens else "")
        )
    for (d, step), (x, top) in place.items():
        h = max(size[d, step] * scale, 1.0)
        lines = wrap(labels.get(step, step))
        lines[-1] += f" ({format_number(size[d, step], lang)})"  # the count is never cut
        lines = [escape(line) for line in lines]
        anchor, tx = (
            ("start", x - 6) if rtl else ("start", x + NODE_W + 6)
        )  # RTL text starts at its right edge
        opens = link if _real(step) else None
        fill = "#9aa3b2" if step == EXIT else "#1d2433"
        parts.append(
            _opening(opens, d, (step,))
            + f'<rect class="node" x="{x:.1f}" y="{top:.1f}" width="{NODE_W}" height="{h:.1f}" fill="{fill}"/>'
        )
        first_y = top + h / 2 + 4 - 7 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{tx:.1f}" y="{first_y + 14 * i:.1f}">{line}</tspan>' for i, line in enumerate(lines)
        )
        parts.append(
            f'<text font-size="12" text-anchor="{anchor}"'
            f"{' direction=' + chr(34) + 'rtl' + chr(34) if rtl else ''}>{spans}</text>"
            + ("</a>" if opens else "")
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _opening(link: Callable[[int, tuple[str, ...]], str] | None, depth: int, steps: tuple[str, ...]) -> str:
    return f'<a href="{escape(link(depth, steps), {chr(34): "&quot;"})}">' if link else ""


def _x(depth: int, width: int, rtl: bool) -> float:
    left = depth * WIDTH_PER_DEPTH + 8
    return width - left - NODE_W if rtl else left


def _real(step: str) -> bool:
    return not step.startswith("\x00")


def readable(
    nodes: Sequence[tuple[int, str, int]], links: Sequence[tuple[int, str, str, int]], top: int = TOP
) -> tuple[list[tuple[int, str, int]], list[tuple[int, str, str, int]], dict[int, int]]:
    """The diagram a person can read: at each depth the ``top − 1`` biggest steps and the rest as one "other"
    node (when more than ``top``), and the customers whose journey ends at a step as a flow to an exit node
    one depth on (each customer is counted once per depth, so a node's size less its flows out is its exits).
    Returns the nodes, the links and, per depth, how many steps "other" holds.

    >>> n, l, m = readable([(0, "a", 3), (1, "b", 2)], [(0, "a", "b", 2)])
    >>> [x for x in n if x[1] == EXIT], [x for x in l if x[2] == EXIT], m
    ([(1, '\\x00exit', 1)], [(0, 'a', '\\x00exit', 1)], {})
    """
    last = max(d for d, _, _ in nodes)
    size = {(d, s): n for d, s, n in nodes}
    out: dict[tuple[int, str], int] = {}
    for d, a, _, n in links:
        out[d, a] = out.get((d, a), 0) + n
    merged: dict[int, int] = {}
    keep: dict[tuple[int, str], str] = {}
    for d in range(last + 1):
        column = sorted(((s, n) for (dd, s), n in size.items() if dd == d), key=lambda x: (-x[1], x[0]))
        shown = column if len(column) <= top else column[: top - 1]
        for s, _ in column:
            keep[d, s] = s if (s, size[d, s]) in shown else f"{OTHER}{d}"
        if len(column) > top:
            merged[d] = len(column) - (top - 1)
    new_nodes: dict[tuple[int, str], int] = {}
    new_links: dict[tuple[int, str, str], int] = {}
    for (d, s), n in size.items():
        new_nodes[d, keep[d, s]] = new_nodes.get((d, keep[d, s]), 0) + n
        gone = n - out.get((d, s), 0)
        if d < last and gone > 0:
            new_nodes[d + 1, EXIT] = new_nodes.get((d + 1, EXIT), 0) + gone
            key = (d, keep[d, s], EXIT)
            new_links[key] = new_links.get(key, 0) + gone
    for d, a, b, n in links:
        if (d + 1, b) not in keep:
            continue
        key = (d, keep[d, a], keep[d + 1, b])
        new_links[key] = new_links.get(key, 0) + n
    return (
        [(d, s, n) for (d, s), n in new_nodes.items()],
        [(d, a, b, n) for (d, a, b), n in new_links.items()],
        merged,
    )


def wrap(label: str, width: int = WRAP) -> list[str]:
    """``label`` in at most two lines of about ``width`` characters, broken between words; a longer second line
    ends with an ellipsis (the whole name is in the node's title and the table beside the diagram).

    >>> wrap("Waiting for an agent on the claims line", 26)
    ['Waiting for an agent on', 'the claims line']
    """
    if len(label) <= width:
        return [label]
    words, first = label.split(" "), ""
    while words and len(first) + len(words[0]) + (1 if first else 0) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word
        first, rest = label[:width], label[width:]
    else:
        rest = " ".join(words)
    return [first, rest if len(rest) <= width + 6 else rest[: width + 5] + "…"]
