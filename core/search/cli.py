"""``parvis search rebuild``: rewrite the search index now (after a restore or an import)."""

from __future__ import annotations

import click

from parvis.cli.context import Context, pass_context
from parvis.i18n import ngettext


@click.group("search")
def search_group() -> None:
    """Site search: its index."""


@search_group.command("rebuild")
@pass_context
def rebuild_command(ctx: Context) -> None:
    """Rewrite the search index from every plugin's public documents."""
    from parvis.search.index import rebuild
    from parvis.search.models import install

    site = ctx.site
    with site.session() as db, site.activate():
        install(db.connection())
        count = rebuild(db, site)
        db.commit()
    click.echo(ngettext("{count} document indexed.", "{count} documents indexed.", count).format(count=count))
