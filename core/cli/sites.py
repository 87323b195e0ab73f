"""``parvis demo``, ``parvis plugins`` and ``parvis config check``: a site's data, plugins, configuration."""

from __future__ import annotations

import sys

import click

from parvis.cli.context import ConfigProblem, Context, install_cli_translations, pass_context
from parvis.config import ConfigError, load_config
from parvis.i18n import _


@click.command()
@click.option("--reset/--keep", default=True, help="Start from an empty database (SQLite file removed).")
@click.option("--seed", default=2026, show_default=True, type=int)
@pass_context
def demo(ctx: Context, reset: bool, seed: int) -> None:
    """Fill a fresh database with every enabled plugin's fictitious demo data."""
    from parvis.demo import DemoError, load_demo

    site = ctx.site
    steps: list[str] = []

    def progress(message: str) -> None:
        steps.append(message)
        click.echo(_("  demo data: {step}").format(step=message))

    try:
        load_demo(site, reset=reset, seed=seed, progress=progress)
    except DemoError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        _("Demo data ready ({count} steps). Sign in as official@example.org with the demo password.").format(
            count=len(steps)
        )
    )


@click.command("plugins")
@pass_context
def plugins_command(ctx: Context) -> None:
    """List installed plugins: version, state and the hooks each implements."""
    from parvis.hookversions import HOOK_API_VERSION, deprecated_uses
    from parvis.pluginmanager import describe_plugins, unspecified_hooks

    site = ctx.site
    click.echo(_("Hook API {version}").format(version=HOOK_API_VERSION))
    described = describe_plugins(site.config, site.pm)
    width = max((len(info.name) for info in described), default=0) + 2
    for info in described:
        state = _("enabled") if info.enabled else (_("blocked") if info.blocked else _("disabled"))
        click.echo(f"{info.name:<{width}}{info.version:<10} {state}")
        if info.hooks:
            click.echo("    " + ", ".join(info.hooks))
    for plugin, hook in unspecified_hooks(site.pm):
        click.echo(
            _("warning: {plugin} implements '{hook}', which no hookspec declares").format(
                plugin=plugin, hook=hook
            )
        )
    for use in deprecated_uses(site.pm):
        click.echo(_("warning: {problem}").format(problem=use))


@click.group("config")
def config_group() -> None:
    """Site configuration."""


@config_group.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@pass_context
def config_check(ctx: Context, path: str | None) -> None:
    """Validate a configuration file (and every enabled plugin's settings) without starting anything."""
    from parvis.pluginmanager import unspecified_hooks
    from parvis.site import Site

    target = path or ctx.config_path
    install_cli_translations(target)
    try:
        site = Site.create(load_config(target))
    except ConfigError as error:
        raise ConfigProblem(str(error)) from None
    from parvis.hookversions import deprecated_uses

    for use in deprecated_uses(site.pm):  # still works: said, not refused
        click.echo(_("warning: {problem}").format(problem=use), err=True)
    problems = unspecified_hooks(site.pm)
    for plugin, hook in problems:
        click.echo(
            _("{plugin} implements '{hook}', which no hookspec declares").format(plugin=plugin, hook=hook),
            err=True,
        )
    if problems:
        sys.exit(1)
    click.echo(
        _("{file}: valid ({count} plugins enabled).").format(
            file=site.config.path, count=len(site.config.plugins.enabled)
        )
    )
