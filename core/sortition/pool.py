"""The pool: who can be drawn, frozen as a canonical, hashable file.

Canonical pool file (what is published and hashed): UTF-8 without BOM, LF line ends, a header
``id`` followed by the other columns sorted by code point, one row per person sorted by ``id``
(code point order), every value stripped and NFC-normalised, a field quoted with ``"`` (inner
quotes doubled) only if it contains a comma, a double quote, CR or LF; a final LF after the last
row. Its SHA-256 (hex) identifies the pool in every draw.

Only columns needed by the draw belong in it (id, features, household): publish pseudonymous ids.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import msgspec

from parvis.i18n import _

from .errors import ProblemCollector
from .seed import normalise_text, sha256_hex


class Pool(msgspec.Struct, frozen=True):
    """People (sorted by id) and their values for `columns` (sorted, the id column excluded)."""

    columns: tuple[str, ...]
    ids: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, name: str) -> list[str]:
        j = self.columns.index(name)
        return [row[j] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        return [
            {"id": pid, **dict(zip(self.columns, row, strict=True))}
            for pid, row in zip(self.ids, self.rows, strict=True)
        ]

    def canonical_bytes(self) -> bytes:
        out = io.StringIO()
        out.write(_csv_line(["id", *self.columns]))
        for pid, row in zip(self.ids, self.rows, strict=True):
            out.write(_csv_line([pid, *row]))
        return out.getvalue().encode("utf-8")

    @property
    def sha256(self) -> str:
        return sha256_hex(self.canonical_bytes())

    def subset(self, ids: Iterable[str]) -> Pool:
        keep = set(ids)
        pairs = [(pid, row) for pid, row in zip(self.ids, self.rows, strict=True) if pid in keep]
        return Pool(self.columns, tuple(p for p, _ in pairs), tuple(r for _, r in pairs))


def _csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv_line(values: Sequence[str]) -> str:
    return ",".join(_csv_field(v) for v in values) + "\n"


def pool_from_records(
    records: Iterable[Mapping[str, object]], *, id_column: str = "id", columns: Sequence[str] | None = None
) -> Pool:
    """Build a pool from mappings (the Python API the plugins use). Raises `InputError` if invalid.

    `columns` selects the columns to keep (default: every key of the first record but the id).
    Records are numbered from 1 in error messages.
    """
    problems = ProblemCollector()
    entries: dict[str, tuple[str, ...]] = {}
    cols: list[str] | None = [normalise_text(c) for c in columns] if columns is not None else None
    for number, record in enumerate(records, start=1):
        if cols is None:
            cols = [normalise_text(str(k)) for k in record if normalise_text(str(k)) != id_column]
        row = {normalise_text(str(k)): v for k, v in record.items()}
        _add_row(entries, problems, number, row, id_column=id_column, cols=cols)
    problems.raise_if_any(_("pool"))
    return _freeze(entries, cols or [])


def _add_row(
    entries: dict[str, tuple[str, ...]],
    problems: ProblemCollector,
    line: int,
    record: Mapping[str, object],
    *,
    id_column: str,
    cols: Sequence[str],
) -> None:
    raw_id = record.get(id_column)
    pid = normalise_text(str(raw_id)) if raw_id is not None else ""
    if not pid:
        problems.add(line, _("empty id"))
        return
    if pid in entries:
        problems.add(line, _("duplicate id {id}").format(id=pid))
        return
    values = []
    for col in cols:
        value = record.get(col)
        if value is None:
            problems.add(line, _("missing column {column}").format(column=col))
            return
        text = normalise_text(str(value))
        if not text:
            problems.add(line, _("empty value in column {column}").format(column=col))
            return
        values.append(text)
    entries[pid] = tuple(values)


def _freeze(entries: Mapping[str, tuple[str, ...]], cols: Sequence[str]) -> Pool:
    order = sorted(range(len(cols)), key=lambda j: cols[j])
    ids = tuple(sorted(entries))
    rows = tuple(tuple(entries[pid][j] for j in order) for pid in ids)
    return Pool(tuple(cols[j] for j in order), ids, rows)


def read_pool(
    source: str | Path | io.TextIOBase, *, id_column: str = "id", columns: Sequence[str] | None = None
) -> Pool:
    """Read a pool CSV (UTF-8, comma-separated, header first). All-or-nothing: raises `InputError`
    with the line number of every malformed row (wrong field count, empty or duplicate id, empty
    value in a kept column)."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8-sig", newline="") as f:
            return _read_pool(f, str(source), id_column, columns)
    return _read_pool(source, _("pool"), id_column, columns)


def _read_pool(f, name: str, id_column: str, columns: Sequence[str] | None) -> Pool:
    reader = csv.reader(f)
    problems = ProblemCollector()
    try:
        header = [normalise_text(h) for h in next(reader)]
    except StopIteration:
        problems.add(1, _("the file is empty"))
        problems.raise_if_any(name)
        raise AssertionError from None
    wanted = list(columns) if columns is not None else [h for h in header if h != id_column]
    for col in [id_column, *wanted]:
        if col not in header:
            problems.add(1, _("no column named {column}").format(column=col))
    if len(set(header)) != len(header):
        problems.add(1, _("duplicate column names"))
    problems.raise_if_any(name)
    entries: dict[str, tuple[str, ...]] = {}
    last = reader.line_num
    for row in reader:
        line = last + 1
        last = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            problems.add(
                line, _("{found} fields instead of {expected}").format(found=len(row), expected=len(header))
            )
            continue
        _add_row(
            entries, problems, line, dict(zip(header, row, strict=True)), id_column=id_column, cols=wanted
        )
    problems.raise_if_any(name)
    return _freeze(entries, wanted)


def write_canonical(pool: Pool, path: str | Path) -> str:
    """Write the canonical pool file; return its SHA-256."""
    data = pool.canonical_bytes()
    Path(path).write_bytes(data)
    return sha256_hex(data)
