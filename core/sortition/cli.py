"""``parvis draw``: pre-draw, panel and lot, for officials (pick and verify: `cli_check`)."""

from __future__ import annotations

import csv
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from parvis.cli.context import checks_configuration, context_of
from parvis.i18n import N_, _

from .balls import DEFAULT_PANELS, MAX_PANELS, LotteryBoundError, format_number, list_bytes
from .ceremony import numbered_list
from .draw import draw_lot, draw_panel, lot_spec
from .errors import InputError
from .model import InfeasibleQuotas
from .pool import read_pool, write_canonical
from .predraw import predraw
from .quotas import read_quotas
from .report import DrawRecord, human_summary, write_record

PUBLIC_INPUT_HELP = N_(
    "A public input announced in advance (e.g. the numbers of a dated public lottery draw); repeatable."
)


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(code)


def _write_people(path: Path, record: DrawRecord, rows: dict[str, dict[str, str]] | None = None) -> None:
    columns = sorted({k for r in (rows or {}).values() for k in r} - {"id"})
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "status", "rank", "probability", *columns])
        for pid in record.panel:
            extra = (rows or {}).get(pid, {})
            w.writerow(
                [
                    pid,
                    "selected",
                    "",
                    f"{record.probabilities.get(pid, 0.0):.9f}",
                    *(extra.get(c, "") for c in columns),
                ]
            )
        for rank, pid in enumerate(record.reserve, start=1):
            extra = (rows or {}).get(pid, {})
            w.writerow(
                [
                    pid,
                    "reserve",
                    rank,
                    f"{record.probabilities.get(pid, 0.0):.9f}",
                    *(extra.get(c, "") for c in columns),
                ]
            )


class _Bar:
    """Adapts a fraction-of-work callback to click's progress bar."""

    def __init__(self, bar, length: int = 1000) -> None:
        self.bar, self.length, self.done = bar, length, 0

    def __call__(self, fraction: float) -> None:
        target = max(0, min(self.length, int(fraction * self.length)))
        if target > self.done:
            self.bar.update(target - self.done)
            self.done = target


def _list_path(record: Path) -> Path:
    """Where the numbered list of a numbered-balls draw lives: next to its record."""
    return record.with_name(record.stem + ".panels.csv")


@click.group(
    name="draw",
    help=_("Verifiable draws by lot: pre-draw, stratified panel, numbered balls, simple lot, verify."),
    invoke_without_command=True,
)
@click.pass_context
def draw(ctx: click.Context) -> None:
    # Each command checks the configuration itself, after its own --help.
    if ctx.invoked_subcommand is None:
        _ = context_of(ctx).config
        click.echo(ctx.get_help())


@draw.command(name="predraw", help=_("Draw COUNT people uniformly from a large roll (CSV), streaming."))
@click.argument("roll", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--count", "-k", type=int, required=True, help=_("How many people to draw."))
@click.option(
    "--public-input", "-p", "public_inputs", multiple=True, required=True, help=_(PUBLIC_INPUT_HELP)
)
@click.option(
    "--id-column", default="id", show_default=True, help=_("The column holding each person's unique id.")
)
@click.option("--require", "required", multiple=True, help=_("A column that must not be empty; repeatable."))
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_("CSV of the drawn rows.")
)
@click.option(
    "--record", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_("JSON draw record.")
)
@checks_configuration
def predraw_command(
    *,
    roll: Path,
    count: int,
    public_inputs: Sequence[str],
    id_column: str,
    required: Sequence[str],
    out: Path,
    record: Path,
) -> None:
    size = os.path.getsize(roll)
    try:
        with click.progressbar(length=size, label=_("Reading the roll"), file=sys.stderr) as bar:
            seen = [0]

            def progress(position: int) -> None:
                bar.update(max(0, position - seen[0]))
                seen[0] = position

            result = predraw(
                roll, count, public_inputs, id_column=id_column, required=required, out=out, progress=progress
            )
    except InputError as error:
        _fail(error.describe())
    except ValueError as error:
        _fail(str(error))
    write_record(result, record)
    click.echo(
        _("{count} of {rows} rows drawn; roll SHA-256 {digest}; seed {seed}.").format(
            count=len(result.panel), rows=result.stats["rows"], digest=result.inputs["roll"], seed=result.seed
        )
    )
    click.echo(_("Rows written to {out}, record to {record}.").format(out=out, record=record))


@draw.command(name="panel", help=_("Stratified panel by LEXIMIN from POOL (CSV) and QUOTAS (TOML or CSV)."))
@click.argument("pool_path", metavar="POOL", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("quotas_path", metavar="QUOTAS", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--public-input",
    "-p",
    "public_inputs",
    multiple=True,
    help=_(PUBLIC_INPUT_HELP),
)
@click.option(
    "--panels",
    type=click.IntRange(1, MAX_PANELS),
    help=_(
        "Numbered balls: publish a list of this many equally likely panels (e.g. {default}, numbered "
        "000-999) instead of drawing now; the number drawn in public is then given to 'parvis draw pick'."
    ).format(default=DEFAULT_PANELS),
)
@click.option("--seats", type=int, help=_("Panel size (required for CSV quotas; overrides TOML)."))
@click.option("--household-column", help=_("At most one person per value of this column."))
@click.option(
    "--id-column", default="id", show_default=True, help=_("The column holding each person's unique id.")
)
@click.option("--reserve", type=int, default=0, show_default=True, help=_("Size of the ranked reserve list."))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("CSV of the selected people and reserve."),
)
@click.option(
    "--record", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_("JSON draw record.")
)
@click.option(
    "--canonical-pool",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Where to write the canonical pool file to publish (default: next to the record)."),
)
@checks_configuration
def panel_command(
    *,
    pool_path: Path,
    quotas_path: Path,
    public_inputs: Sequence[str],
    seats: int | None,
    household_column: str | None,
    id_column: str,
    reserve: int,
    out: Path | None,
    record: Path,
    canonical_pool: Path | None,
    panels: int | None,
) -> None:
    if panels is None and not public_inputs:
        _fail(_("Give at least one --public-input (or --panels for a numbered-balls ceremony)."))
    if panels is not None and public_inputs:
        _fail(_("With --panels the drawn number is the public input: give it to 'parvis draw pick'."))
    try:
        quotas = read_quotas(quotas_path, panel_size=seats, household_column=household_column)
        columns = [*quotas.features, *([quotas.household_column] if quotas.household_column else [])]
        pool = read_pool(pool_path, id_column=id_column, columns=columns)
    except InputError as error:
        _fail(error.describe())
    click.echo(
        _("Pool: {n} people, SHA-256 {digest}. Quotas SHA-256 {quotas}.").format(
            n=len(pool), digest=pool.sha256, quotas=quotas.sha256
        )
    )
    try:
        with click.progressbar(
            length=1000, label=_("Computing the LEXIMIN distribution"), file=sys.stderr
        ) as bar:
            numbered: list[list[str]] = []
            if panels is not None:
                result, numbered = numbered_list(pool, quotas, panels, reserve=reserve, progress=_Bar(bar))
            else:
                result = draw_panel(pool, quotas, public_inputs, reserve=reserve, progress=_Bar(bar))
    except InputError as error:
        _fail(error.describe())
    except InfeasibleQuotas as error:
        _fail(str(error.infeasibility), code=3)
    except LotteryBoundError as error:  # pragma: no cover - never seen (1-2 balls in practice)
        _fail(str(error))
    canonical = canonical_pool or record.with_name(record.stem + ".pool.csv")
    if panels is not None:
        listing = _list_path(record)
        listing.write_bytes(list_bytes(numbered))
        write_canonical(pool, canonical)
        write_record(result, record)
        click.echo(human_summary(result))
        click.echo(
            _(
                "Numbered list of {panels} panels ({first}-{last}) written to {path}.\n"
                "Publish it with its SHA-256 before the ceremony: {digest}\n"
                "Largest change of a selection probability from LEXIMIN: {gap:.6f} (bound k/M = {bound:.6f})."
            ).format(
                panels=panels,
                first=format_number(0, panels),
                last=format_number(panels - 1, panels),
                path=listing,
                digest=result.inputs["panels"],
                gap=result.stats["largest_deviation"],
                bound=result.stats["deviation_bound"],
            )
        )
        click.echo(_("After the draw: parvis draw pick {record} --ball-number NUMBER").format(record=record))
        return
    write_canonical(pool, canonical)
    write_record(result, record)
    if out:
        _write_people(out, result, {r["id"]: r for r in pool.records()})
    click.echo(human_summary(result))
    click.echo(
        _("Canonical pool written to {path}; record to {record}.").format(path=canonical, record=record)
    )


def _parse_groups(values: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in values:
        name, sep, number = item.rpartition("=")
        if not sep or not number.strip().isdigit():
            _fail(_("--group expects VALUE=SEATS, got {item!r}").format(item=item))
        out[name.strip()] = int(number)
    return out


def _read_shares(path: Path) -> dict[str, int]:
    if path.suffix.lower() == ".toml":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = data.get("shares", data)
        return {str(k): int(v) for k, v in table.items()}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["group"].strip(): int(row["share"]) for row in csv.DictReader(f)}


@draw.command(
    name="lot",
    help=_("Simple lot from POOL (CSV): uniform, fixed seats per group, or proportional by group."),
)
@click.argument("pool_path", metavar="POOL", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--public-input", "-p", "public_inputs", multiple=True, required=True, help=_(PUBLIC_INPUT_HELP)
)
@click.option("--seats", type=int, help=_("Number of seats (uniform or proportional lot)."))
@click.option("--by", "column", help=_("Group column (e.g. gender, nationality)."))
@click.option(
    "--group", "groups", multiple=True, help=_("VALUE=SEATS for a group (e.g. female=50); repeatable.")
)
@click.option(
    "--shares",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_(
        "Proportional lot: integer share per group (CSV group,share or TOML); default: applicants per group."
    ),
)
@click.option(
    "--reserve", type=int, default=0, show_default=True, help=_("Reserve size (per group for group lots).")
)
@click.option(
    "--id-column", default="id", show_default=True, help=_("The column holding each person's unique id.")
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help=_("CSV of the winners and reserve.")
)
@click.option(
    "--record", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_("JSON draw record.")
)
@click.option(
    "--canonical-pool",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Canonical pool file to write."),
)
@checks_configuration
def lot_command(
    *,
    pool_path: Path,
    public_inputs: Sequence[str],
    seats: int | None,
    column: str | None,
    groups: Sequence[str],
    shares: Path | None,
    reserve: int,
    id_column: str,
    out: Path | None,
    record: Path,
    canonical_pool: Path | None,
) -> None:
    try:
        spec = lot_spec(
            seats=seats,
            column=column,
            group_seats=_parse_groups(groups) if groups else None,
            shares=_read_shares(shares) if shares else None,
            reserve=reserve,
        )
        pool = read_pool(pool_path, id_column=id_column, columns=[column] if column else [])
        result = draw_lot(pool, spec, public_inputs)
    except InputError as error:
        _fail(error.describe())
    except ValueError as error:
        _fail(str(error))
    canonical = canonical_pool or record.with_name(record.stem + ".pool.csv")
    write_canonical(pool, canonical)
    write_record(result, record)
    if out:
        _write_people(out, result, {r["id"]: r for r in pool.records()})
    click.echo(human_summary(result))
    if "apportionment" in result.stats:
        click.echo(_("  seats per group: {seats}").format(seats=result.stats["apportionment"]))


# The commands on a published record (pick, verify) join the group when it is imported.
from . import cli_check  # noqa: E402, F401
