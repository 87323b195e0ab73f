"""The site's shapes drawn on the server as SVG: choropleths and perimeters that need no script,
print with the page and stay readable by keyboard.

``svg_map(site, regions, label=...)`` draws ``Region``s (a district or neighbourhood code, its
fill, and optionally the words shown on hover and focus and a link, which makes it focusable);
``class_breaks`` / ``class_of`` put figures into classes of equal width between rounded bounds;
``SEQUENTIAL`` is ColorBrewer's YlGnBu, a sequential palette that colour-blind readers tell
apart and that stays ordered when printed in grey. The figures are always also given as text
(the page's table, the region's name): the colours only add where.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import shapely
from markupsafe import Markup, escape
from shapely.geometry.base import BaseGeometry

from parvis.shapes import shapes_of

# ColorBrewer YlGnBu, 5 classes (colour-blind safe, print friendly), lightest to darkest.
SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA = "#e6e6e6"
CONTEXT = "#f4f4f4"  # a region drawn only to situate the others
HIGHLIGHT = "#2c7fb8"
STROKE = "#1b1b1b"


@dataclass(frozen=True, slots=True)
class Region:
    kind: str  # "district" or "neighbourhood"
    code: str
    fill: str = NO_DATA
    label: str = ""  # shown on hover and focus, read by screen readers; empty: decorative
    href: str = ""  # a link (to the table's row, say): the region is then reachable by keyboard


NICE_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2)


def class_breaks(values: Iterable[float], count: int = 5) -> list[float]:
    """Bounds of at most ``count`` classes of equal width, a round step (1, 2, 5, 10 or 20 %) from
    a multiple of that step: 0.057, 0.081 and 0.118 give 4 %, 6 %, 8 %, 10 %, 12 %."""
    found = [v for v in values if v is not None and math.isfinite(v)]
    if not found:
        return []
    low_value, high_value = min(found), max(found)
    step = next((s for s in NICE_STEPS if s * count >= high_value - low_value + 1e-9), NICE_STEPS[-1])
    low = math.floor(low_value / step + 1e-9) * step
    classes = max(1, min(count, math.ceil((high_value - low) / step - 1e-9)))
    if low + classes * step < high_value - 1e-9:  # beyond 100 %: the last class takes the rest
        classes = count
    return [round(low + step * i, 6) for i in range(classes + 1)]


def class_of(value: float, breaks: Sequence[float]) -> int:
    """The class (0 .. len(breaks) - 2) of a value; a value on a bound belongs to the upper class,
    the highest value to the last."""
    classes = len(breaks) - 1
    for index in range(classes - 1, 0, -1):
        if value >= breaks[index] - 1e-9:
            return index
    return 0


def palette(classes: int, colours: Sequence[str] = SEQUENTIAL) -> list[str]:
    """``classes`` colours of the palette, spread from its lightest to its darkest."""
    if classes <= 1:
        return [colours[len(colours) // 2]]
    return [colours[round(i * (len(colours) - 1) / (classes - 1))] for i in range(classes)]


def legend(breaks: Sequence[float], colours: Sequence[str] = SEQUENTIAL) -> list[tuple[str, float, float]]:
    """(colour, from, to) per class, for the legend under a choropleth."""
    chosen = palette(len(breaks) - 1, colours)
    return [(chosen[i], breaks[i], breaks[i + 1]) for i in range(len(breaks) - 1)]


def svg_map(
    site: object,
    regions: Sequence[Region],
    *,
    label: str,
    frame: Sequence[Region] | None = None,
    width: int = 640,
    element_id: str = "",
) -> Markup:
    """An SVG drawing of ``regions`` (those without a shape are left out), framed on ``frame``'s
    shapes (default: the regions'); an empty Markup when none has a shape."""
    shapes = shapes_of(site)
    drawn = [(r, shapes.of(r.kind)[r.code]) for r in regions if r.code in shapes.of(r.kind)]
    if not drawn:
        return Markup("")
    framing = [shapes.of(r.kind)[r.code] for r in (frame or []) if r.code in shapes.of(r.kind)]
    west, south, east, north = shapely.total_bounds(framing or [g for _, g in drawn])
    # Equirectangular, scaled by the cosine of the middle latitude: right for a city's size.
    ratio = math.cos(math.radians((north + south) / 2))
    span_x = max((east - west) * ratio, 1e-9)
    span_y = max(north - south, 1e-9)
    scale = (width - 8) / span_x
    height = int(span_y * scale) + 8
    tolerance = 0.5 / scale  # half a pixel, in degrees

    def project(x: float, y: float) -> str:
        return f"{(x - west) * ratio * scale + 4:.1f},{(north - y) * scale + 4:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="shape-map" viewBox="0 0 {width} {height}"'
        f' role="group" aria-label="{escape(label)}"'
        + (f' id="{escape(element_id)}"' if element_id else "")
        + ">"
    ]
    for region, geometry in drawn:
        path = (
            f'<path d="{_path(geometry.simplify(tolerance), project)}" fill="{escape(region.fill)}"'
            f' fill-rule="evenodd" stroke="{STROKE}" stroke-width="1" vector-effect="non-scaling-stroke"'
        )
        if not region.label:
            parts.append(path + ' aria-hidden="true"/>')
        elif region.href:
            parts.append(
                f'<a href="{escape(region.href)}" class="shape" aria-label="{escape(region.label)}"'
                f' data-code="{escape(region.code)}">{path}><title>{escape(region.label)}</title></path></a>'
            )
        else:
            parts.append(
                f'<g class="shape" role="img" aria-label="{escape(region.label)}"'
                f' data-code="{escape(region.code)}">'
                f"{path}><title>{escape(region.label)}</title></path></g>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value above is escaped


def _path(geometry: BaseGeometry, project: object) -> str:
    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            points = [project(x, y) for x, y in ring.coords[:-1]]  # type: ignore[operator]
            if len(points) >= 3:
                rings.append("M" + " L".join(points) + " Z")
    return " ".join(rings)
