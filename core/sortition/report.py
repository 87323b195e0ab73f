"""The published draw record (JSON) and its human summary."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from pathlib import Path

import msgspec

from parvis.i18n import _

from .seed import canonical_json, sha256_hex

RECORD_FORMAT = "parvis-draw/1"


class Summary(msgspec.Struct, frozen=True):
    people: int
    minimum: float
    median: float
    maximum: float


class Distribution(msgspec.Struct, frozen=True):
    """A lottery over panels. Panel ``j`` seats ``count`` members of type ``t`` for each ``[t, count]``
    in ``panels[j]``; it is chosen with probability ``weights[j] / denominator``."""

    types: list[list[str]]
    panels: list[list[list[int]]]
    weights: list[int]
    denominator: int

    def canonical_bytes(self) -> bytes:
        return canonical_json(
            {
                "denominator": self.denominator,
                "panels": self.panels,
                "types": self.types,
                "weights": self.weights,
            }
        )

    @property
    def sha256(self) -> str:
        return sha256_hex(self.canonical_bytes())

    def panel_maps(self) -> list[dict[int, int]]:
        return [{int(t): int(c) for t, c in p} for p in self.panels]

    def probabilities(self) -> dict[str, float]:
        """Each person's selection probability under this (published) distribution."""
        seats = [0] * len(self.types)
        for panel, w in zip(self.panels, self.weights, strict=True):
            for t, c in panel:
                seats[t] += w * c
        out: dict[str, float] = {}
        for t, members in enumerate(self.types):
            p = seats[t] / (self.denominator * len(members))
            for pid in members:
                out[pid] = p
        return dict(sorted(out.items()))


class DrawRecord(msgspec.Struct, kw_only=True):
    """Everything needed to audit a draw. ``kind`` is ``panel``, ``lot`` or ``predraw``."""

    format: str = RECORD_FORMAT
    kind: str
    algorithm: str
    created: str
    inputs: dict[str, str]  # name -> SHA-256 of the frozen input (pool, quotas, spec, roll, distribution)
    public_inputs: list[str]
    seed: str
    quotas: dict[str, object] | None = None  # the quotas, as hashed (panel draws)
    spec: dict[str, object] | None = None  # the lot or pre-draw specification, as hashed
    distribution: Distribution | None = None
    probabilities: dict[str, float] = {}
    summary: Summary | None = None
    panel: list[str] = []
    reserve: list[str] = []
    stats: dict[str, object] = {}


def summarise(probabilities: Mapping[str, float]) -> Summary:
    values = sorted(probabilities.values())
    if not values:
        return Summary(0, 0.0, 0.0, 0.0)
    return Summary(len(values), values[0], float(statistics.median(values)), values[-1])


def write_record(record: DrawRecord, path: str | Path) -> None:
    Path(path).write_bytes(msgspec.json.format(msgspec.json.encode(record), indent=1) + b"\n")


def read_record(path: str | Path) -> DrawRecord:
    return msgspec.json.decode(Path(path).read_bytes(), type=DrawRecord)


def human_summary(record: DrawRecord) -> str:
    lines = [
        _("Draw: {kind} ({algorithm})").format(kind=record.kind, algorithm=record.algorithm),
    ]
    for name, digest in sorted(record.inputs.items()):
        lines.append(_("  {name} SHA-256: {digest}").format(name=name, digest=digest))
    balls = "panels" in (record.spec or {})
    if balls and not record.public_inputs:
        lines.append(_("  numbered balls: no number drawn yet"))
    elif balls:
        lines.append(_("  drawn number: {number}").format(number=record.public_inputs[0]))
    else:
        lines.append(_("  public inputs: {inputs}").format(inputs=" | ".join(record.public_inputs) or "-"))
    if record.seed:
        lines.append(_("  seed: {seed}").format(seed=record.seed))
    if record.summary:
        s = record.summary
        lines.append(
            _(
                "  selection probability over {n} people: min {min:.4%}, median {median:.4%}, max {max:.4%}"
            ).format(n=s.people, min=s.minimum, median=s.median, max=s.maximum)
        )
    if record.distribution is not None:
        lines.append(
            _("  distribution: {panels} panels, SHA-256 {digest}").format(
                panels=len(record.distribution.panels), digest=record.inputs.get("distribution", "")
            )
        )
    if record.panel or not balls:
        lines.append(_("  selected ({n}): {ids}").format(n=len(record.panel), ids=", ".join(record.panel)))
    if record.reserve:
        lines.append(
            _("  reserve ({n}, in order): {ids}").format(n=len(record.reserve), ids=", ".join(record.reserve))
        )
    return "\n".join(lines)
