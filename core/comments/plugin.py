"""Comments, debates and supports as a built-in plugin (``parvis.comments``), registered by core.

Its content kinds (``comments.comment``, ``comments.debate``), the bodies as a space for debates,
debates taking comments, its routes and its personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.comments import models  # noqa: F401 - the tables join the metadata
from parvis.comments.privacy import declarations, erase, export, kept  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.comments"


@hookimpl
def register_content_kinds(site: Site) -> list[Any]:
    from parvis.comments.content import content_kinds

    return content_kinds()


@hookimpl
def register_debate_spaces(site: Site) -> list[Any]:
    from parvis.comments.content import debate_spaces

    return debate_spaces()


@hookimpl
def register_commenting(site: Site) -> list[Any]:
    from parvis.comments import debates
    from parvis.comments.registry import Commenting

    return [Commenting(debates.DEBATE, debates.may_comment, debates.may_answer)]


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.comments.web import CommentController, SupportController
    from parvis.comments.web_debates import DebateController

    return [CommentController, SupportController, DebateController]
