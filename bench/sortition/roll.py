"""A fictitious electoral roll of any size (default 1.3 million rows), written as CSV."""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

FIRST = [
    "Camille",
    "Louise",
    "Jules",
    "Léa",
    "Hugo",
    "Chloé",
    "Nathan",
    "Inès",
    "Adam",
    "Zoé",
    "Malik",
    "Yasmine",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Nguyen",
    "Diallo",
]
STREETS = [
    "rue de la Roquette",
    "boulevard Voltaire",
    "rue Oberkampf",
    "avenue de Flandre",
    "rue de Belleville",
]


def write_roll(path: Path, rows: int = 1_300_000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "last_name", "first_name", "birth_date", "address", "district"])
        for i in range(rows):
            w.writerow(
                [
                    f"E{i + 1:08d}",
                    rng.choice(LAST),
                    rng.choice(FIRST),
                    f"{rng.randint(1930, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
                    f"{rng.randint(1, 20)}",
                ]
            )
    return path


if __name__ == "__main__":
    write_roll(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_300_000)
