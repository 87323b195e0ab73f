"""Pre-draw: ``k`` people uniformly at random, without replacement, from a large roll (CSV).

Streaming, in two passes over the file, holding neither the file nor its rows in memory:

1. Hash the file's bytes (SHA-256) and validate every row (field count, non-empty id, required
   columns non-empty, unique ids: ids are kept only as 64-bit hashes, and a rare hash match is
   confirmed on the exact ids by an extra pass). Any problem: `InputError` with line numbers,
   nothing is selected.
2. The seed comes from the roll's hash, the specification (count, id column, required columns)
   and the public inputs; ``Stream(seed, "predraw").sample(N, k)`` gives the data-row indices
   (0-based, in file order, blank lines ignored). A second pass copies those rows out.
"""

from __future__ import annotations

import csv
import hashlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from parvis.i18n import _

from .errors import ProblemCollector
from .report import DrawRecord
from .seed import ALGORITHM_VERSION, Stream, canonical_json, derive_seed, normalise_text, sha256_hex

CHUNK = 1 << 20


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def predraw_spec(count: int, id_column: str = "id", required: Sequence[str] = ()) -> dict[str, object]:
    return {"count": count, "id_column": id_column, "required": sorted(required)}


def _open(path: str | Path):
    return open(path, encoding="utf-8-sig", newline="")


def scan_roll(
    path: str | Path,
    *,
    id_column: str = "id",
    required: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
) -> int:
    """Validate the roll; return its number of data rows. Raises `InputError` listing bad lines.

    `scan_roll.simple` is set to whether data row ``i`` is exactly physical line ``i + 2`` (no
    blank line, no quoted line break), which lets the second pass skip CSV parsing.
    """
    problems = ProblemCollector()
    name = str(path)
    with _open(path) as f:
        reader = csv.reader(f)
        header = [normalise_text(h) for h in next(reader, [])]
        if not header:
            problems.add(1, _("the file is empty"))
            problems.raise_if_any(name)
        for col in [id_column, *required]:
            if col not in header:
                problems.add(1, _("no column named {column}").format(column=col))
        problems.raise_if_any(name)
        width = len(header)
        id_at = header.index(id_column)
        req_at = [header.index(c) for c in required]
        hashes = array("q")
        push = hashes.append
        last = 1
        rows = 0
        simple = True
        for row in reader:
            line = last + 1
            last = reader.line_num
            if not row or last != line:
                simple = False
                if not row:
                    continue
            rows += 1
            if len(row) != width:
                problems.add(
                    line, _("{found} fields instead of {expected}").format(found=len(row), expected=width)
                )
                continue
            pid = row[id_at].strip()
            if not pid:
                problems.add(line, _("empty id"))
                continue
            for j in req_at:
                if not row[j].strip():
                    problems.add(line, _("empty value in column {column}").format(column=header[j]))
            push(hash(pid))
            if progress and not rows & 0xFFFF:
                progress(f.buffer.tell())
    keys = np.sort(np.frombuffer(hashes, dtype=np.int64))
    clashes = keys[1:][keys[1:] == keys[:-1]]
    if len(clashes):
        _report_duplicates(path, id_column, set(clashes.tolist()), problems)
    problems.problems.sort(key=lambda p: p.line)
    problems.raise_if_any(name)
    scan_roll.simple = simple  # type: ignore[attr-defined]
    return rows


def _report_duplicates(
    path: str | Path, id_column: str, suspects: set[int], problems: ProblemCollector
) -> None:
    first: dict[str, int] = {}
    with _open(path) as f:
        reader = csv.reader(f)
        header = [normalise_text(h) for h in next(reader)]
        id_at = header.index(id_column)
        last = 1
        for row in reader:
            line, last = last + 1, reader.line_num
            if len(row) <= id_at:
                continue
            pid = row[id_at].strip()
            if hash(pid) in suspects:
                if pid in first:
                    problems.add(
                        line, _("duplicate id {id} (first on line {first})").format(id=pid, first=first[pid])
                    )
                else:
                    first[pid] = line


def select_rows(
    path: str | Path, indices: Sequence[int], *, simple: bool = False
) -> tuple[list[str], list[list[str]]]:
    """(header, the data rows at `indices`, in file order). With `simple` (one row per line),
    only the selected lines are parsed."""
    wanted = set(indices)
    out: list[list[str]] = []
    if simple:
        with _open(path) as f:
            header = next(csv.reader([next(f)]))
            picked = [line for i, line in enumerate(f) if i in wanted]
        return header, list(csv.reader(picked))
    with _open(path) as f:
        reader = csv.reader(f)
        header = next(reader)
        i = -1
        for row in reader:
            if not row:
                continue
            i += 1
            if i in wanted:
                out.append(row)
    return header, out


def predraw(
    roll: str | Path,
    count: int,
    public_inputs: Sequence[str],
    *,
    id_column: str = "id",
    required: Sequence[str] = (),
    out: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> DrawRecord:
    """Validate the roll, draw `count` rows and, if `out` is given, write them there as CSV.

    The record lists the selected ids in file order (`panel`) and in draw order (`stats["order"]`).
    """
    import datetime as dt

    digest = file_sha256(roll)
    rows = scan_roll(roll, id_column=id_column, required=required, progress=progress)
    if count > rows:
        raise ValueError(_("{count} to draw but the roll has {rows} rows").format(count=count, rows=rows))
    spec = predraw_spec(count, id_column, required)
    inputs = {"roll": digest, "spec": sha256_hex(canonical_json(spec))}
    seed = derive_seed(purpose="predraw", input_hashes=inputs, public_inputs=public_inputs)
    order = Stream(seed, "predraw").sample(rows, count)
    header, selected = select_rows(roll, sorted(order), simple=getattr(scan_roll, "simple", False))
    id_at = [normalise_text(h) for h in header].index(id_column)
    ids_in_file_order = [r[id_at].strip() for r in selected]
    position = {idx: k for k, idx in enumerate(sorted(order))}
    if out is not None:
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(selected)
    return DrawRecord(
        kind="predraw",
        algorithm=ALGORITHM_VERSION,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        inputs=inputs,
        public_inputs=list(public_inputs),
        seed=seed,
        spec=spec,
        panel=ids_in_file_order,
        stats={"rows": rows, "order": [ids_in_file_order[position[i]] for i in order]},
    )


def verify_predraw(record: DrawRecord, roll: str | Path, v):
    """Add the pre-draw checks to Verification `v` and return it."""
    digest = file_sha256(roll)
    v.add(_("roll SHA-256"), digest == record.inputs.get("roll"), digest)
    spec = record.spec or {}
    v.add(_("specification SHA-256"), sha256_hex(canonical_json(spec)) == record.inputs.get("spec"))
    try:
        again = predraw(
            roll,
            int(spec["count"]),  # type: ignore[call-overload]
            record.public_inputs,
            id_column=str(spec["id_column"]),
            required=list(spec.get("required") or []),  # type: ignore[call-overload]
        )
    except Exception as error:
        v.add(_("pre-draw re-run"), False, str(error))
        return v
    v.add(_("seed"), again.seed == record.seed, again.seed)
    v.add(_("selected people"), again.panel == record.panel)
    return v
