"""The numbered-balls ceremony's draw: the list of M equally likely panels, then the pick.

See `balls` for the construction of the list and docs/sortition.md for the procedure.
"""

from __future__ import annotations

import msgspec

from parvis.i18n import _

from .balls import format_number, list_bytes, list_seed, uniform_lottery
from .draw import _now, _quotas_dict, compute_distribution
from .leximin import Progress
from .lottery import draw_reserve
from .pool import Pool
from .quotas import Quotas
from .report import DrawRecord, summarise
from .seed import ALGORITHM_VERSION, derive_seed, sha256_hex


def numbered_list(
    pool: Pool,
    quotas: Quotas,
    panels: int,
    *,
    reserve: int = 0,
    progress: Progress | None = None,
    method: str = "auto",
) -> tuple[DrawRecord, list[list[str]]]:
    """Before a numbered-balls ceremony: the LEXIMIN distribution rounded to `panels` equally likely
    panels (see `balls`). Returns the record (no number drawn yet: no public input, no seed, no
    panel) and the numbered list; the record's input ``panels`` is the list file's SHA-256."""
    distribution, stats = compute_distribution(pool, quotas, progress=progress, method=method)
    inputs = {"pool": pool.sha256, "quotas": quotas.sha256, "distribution": distribution.sha256}
    lottery = uniform_lottery(distribution, quotas.panel_size, panels, list_seed(inputs, panels))
    inputs["panels"] = lottery.sha256
    probabilities = distribution.probabilities()
    record = DrawRecord(
        kind="panel",
        algorithm=ALGORITHM_VERSION + "+leximin+balls",
        created=_now(),
        inputs=inputs,
        public_inputs=[],
        seed="",
        quotas=_quotas_dict(quotas),
        spec={"panels": panels, "reserve": reserve},
        distribution=distribution,
        probabilities=probabilities,
        summary=summarise(probabilities),
        stats={**stats, **lottery.stats()},
    )
    return record, lottery.panels


def ball_number(text: str | int, panels: int) -> int:
    """The drawn number, checked: an integer from 0 to ``panels - 1``. Raises `ValueError`."""
    value = str(text).strip()
    if not value.isdigit() or int(value) >= panels:
        raise ValueError(
            _("the drawn number must be a whole number from {first} to {last}, not {value!r}").format(
                first=format_number(0, panels), last=format_number(panels - 1, panels), value=value
            )
        )
    return int(value)


def pick(record: DrawRecord, numbered: list[list[str]], number: int | str, pool: Pool) -> DrawRecord:
    """After the ceremony: panel `number` of the published list sits; the reserve is drawn with the
    seed derived from the published hashes and the drawn number. Raises `ValueError` if a number
    was already drawn, the list is not the published one or the number is out of range."""
    spec = record.spec or {}
    if "panels" not in spec:
        raise ValueError(_("this record is not a numbered-balls draw"))
    if record.public_inputs:
        raise ValueError(
            _("a number was already drawn for this record: {number}").format(number=record.public_inputs[0])
        )
    total = int(spec["panels"])  # type: ignore[call-overload]
    if sha256_hex(list_bytes(numbered)) != record.inputs.get("panels"):
        raise ValueError(_("the list file is not the published one (its SHA-256 differs)"))
    if pool.sha256 != record.inputs.get("pool"):
        raise ValueError(_("the pool file is not the published one (its SHA-256 differs)"))
    chosen = ball_number(number, total)
    public = [format_number(chosen, total)]
    seed = derive_seed(purpose="panel", input_hashes=record.inputs, public_inputs=public)
    panel = sorted(numbered[chosen])
    reserve = draw_reserve(pool.ids, panel, int(spec.get("reserve", 0)), seed)  # type: ignore[call-overload]
    return msgspec.structs.replace(
        record,
        public_inputs=public,
        seed=seed,
        panel=panel,
        reserve=reserve,
        stats={**record.stats, "chosen_panel": chosen},
    )
