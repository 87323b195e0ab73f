"""Quotas: the panel size, min/max seats per feature value, and the optional household rule.

Files:

* TOML::

      panel_size = 80
      household_column = "address"   # optional: at most one person per value of this column
      [quotas.gender]
      female = { min = 38, max = 47 }
      male = [33, 42]                # [min, max] is accepted too

* CSV with the header ``feature,value,min,max`` (panel size given separately).

Canonical form (hashed and published): ``canonical_json`` (see `seed`) of
``{"household_column": <str or null>, "panel_size": <int>, "quotas": [[feature, value, min, max], ...]}``
with the quota rows sorted by feature then value.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import msgspec

from parvis.i18n import _

from .errors import ProblemCollector
from .seed import canonical_json, normalise_text, sha256_hex


class Quota(msgspec.Struct, frozen=True):
    feature: str
    value: str
    min: int
    max: int


class Quotas(msgspec.Struct, frozen=True):
    panel_size: int
    quotas: tuple[Quota, ...]
    household_column: str | None = None

    @property
    def features(self) -> list[str]:
        return sorted({q.feature for q in self.quotas})

    def values(self, feature: str) -> list[str]:
        return [q.value for q in self.quotas if q.feature == feature]

    def get(self, feature: str, value: str) -> Quota | None:
        for q in self.quotas:
            if q.feature == feature and q.value == value:
                return q
        return None

    def canonical_bytes(self) -> bytes:
        return canonical_json(
            {
                "household_column": self.household_column,
                "panel_size": self.panel_size,
                "quotas": [[q.feature, q.value, q.min, q.max] for q in self.quotas],
            }
        )

    @property
    def sha256(self) -> str:
        return sha256_hex(self.canonical_bytes())


def make_quotas(
    panel_size: int,
    quotas: Mapping[str, Mapping[str, tuple[int, int] | list[int] | Mapping[str, int]]]
    | Iterable[Quota | tuple[str, str, int, int]],
    *,
    household_column: str | None = None,
    source: str = "quotas",
) -> Quotas:
    """Build and validate quotas from a nested mapping ``{feature: {value: (min, max)}}`` or rows."""
    problems = ProblemCollector()
    rows: list[tuple[int, str, str, object, object]] = []
    if isinstance(quotas, Mapping):
        for feature, values in quotas.items():
            if not isinstance(values, Mapping):
                problems.add(0, _("feature {feature}: expected a table of values").format(feature=feature))
                continue
            for value, bounds in values.items():
                lo, hi = _bounds(bounds)
                rows.append((0, str(feature), str(value), lo, hi))
    else:
        for q in quotas:
            if isinstance(q, Quota):
                rows.append((0, q.feature, q.value, q.min, q.max))
            else:
                rows.append((0, str(q[0]), str(q[1]), q[2], q[3]))
    return _build(panel_size, rows, household_column, problems, source)


def _bounds(bounds: object) -> tuple[object, object]:
    if isinstance(bounds, Mapping):
        return bounds.get("min"), bounds.get("max")
    if isinstance(bounds, (list, tuple)) and len(bounds) == 2:
        return bounds[0], bounds[1]
    return None, None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def _build(
    panel_size: object,
    rows: list[tuple[int, str, str, object, object]],
    household_column: str | None,
    problems: ProblemCollector,
    source: str,
) -> Quotas:
    size = _as_int(panel_size)
    if size is None or size <= 0:
        problems.add(
            0, _("the panel size must be a positive integer, not {value!r}").format(value=panel_size)
        )
    seen: set[tuple[str, str]] = set()
    out: list[Quota] = []
    for line, feature, value, lo_raw, hi_raw in rows:
        feature, value = normalise_text(feature), normalise_text(value)
        lo, hi = _as_int(lo_raw), _as_int(hi_raw)
        if not feature or not value:
            problems.add(line, _("empty feature or value name"))
        elif lo is None or hi is None:
            problems.add(
                line,
                _("{feature} = {value}: min and max must be integers").format(feature=feature, value=value),
            )
        elif lo < 0 or lo > hi:
            problems.add(
                line,
                _("{feature} = {value}: need 0 <= min <= max, got min {min} and max {max}").format(
                    feature=feature, value=value, min=lo, max=hi
                ),
            )
        elif (feature, value) in seen:
            problems.add(line, _("{feature} = {value} is listed twice").format(feature=feature, value=value))
        else:
            seen.add((feature, value))
            out.append(Quota(feature, value, lo, hi))
    if household_column is not None and not normalise_text(household_column):
        household_column = None
    problems.raise_if_any(source)
    out.sort(key=lambda q: (q.feature, q.value))
    return Quotas(
        panel_size=int(size or 0),
        quotas=tuple(out),
        household_column=normalise_text(household_column) if household_column else None,
    )


def read_quotas(
    path: str | Path, *, panel_size: int | None = None, household_column: str | None = None
) -> Quotas:
    """Read quotas from a ``.toml`` file or a ``feature,value,min,max`` CSV file.

    `panel_size` and `household_column` override (or, for CSV, supply) the file's values.
    """
    path = Path(path)
    problems = ProblemCollector()
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            problems.add(0, _("invalid TOML: {error}").format(error=error))
            problems.raise_if_any(str(path))
            raise AssertionError from error
        size = panel_size if panel_size is not None else data.get("panel_size")
        household = household_column if household_column is not None else data.get("household_column")
        rows: list[tuple[int, str, str, object, object]] = []
        table = data.get("quotas", {})
        if not isinstance(table, Mapping):
            problems.add(0, _("[quotas] must be a table of features"))
            table = {}
        for feature, values in table.items():
            if not isinstance(values, Mapping):
                problems.add(0, _("feature {feature}: expected a table of values").format(feature=feature))
                continue
            for value, bounds in values.items():
                lo, hi = _bounds(bounds)
                rows.append((0, str(feature), str(value), lo, hi))
        return _build(size, rows, household, problems, str(path))
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [normalise_text(h).lower() for h in next(reader, [])]
        needed = ["feature", "value", "min", "max"]
        missing = [h for h in needed if h not in header]
        if missing:
            problems.add(1, _("missing columns: {columns}").format(columns=", ".join(missing)))
            problems.raise_if_any(str(path))
        index = [header.index(h) for h in needed]
        rows = []
        last = reader.line_num
        for row in reader:
            line, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.add(
                    line,
                    _("{found} fields instead of {expected}").format(found=len(row), expected=len(header)),
                )
                continue
            feature, value, lo, hi = (row[i] for i in index)
            rows.append((line, feature, value, lo, hi))
    if panel_size is None:
        problems.add(0, _("a CSV quota file needs the panel size to be given"))
    return _build(panel_size, rows, household_column, problems, str(path))


def quotas_from_canonical(data: bytes) -> Quotas:
    obj = msgspec.json.decode(data)
    return make_quotas(
        obj["panel_size"], [tuple(r) for r in obj["quotas"]], household_column=obj.get("household_column")
    )
