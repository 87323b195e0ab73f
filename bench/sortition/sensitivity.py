"""Quota sensitivity benchmark: time of `sensitivity` and its exact figures against the duals.

python bench/sortition/sensitivity.py [small|paris|large]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from instances import generate  # noqa: E402

from parvis.sortition import make_quotas, pool_from_records, sensitivity  # noqa: E402


def main(name: str) -> None:
    instance = generate(name)
    pool = pool_from_records(instance.people)
    quotas = make_quotas(instance.panel_size, instance.quotas)
    started = time.perf_counter()
    found = sensitivity(pool, quotas)
    seconds = time.perf_counter() - started
    print(f"{name}: {len(pool)} people, {instance.panel_size} seats, {len(found.effects)} bounds")
    print(f"minimum {found.minimum:.6f}; {found.recomputed} recomputed; {seconds:.1f} s")
    for effect in found.binding():
        print(
            f"  {effect.feature}={effect.value} {effect.bound} {effect.current}->{effect.new}: "
            f"{effect.minimum:.6f} ({effect.change * 100:+.3f} points; duals say {effect.estimate:.6f})"
        )


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["paris"]:
        main(arg)
