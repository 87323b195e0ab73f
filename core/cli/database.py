"""``parvis db`` (schema, backups) and ``parvis mail`` (the outbox)."""

from __future__ import annotations

from pathlib import Path

import click

from parvis.cli.context import Context, pass_context
from parvis.i18n import _


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@pass_context
def db_upgrade(ctx: Context) -> None:
    """Apply every migration of core and the enabled plugins (and add the default pages a new site
    starts with: legal notice, how participation works, accessibility statement)."""
    from parvis.migrate import upgrade
    from parvis.pages import defaults

    upgrade(ctx.site)
    with ctx.site.session() as db, db.begin():
        defaults.ensure(db, ctx.site)
    click.echo(_("The database is up to date."))


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def db_backup(ctx: Context, file: Path) -> None:
    """Write a consistent copy of the database to FILE while the site runs (SQLite's backup API,
    or pg_dump's custom format)."""
    from parvis.backup import BackupError, backup

    try:
        backup(ctx.site.engine, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Backup written to {file}.").format(file=file))


@db.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace what a non-empty database holds.")
@pass_context
def db_restore(ctx: Context, file: Path, force: bool) -> None:
    """Load a backup made by 'parvis db backup' into the (empty) database; stop the site first."""
    from parvis.backup import BackupError, restore

    try:
        restore(ctx.site.engine, file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Database restored from {file}.").format(file=file))


@db.command("revision")
@click.argument("branch")
@click.option("-m", "--message", required=True)
@pass_context
def db_revision(ctx: Context, branch: str, message: str) -> None:
    """Write the next migration of BRANCH ("core" or a plugin name) from its models (developers)."""
    from parvis.migrate import new_revision
    from parvis.pluginmanager import CORE_PLUGIN, answers_by_plugin

    site = ctx.site
    # Each plugin's folder comes from its own registration, wherever it is installed.
    folders = dict(answers_by_plugin(site.config, site.pm, "register_migrations"))
    target = folders.get(CORE_PLUGIN if branch == "core" else branch)
    if target is None:
        raise click.ClickException(
            _("No migrations folder for '{branch}': is the plugin enabled, with register_migrations?").format(
                branch=branch
            )
        )
    target = Path(target).resolve()
    target.mkdir(parents=True, exist_ok=True)
    click.echo(new_revision(site, branch, message, target))


@click.group("mail")
def mail_group() -> None:
    """The e-mail outbox."""


@mail_group.command("deliver")
@pass_context
def mail_deliver(ctx: Context) -> None:
    """Send the messages that are due now (the periodic delivery does this by itself)."""
    from parvis.mail.delivery import deliver_due, transport_for

    site = ctx.site
    if transport_for(site) is None:
        raise click.ClickException(
            _("No mail server is configured: set smtp_url in [mail] or PARVIS_SMTP_URL.")
        )
    sent, failed = deliver_due(site)
    click.echo(_("{sent} e-mails sent, {failed} failed.").format(sent=sent, failed=failed))
