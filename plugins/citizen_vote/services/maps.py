"""Choropleths of a vote by district (turnout, the leading answer's share), drawn on the server
from the site's shapes (``[map] shapes``): no script needed, printed with the page, each district
reachable by keyboard and linked to its row of the table that stays the text alternative.
Without shapes, no map: the tables alone. The control commission's report prints the same maps
(``report_maps``), without links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from parvis.api import _, format_percent, maps, use_locale


@dataclass(frozen=True, slots=True)
class Choropleth:
    id: str
    caption: str
    svg: Markup
    legend_label: str
    legend: list[tuple[str, float, float]] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)  # district code -> class


def choropleth(
    site: Any,
    *,
    id: str,  # noqa: A002 - the figure's HTML id
    caption: str,
    legend_label: str,
    values: Mapping[str, float],
    labels: Mapping[str, str],
    anchor: str = "",
) -> Choropleth | None:
    """Districts coloured by ``values`` (0..1) in classes of equal width; districts without a
    value are drawn grey; with an ``anchor``, each district links to the row ``#<anchor>-<code>``.
    None when the site has no district shapes or there is no value."""
    if not maps.has_shapes(site, "district") or not values:
        return None
    breaks = maps.class_breaks(values.values())
    colours = maps.palette(len(breaks) - 1)
    classes = {code: maps.class_of(value, breaks) for code, value in values.items()}
    regions = [
        maps.Region(
            "district",
            d.code,
            colours[classes[d.code]] if d.code in classes else maps.NO_DATA,
            labels.get(d.code, _("{district}: no figures").format(district=d.name)),
            f"#{anchor}-{d.code}" if anchor and d.code in classes else "",
        )
        for d in site.config.districts
    ]
    svg = maps.svg_map(site, regions, label=caption, element_id=f"{id}-map")
    if not svg:
        return None
    return Choropleth(id, caption, svg, legend_label, maps.legend(breaks, colours), classes)


def result_maps(
    site: Any, question: Any, totals: Mapping[tuple[int, str | None], Any], *, linked: bool = True
) -> list[Choropleth]:
    """Turnout and the leading answer's share by district, for a city-wide question (``id``,
    ``position``, ``options``); ``linked``: each district links to its row of the page's table."""
    whole = totals.get((question.position, None))
    if whole is None or not sum(whole.options):
        return []
    leading = max(range(len(whole.options)), key=lambda i: whole.options[i])
    option = question.options[leading]
    names = {d.code: d.name for d in site.config.districts}
    local = {code: totals[(question.position, code)] for code in names if (question.position, code) in totals}
    turnout = {code: t.turnout for code, t in local.items() if t.registered}
    share = {code: t.share(leading) for code, t in local.items() if sum(t.options)}
    labels = {
        code: _("{district}: turnout {turnout}, “{option}” {share}").format(
            district=names[code],
            turnout=format_percent(t.turnout, 1),
            option=option,
            share=format_percent(t.share(leading), 1),
        )
        for code, t in local.items()
    }
    anchor = f"d{question.id}" if linked else ""
    found = [
        choropleth(
            site,
            id=f"turnout-{question.id}",
            caption=_("Turnout by {site.district}"),
            legend_label=_("Turnout"),
            values=turnout,
            labels=labels,
            anchor=anchor,
        ),
        choropleth(
            site,
            id=f"share-{question.id}",
            caption=_("“{option}” (the leading answer) by {site.district}").format(option=option),
            legend_label=_("Share for “{option}”").format(option=option),
            values=share,
            labels=labels,
            anchor=anchor,
        ),
    ]
    return [c for c in found if c is not None]


def turnout_map(site: Any, rows: list[tuple[str, int, int]]) -> Choropleth | None:
    """Live turnout by district ((district, voters, registered) rows of the turnout snapshot)."""
    names = {d.code: d.name for d in site.config.districts}
    values = {code: voted / registered for code, voted, registered in rows if registered and code in names}
    labels = {
        code: _("{district}: turnout {turnout}").format(
            district=names[code], turnout=format_percent(value, 1)
        )
        for code, value in values.items()
    }
    return choropleth(
        site,
        id="live-turnout",
        caption=_("Turnout by {site.district}"),
        legend_label=_("Turnout"),
        values=values,
        labels=labels,
        anchor="turnout",
    )


def report_maps(site: Any, report: Any) -> list[Choropleth]:
    """The maps of the report's city-wide questions, from its totals per district (no links: the
    report is printed)."""
    totals: dict[tuple[int, str | None], Any] = {}
    for group in report.groups:
        for position, total in group.totals.items():
            totals[(position, group.code)] = total
    for position, total in report.city.totals.items():
        totals[(position, None)] = total
    found: list[Choropleth] = []
    with use_locale(report.language):  # the report's language, whatever the page's
        for line in report.questions:
            if line.district is None:
                question = SimpleNamespace(
                    id=f"report-{line.position}", position=line.position, options=line.options
                )
                found += result_maps(site, question, totals, linked=False)
    return found
