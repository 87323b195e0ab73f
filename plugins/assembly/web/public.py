"""Public pages of the Assembly."""

from __future__ import annotations

from typing import Any

from parvis.i18n import _, lazy_gettext
from parvis.web.navigation import HomePanel
from parvis.web.render import url


def home_panels(request: Any, db: Any) -> list[HomePanel]:
    title = str(lazy_gettext("Citizens' Assembly"))
    return [HomePanel(title, _("Coming soon on this site."), url(request, "/assembly"), _("Learn more"))]
