"""Merit profiles as stacked-bar SVG charts, with their text alternative.

Each bar shows a project's share of each grade, worst on the left, best on the right, and a line
at the middle: the grade under the line is the majority grade. Colours are not the only carrier
of information: the ``aria-label`` spells out every share, and the page shows the same counts in a
table.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from parvis.api import _, format_percent

#: Worst to best, readable on white and distinguishable in greyscale (decreasing lightness).
PALETTE_4 = ("#d9d9d9", "#f4c26b", "#6fb3e0", "#1f5f99")
PALETTE_2 = ("#d9d9d9", "#1f5f99")


def palette(n_grades: int) -> list[str]:
    if n_grades == 2:
        return list(PALETTE_2)
    if n_grades == 4:
        return list(PALETTE_4)
    steps = max(1, n_grades - 1)
    return [f"hsl(210, 60%, {int(88 - 60 * i / steps)}%)" for i in range(n_grades)]


def describe(tally: Sequence[int], labels: Sequence[str]) -> str:
    total = sum(tally)
    parts = [
        _("{grade}: {share}").format(grade=label, share=format_percent(count / total if total else 0))
        for label, count in zip(reversed(labels), reversed(tally), strict=True)
    ]
    return ", ".join(parts)


def merit_bar(tally: Sequence[int], labels: Sequence[str], *, width: int = 300, height: int = 22) -> Markup:
    """An inline SVG stacked bar for one project's counts per grade (worst first)."""
    total = sum(tally)
    colours = palette(len(tally))
    rect = Markup('<rect x="{:.2f}" y="0" width="{:.2f}" height="{}" fill="{}"></rect>')
    rects: list[Markup] = []
    x = 0.0
    for count, colour in zip(tally, colours, strict=True):
        w = width * count / total if total else 0
        if w > 0:
            rects.append(rect.format(x, w, height, colour))
        x += w
    frame = Markup(
        '<svg class="merit-bar" role="img" aria-label="{label}" viewBox="0 0 {w} {h}" width="100%" '
        'height="{h}" preserveAspectRatio="none" focusable="false">'
        '<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff" stroke="#505050"></rect>{rects}'
        '<line x1="{m}" y1="0" x2="{m}" y2="{h}" stroke="#000" stroke-width="2" stroke-dasharray="3 2">'
        "</line></svg>"
    )
    return frame.format(
        label=describe(tally, labels), w=width, h=height, m=width / 2, rects=Markup("").join(rects)
    )


def legend(labels: Sequence[str]) -> Markup:
    colours = palette(len(labels))
    item = Markup(
        '<li><svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" '
        'fill="{}" stroke="#505050"></rect></svg> {}</li>'
    )
    items = Markup("").join(item.format(colour, label) for label, colour in zip(labels, colours, strict=True))
    return Markup('<ul class="merit-legend">{}</ul>').format(items)
