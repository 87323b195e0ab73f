"""Seeded generator of Paris-like sortition instances (fictitious people only).

A respondent pool is drawn from Paris's population shares (people aged 16+) and then skewed the
way volunteer pools are: older and more educated people answer more often, residents of
working-class neighbourhoods (Qpop) less often. Quotas are the population shares of the panel
size, plus or minus 10 %: ``min = floor(0.9 * share * k)``, ``max = ceil(1.1 * share * k)``.

Instances: ``small`` (748 respondents, 80 seats: Paris's real 2023 pool), ``paris`` (1,500 / 80)
and ``large`` (5,000 / 150).
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Population shares (approximate, Paris residents aged 16+) and volunteer response propensities.
GENDER = {"female": (0.53, 1.05), "male": (0.47, 1.0)}
AGE = {
    "16-24": (0.13, 0.55),
    "25-34": (0.20, 0.7),
    "35-44": (0.16, 0.85),
    "45-54": (0.15, 1.0),
    "55-64": (0.14, 1.3),
    "65+": (0.22, 1.45),
}
EDUCATION = {
    "none": (0.18, 0.45),
    "vocational": (0.10, 0.6),
    "baccalaureate": (0.14, 0.9),
    "short-higher": (0.11, 1.1),
    "long-higher": (0.47, 1.35),
}
# Paris Centre (1st-4th) and the 5th-20th arrondissements, weighted by population (thousands).
DISTRICT_POPULATION = {
    "centre": 99,
    "05": 57,
    "06": 41,
    "07": 48,
    "08": 35,
    "09": 60,
    "10": 84,
    "11": 144,
    "12": 139,
    "13": 178,
    "14": 134,
    "15": 228,
    "16": 163,
    "17": 164,
    "18": 191,
    "19": 183,
    "20": 192,
}
# Share of each district's residents living in a working-class neighbourhood (Qpop).
QPOP_SHARE = {"10": 0.12, "11": 0.10, "13": 0.22, "14": 0.12, "17": 0.12, "18": 0.38, "19": 0.42, "20": 0.37}
QPOP_PROPENSITY = 0.6

FEATURES = ("gender", "age", "education", "district", "qpop")


@dataclass(frozen=True)
class Instance:
    name: str
    people: list[dict[str, str]]  # each with "id" and one value per feature
    quotas: dict[str, dict[str, tuple[int, int]]]  # feature -> value -> (min, max)
    panel_size: int
    seed: int


SIZES = {"small": (748, 80), "paris": (1500, 80), "large": (5000, 150)}


def _shares() -> dict[str, dict[str, float]]:
    total = sum(DISTRICT_POPULATION.values())
    district = {d: p / total for d, p in DISTRICT_POPULATION.items()}
    qpop_yes = sum(district[d] * QPOP_SHARE.get(d, 0.0) for d in district)
    return {
        "gender": {v: s for v, (s, _) in GENDER.items()},
        "age": {v: s for v, (s, _) in AGE.items()},
        "education": {v: s for v, (s, _) in EDUCATION.items()},
        "district": district,
        "qpop": {"yes": qpop_yes, "no": 1 - qpop_yes},
    }


def _pick(rng: np.random.Generator, table: dict[str, float]) -> str:
    keys = list(table)
    p = np.array([table[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def generate(
    name: str = "paris", pool_size: int | None = None, panel_size: int | None = None, seed: int = 2023
):
    """Return an `Instance`; `name` picks default sizes from `SIZES`."""
    default_pool, default_k = SIZES.get(name, SIZES["paris"])
    n = pool_size or default_pool
    k = panel_size or default_k
    rng = np.random.default_rng(seed)
    shares = _shares()
    total = sum(DISTRICT_POPULATION.values())
    district_share = {d: p / total for d, p in DISTRICT_POPULATION.items()}
    max_propensity = max(g for _, g in GENDER.values()) * max(a for _, a in AGE.values())
    max_propensity *= max(e for _, e in EDUCATION.values())
    people: list[dict[str, str]] = []
    while len(people) < n:
        gender = _pick(rng, {v: s for v, (s, _) in GENDER.items()})
        age = _pick(rng, {v: s for v, (s, _) in AGE.items()})
        district = _pick(rng, district_share)
        qpop = "yes" if rng.random() < QPOP_SHARE.get(district, 0.0) else "no"
        # Education is lower in working-class neighbourhoods.
        edu_table = {
            v: s * (2.0 if qpop == "yes" and v in ("none", "vocational") else 1.0)
            for v, (s, _) in EDUCATION.items()
        }
        if qpop == "yes":
            edu_table["long-higher"] *= 0.5
        education = _pick(rng, edu_table)
        propensity = GENDER[gender][1] * AGE[age][1] * EDUCATION[education][1]
        propensity *= QPOP_PROPENSITY if qpop == "yes" else 1.0
        if rng.random() * max_propensity < propensity:
            people.append(
                {
                    "id": f"P{len(people) + 1:05d}",
                    "gender": gender,
                    "age": age,
                    "education": education,
                    "district": district,
                    "qpop": qpop,
                }
            )
    quotas: dict[str, dict[str, tuple[int, int]]] = {}
    for feature in FEATURES:
        quotas[feature] = {}
        for value, share in shares[feature].items():
            expected = share * k
            quotas[feature][value] = (math.floor(0.9 * expected), math.ceil(1.1 * expected))
    return Instance(name=name, people=people, quotas=quotas, panel_size=k, seed=seed)


def with_households(instance: Instance, share: float, seed: int = 1) -> list[dict[str, str]]:
    """The instance's people with a ``home`` column: a `share` of them live in two-person households."""
    rng = np.random.default_rng(seed)
    people = [{**p, "home": f"H{i:05d}"} for i, p in enumerate(instance.people)]
    chosen = rng.permutation(len(people))[: int(len(people) * share)]
    for a, b in zip(chosen[0::2], chosen[1::2], strict=False):
        people[int(b)]["home"] = people[int(a)]["home"]
    return people


def write(instance: Instance, folder: Path) -> tuple[Path, Path]:
    """Write ``pool.csv`` and ``quotas.csv`` (feature,value,min,max) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = folder / "pool.csv"
    with pool.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", *FEATURES], lineterminator="\n")
        w.writeheader()
        w.writerows(instance.people)
    quotas = folder / "quotas.csv"
    with quotas.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["feature", "value", "min", "max"])
        for feature, values in instance.quotas.items():
            for value, (lo, hi) in values.items():
                w.writerow([feature, value, lo, hi])
    return pool, quotas


if __name__ == "__main__":
    import sys

    inst = generate(sys.argv[1] if len(sys.argv) > 1 else "paris")
    counts: dict[str, dict[str, int]] = {f: {} for f in FEATURES}
    for p in inst.people:
        for f in FEATURES:
            counts[f][p[f]] = counts[f].get(p[f], 0) + 1
    for f in FEATURES:
        for v, (lo, hi) in inst.quotas[f].items():
            print(f"{f:10} {v:14} pool {counts[f].get(v, 0):5}  quota [{lo}, {hi}]")
    types = {tuple(p[f] for f in FEATURES) for p in inst.people}
    print("people", len(inst.people), "types", len(types), "seats", inst.panel_size)
