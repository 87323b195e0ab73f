"""Developers' commands, which need no site: ``parvis plugin new`` and ``parvis i18n``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import click

from parvis.i18n import _


@click.group("plugin")
def plugin_group() -> None:
    """Writing plugins (for developers)."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write (created; it must be empty). Default: ./parvis-NAME.",
)
def plugin_new(name: str, dest: Path | None) -> None:
    """Write a complete plugin NAME to start from: its package, tests and pyproject.toml."""
    from parvis.scaffold import Names, ScaffoldError, new_plugin

    try:
        folder = dest or Path(Names.of(name).dist)
        written = new_plugin(name, folder)
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    click.echo(_("{count} files written to {folder}.").format(count=len(written), folder=folder))
    click.echo(
        _(
            "Next: pip install -e {folder} in the environment that runs Parvis, run its tests with "
            "python -m pytest {folder}/tests, then add '{name}' to [plugins] enabled and run "
            "parvis db upgrade."
        ).format(folder=folder, name=name)
    )


@click.group("i18n")
def i18n_group() -> None:
    """Translation catalogs (for developers working in a source tree)."""


def _unknown_domain(name: str) -> click.ClickException:
    return click.ClickException(
        _("No plugin named '{name}' registers a text domain (register_translations).").format(name=name)
    )


@i18n_group.command("update")
@click.option("--domain", default=None, help="Only this domain (parvis, or any installed plugin's name).")
def i18n_update(domain: str | None) -> None:
    """Extract messages and update the fr, en and ja catalogs."""
    from parvis import i18n_tools

    try:
        for path in i18n_tools.update(domain):
            click.echo(path)
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None


@i18n_group.command("todo")
@click.argument("locale")
@click.option("--domain", default=None)
def i18n_todo(locale: str, domain: str | None) -> None:
    """Print the untranslated messages of LOCALE as JSON, ready to fill in."""
    from parvis import i18n_tools

    try:
        click.echo(i18n_tools.dump_missing(locale, domain))
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None


@i18n_group.command("fill")
@click.argument("locale")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def i18n_fill(locale: str, file: IO[str]) -> None:
    """Merge translations from FILE ({domain: {message: translation}}) into LOCALE's catalogs."""
    import json

    from parvis import i18n_tools

    for domain, translations in json.load(file).items():
        try:
            count = i18n_tools.fill(locale, domain, translations)
        except i18n_tools.UnknownDomainError:
            raise _unknown_domain(domain) from None
        click.echo(f"{domain}: {count}")


@i18n_group.command("merge")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.option("--path", "result_path", required=True, help="The catalog's path in the tree (git's %P).")
def i18n_merge(base: str, ours: str, theirs: str, result_path: str) -> None:
    """Merge two versions of a catalog (a git merge driver; see docs/developing.md)."""
    from parvis import i18n_tools

    locale = Path(result_path).parent.parent.name
    conflicts = i18n_tools.merge(Path(base), Path(ours), Path(theirs), locale)
    for message in conflicts:
        click.echo(
            _("both sides translated differently, ours kept: {message}").format(message=message), err=True
        )
    if conflicts:
        sys.exit(1)


@i18n_group.command("check")
@click.option("--domain", default=None, help="Only this domain (parvis, or any installed plugin's name).")
def i18n_check(domain: str | None) -> None:
    """Fail if any message is missing, untranslated, fuzzy, has mismatched placeholders or plural
    forms that do not follow the language's rules."""
    from parvis import i18n_tools

    try:
        found = list(i18n_tools.problems(domain))
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None
    for line in found:
        click.echo(line, err=True)
    if found:
        sys.exit(1)
    click.echo("ok")
