"""The search page: ``/{lang}/search?q=...&kind=...&district=...&page=...``.

Every parameter is read leniently (an unknown kind or district is ignored, a bad page number is
the first page), so a shared or hand-edited address never fails. The form works without
JavaScript; the results' count is in a status region, announced when the page loads.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from litestar.response import Template

from parvis.formatting import format_number
from parvis.i18n import _, ngettext
from parvis.search.query import COUNTED, MAX_QUERY, kind_choices, search
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.render import page
from parvis.web.types import DB, AnyRequest, page_number


def _last(request: AnyRequest, name: str) -> str:
    values = request.query_params.getall(name, [])
    return values[-1].strip() if values else ""


class SearchController(Controller):
    path = "/search"
    include_in_schema = False

    @get("/", guards=[public], name="search")
    def search_page(self, request: AnyRequest, db: DB) -> Template:
        site = state_of(request).site
        q = _last(request, "q")[:MAX_QUERY]
        kinds = kind_choices(site)
        districts = [(d.code, d.name) for d in site.config.districts]
        kind = _last(request, "kind") or None
        kind = kind if kind in dict(kinds) else None
        district = _last(request, "district") or None
        district = district if district in dict(districts) else None
        raw_page = _last(request, "page")
        number = page_number(int(raw_page)) if raw_page.isdigit() and len(raw_page) < 7 else 1
        results = search(db, site, q, kind=kind, district=district, page=number) if q else None
        query: dict[str, Any] = {k: v for k, v in (("q", q), ("kind", kind), ("district", district)) if v}
        count = ""
        if results is not None:
            if results.more:
                count = _("More than {count} results").format(count=format_number(COUNTED))
            else:
                count = ngettext("{count} result", "{count} results", results.total).format(
                    count=format_number(results.total)
                )
        return page(
            request,
            "search/search.html",
            title=_("Search") if not q else _("Search: {query}").format(query=q),
            q=q,
            kind=kind,
            district=district,
            kinds=kinds,
            districts=districts,
            results=results,
            count=count,
            query=query,
            district_names=dict(districts),
        )
