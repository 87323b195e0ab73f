"""Core's site search as a built-in plugin (``parvis.search``): its page, its table and its job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.pluginmanager import hookimpl
from parvis.search import models  # noqa: F401 - the index table joins the metadata

if TYPE_CHECKING:
    import click

    from parvis.site import Site


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.search.web import SearchController

    return [SearchController]


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.i18n import lazy_gettext
    from parvis.jobs import JobDefinition, crontab
    from parvis.search.index import rebuild_job

    return [
        JobDefinition(
            "search.rebuild",
            rebuild_job,
            lazy_gettext("Rebuild the search index"),
            schedule=crontab(minute="41"),
        )
    ]


@hookimpl
def register_commands(cli: click.Group) -> None:
    from parvis.search.cli import search_group

    cli.add_command(search_group)
