"""The living component page, ``/<lang>/_components``: every component of the design system
(docs/design.md) rendered with its markup, for developers writing templates. Development mode
only (``[server] development``): a 404 in production.

Each component is a template of ``core/templates/components/``; the page includes it and shows
its source, so the example and the markup to copy never drift apart.
"""

from __future__ import annotations

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.response import Template

from parvis.i18n import N_, _
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.render import page
from parvis.web.types import AnyRequest

# (template name, title), in the order of docs/design.md.
COMPONENTS = (
    ("colours", N_("Colours")),
    ("type", N_("Type scale")),
    ("buttons", N_("Buttons")),
    ("fields", N_("Form fields")),
    ("notices", N_("Notices and alerts")),
    ("badges", N_("Badges")),
    ("cards", N_("Cards")),
    ("table", N_("Tables")),
    ("breadcrumbs", N_("Breadcrumbs")),
    ("pagination", N_("Pagination")),
    ("progress", N_("Progress")),
)


class ComponentsController(Controller):
    path = "/_components"

    @get("/", guards=[public], name="components", include_in_schema=False)
    def show(self, request: AnyRequest) -> Template:
        site = state_of(request).site
        if not site.config.server.development:
            raise NotFoundException()
        environment = request.app.state.templates
        components = [
            {
                "name": name,
                "title": _(title),
                "template": f"components/{name}.html",
                "source": environment.loader.get_source(environment, f"components/{name}.html")[0].strip(),
            }
            for name, title in COMPONENTS
        ]
        return page(
            request, "components/index.html", components=components, today=site.today(), title=_("Components")
        )
