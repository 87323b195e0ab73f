"""The ``parvis`` group: core's commands added directly, the enabled plugins' found through the
``register_commands`` hook once ``--config`` is parsed."""

from __future__ import annotations

import contextlib
import sys

import click

from parvis import __version__
from parvis.cli.context import context_of, install_cli_translations
from parvis.config import ConfigError


class ParvisGroup(click.Group):
    """Core's commands, then the enabled plugins' (``register_commands``), found from the
    configuration of the command line (``--config``, else $PARVIS_CONFIG, else the bundled one)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = list(self.commands)
        # A configuration that cannot be read still lets help list core's commands.
        with contextlib.suppress(click.ClickException):
            names += [name for name in context_of(ctx).plugin_commands() if name not in self.commands]
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        # Only a plugin can have this command: a bad configuration is reported as such.
        return context_of(ctx).plugin_commands().get(cmd_name)


@click.group(cls=ParvisGroup, help="Parvis: citizen participation for cities.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    # Read before --help, so help lists the plugins of this configuration.
    is_eager=True,
    help="Site configuration (TOML).",
)
@click.version_option(__version__, prog_name="parvis")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    state = context_of(ctx)
    install_cli_translations(state.config_path)


def _add_core_commands(group: click.Group) -> None:
    from parvis.accounts.cli import users
    from parvis.cli import database, developer, server, sites
    from parvis.privacy.cli import erase_command, export_command, privacy_group
    from parvis.sortition.cli import draw

    users.add_command(export_command)
    users.add_command(erase_command)
    for command in (
        server.serve,
        server.worker,
        database.db,
        database.mail_group,
        sites.demo,
        sites.plugins_command,
        sites.config_group,
        developer.plugin_group,
        developer.i18n_group,
        users,
        privacy_group,
        draw,
    ):
        group.add_command(command)


_add_core_commands(cli)


def main() -> None:
    try:
        cli(prog_name="parvis")
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
