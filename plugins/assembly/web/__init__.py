"""The Assembly's pages: public, members' and back office controllers."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from parvis.i18n import lazy_gettext
    from parvis.web.placeholder import placeholder_page

    return [placeholder_page("/assembly", lazy_gettext("Citizens' Assembly"), "assembly-home")]
