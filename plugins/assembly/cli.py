"""``parvis assembly ...``: the steps officials run on large files, from the command line.

The web back office does the same for files that fit in an upload; the electoral roll (about
1.3 million rows) is better imported here::

    parvis assembly import-roll 2026-27 roll.csv
    parvis assembly predraw 2026-27 -p "2026-05-02 EuroMillions 4 18 23 37 45 * 2 9"
    parvis assembly letters 2026-27 --out letters/   # letters.csv + letters*.pdf: the only copy of the codes
    parvis assembly purge 2026-27 --college roll

Errors are printed with every bad line and exit with status 2; nothing is changed then.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from parvis.api import _, format_number
from parvis.api.cli import pass_context


def _fail(message: str, details: list[str] | None = None) -> NoReturn:
    click.echo(message, err=True)
    for line in details or []:
        click.echo(f"  {line}", err=True)
    sys.exit(2)


def _promotion(db: Any, site: Any, label: str) -> Any:
    from parvis.plugins.assembly.services import common

    promotion = common.promotion_by_label(db, site, label)
    if promotion is None:
        _fail(_("No promotion {label}.").format(label=label))
    return promotion


@click.group("assembly")
def assembly() -> None:
    """The Citizens' Assembly: import the roll, pre-draw, letters, purge."""


@assembly.command("import-roll")
@click.argument("promotion")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--college", default="roll", show_default=True, help="roll (college A) or young (college C)")
@pass_context
def import_roll(ctx: Any, promotion: str, file: Path, college: str) -> None:
    """Check FILE row by row and keep it for the pre-draw (all or nothing)."""
    from parvis.plugins.assembly.services import common, imports
    from parvis.plugins.assembly.services.common import AssemblyError

    site = ctx.site
    with site.session() as db:
        found = _promotion(db, site, promotion)
        started = time.perf_counter()
        try:
            imported = imports.import_list(
                db, site, found, common.college(found.body, college), file, filename=file.name, actor=None
            )
        except AssemblyError as error:
            _fail(error.message, error.details)
        db.commit()
        click.echo(
            _("Imported {rows} rows in {seconds} s; SHA-256 {hash}.").format(
                rows=imported.rows, seconds=f"{time.perf_counter() - started:.1f}", hash=imported.sha256
            )
        )


@assembly.command("predraw")
@click.argument("promotion")
@click.option(
    "-p", "--public-input", "inputs", multiple=True, required=True, help="announced public random value"
)
@click.option("-k", "--count", type=int, default=None, help="people to draw (default: the settings)")
@click.option("--college", default="roll", show_default=True)
@pass_context
def predraw(ctx: Any, promotion: str, inputs: tuple[str, ...], count: int | None, college: str) -> None:
    """Pre-draw from the imported list with the sortition engine, then delete the list."""
    from parvis.plugins.assembly.services import common, imports
    from parvis.plugins.assembly.services.common import AssemblyError

    site = ctx.site
    with site.session() as db:
        found = _promotion(db, site, promotion)
        started = time.perf_counter()
        try:
            draw = imports.run_predraw(
                db, site, found, common.college(found.body, college), list(inputs), actor=None, count=count
            )
        except AssemblyError as error:
            _fail(error.message, error.details)
        db.commit()
        click.echo(
            _("{count} people pre-drawn in {seconds} s; seed {seed}.").format(
                count=draw.seats, seconds=f"{time.perf_counter() - started:.1f}", seed=draw.seed
            )
        )


@assembly.command("letters")
@click.argument("promotion")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--college", default="roll", show_default=True)
@click.option(
    "--reissue", is_flag=True, help="new codes for everyone who has not answered (the old ones stop working)"
)
@pass_context
def letters_command(ctx: Any, promotion: str, out: Path, college: str, reissue: bool) -> None:
    """Create the codes and write letters.csv (mail merge) and the letters' PDF files into OUT."""
    from parvis.plugins.assembly.services import common, letters, letters_pdf
    from parvis.plugins.assembly.services.common import AssemblyError

    site = ctx.site
    out.mkdir(parents=True, exist_ok=True)
    with site.session() as db:
        found = _promotion(db, site, promotion)
        chosen = common.college(found.body, college)
        started = time.perf_counter()
        try:
            made = letters.issue(db, site, found, chosen, actor=None, reissue=reissue)
        except AssemblyError as error:
            _fail(error.message)
        # Write the files before committing: if writing fails, the codes are not kept either.
        (out / "letters.csv").write_bytes(letters.csv_bytes(site, found, chosen, made))

        def printed(done: int) -> None:  # 10,000 letters take minutes
            click.echo(
                _("Letters printed: {done} of {count}").format(
                    done=format_number(done), count=format_number(len(made))
                )
            )

        for name, content in letters_pdf.pdf_files(site, found, chosen, made, progress=printed):
            (out / name).write_bytes(content)
        db.commit()
        click.echo(
            _("{count} letters written to {folder} in {seconds} s.").format(
                count=len(made), folder=out, seconds=f"{time.perf_counter() - started:.1f}"
            )
        )


@assembly.command("purge")
@click.argument("promotion")
@click.option("--college", default="roll", show_default=True)
@click.option("--reserve", is_flag=True, help="also delete the reserve's answers")
@pass_context
def purge(ctx: Any, promotion: str, college: str, reserve: bool) -> None:
    """Delete the recruitment data of people not drawn (keeping counts and the published pool)."""
    from parvis.plugins.assembly.services import common, privacy
    from parvis.plugins.assembly.services.common import AssemblyError

    site = ctx.site
    with site.session() as db:
        found = _promotion(db, site, promotion)
        try:
            deleted = privacy.purge(
                db, site, found, common.college(found.body, college), include_reserve=reserve
            )
        except AssemblyError as error:
            _fail(error.message)
        db.commit()
        click.echo(
            _("Deleted: {answers} answers, {applications} applications, {invitees} invited people.").format(
                **deleted
            )
        )
