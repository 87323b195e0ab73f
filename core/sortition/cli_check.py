"""``parvis draw pick`` and ``parvis draw verify``: the commands that work on a published record
(complete a numbered-balls draw, check any draw). Registered on the ``draw`` group of `cli`."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from parvis.cli.context import checks_configuration
from parvis.i18n import _

from .balls import read_list
from .ceremony import pick
from .cli import _fail, _list_path, _write_people, draw
from .errors import InputError
from .pool import read_pool
from .report import human_summary, read_record, write_record
from .verify import verify

# Records whose quotas name the pool's columns (a replacement draw publishes the quotas left).
QUOTA_KINDS = ("panel", "replacement")


@draw.command(
    name="pick",
    help=_(
        "Numbered balls, after the ceremony: the panel of the published list with the drawn NUMBER "
        "sits; the record is completed."
    ),
)
@click.argument("record_path", metavar="RECORD", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--ball-number", "number", required=True, help=_("The number drawn in public (e.g. 417)."))
@click.option(
    "--list",
    "list_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("The published numbered list (default: next to the record)."),
)
@click.option(
    "--pool",
    "pool_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("The pool file (default: the canonical pool next to the record)."),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("CSV of the selected people and reserve."),
)
@checks_configuration
def pick_command(
    *, record_path: Path, number: str, list_path: Path | None, pool_path: Path | None, out: Path | None
) -> None:
    try:
        record = read_record(record_path)
    except Exception as error:
        _fail(_("Cannot read the record: {error}").format(error=error))
    list_path = list_path or _list_path(record_path)
    pool_path = pool_path or record_path.with_name(record_path.stem + ".pool.csv")
    if not list_path.exists():
        _fail(_("Give the numbered list with --list."))
    if not pool_path.exists():
        _fail(_("Give the pool file with --pool."))
    quota_table = record.quotas or {}
    rows = cast(list[list[object]], quota_table.get("quotas") or [])
    columns = sorted({str(q[0]) for q in rows})
    if quota_table.get("household_column"):
        columns.append(str(quota_table["household_column"]))
    try:
        pool = read_pool(pool_path, id_column="id", columns=columns)
        numbered = read_list(list_path.read_bytes())
        result = pick(record, numbered, number, pool)
    except InputError as error:
        _fail(error.describe())
    except (ValueError, UnicodeDecodeError) as error:
        _fail(str(error))
    write_record(result, record_path)
    if out:
        _write_people(out, result, {r["id"]: r for r in pool.records()})
    click.echo(human_summary(result))
    click.echo(
        _("Panel number {number} of the list sits; record written to {record}.").format(
            number=result.public_inputs[0], record=record_path
        )
    )


@draw.command(name="verify", help=_("Recompute a draw from its published files and say whether it matches."))
@click.argument("record_path", metavar="RECORD", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pool",
    "pool_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("The pool file."),
)
@click.option(
    "--roll", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=_("The roll (pre-draws).")
)
@click.option("--id-column", default="id", show_default=True, help=_("The pool's id column."))
@click.option(
    "--recompute/--no-recompute", default=True, show_default=True, help=_("Re-run LEXIMIN (panel draws).")
)
@click.option(
    "--list",
    "list_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("Numbered balls: the published numbered list (default: next to the record)."),
)
@click.option("--ball-number", "ball", help=_("Numbered balls: the number you saw drawn."))
@checks_configuration
def verify_command(
    *,
    record_path: Path,
    pool_path: Path | None,
    roll: Path | None,
    id_column: str,
    recompute: bool,
    list_path: Path | None,
    ball: str | None,
) -> None:
    try:
        record = read_record(record_path)
    except Exception as error:
        _fail(_("Cannot read the record: {error}").format(error=error))
    pool = None
    if record.kind != "predraw":
        if pool_path is None:
            default = record_path.with_name(record_path.stem + ".pool.csv")
            pool_path = default if default.exists() else None
        if pool_path is None:
            _fail(_("Give the pool file with --pool."))
        if record.kind in QUOTA_KINDS and record.quotas:
            columns = sorted({q[0] for q in cast("list[list[str]]", record.quotas["quotas"])})
            if record.quotas.get("household_column"):
                columns.append(str(record.quotas["household_column"]))
        else:
            spec_column = (record.spec or {}).get("column")
            columns = [str(spec_column)] if spec_column else []
        try:
            pool = read_pool(pool_path, id_column=id_column, columns=columns)
        except InputError as error:
            _fail(error.describe())
    listing = list_path or _list_path(record_path)
    numbered = listing.read_bytes() if "panels" in (record.spec or {}) and listing.exists() else None
    result = verify(record, pool=pool, roll=roll, recompute=recompute, numbered_list=numbered, ball=ball)
    click.echo(str(result))
    raise SystemExit(0 if result.ok else 1)
