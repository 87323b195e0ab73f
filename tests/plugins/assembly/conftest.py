"""Fixtures for the Citizens' Assembly tests: a promotion, a fictitious roll, answered letters."""

from __future__ import annotations

import csv
import os
import random
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from parvis import i18n
from parvis.auth import load_actor
from parvis.plugins.assembly.services import common, imports, letters, promotions, questionnaire
from parvis.plugins.assembly.settings import ROLL, YOUNG

PRIVATE = (
    Path(tempfile.gettempdir()) / f"parvis-assembly-tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
SETTINGS = {"assembly": {"private_dir": str(PRIVATE)}}


@pytest.fixture
def site(make_site):
    """Only this plugin (and core), with uploaded lists kept in a temporary folder; active for the
    test (its words), like core's ``site`` fixture."""
    with make_site(["assembly"], settings=SETTINGS).activate() as active:
        yield active


@pytest.fixture(autouse=True)
def english(site):
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)


@pytest.fixture
def official(db, make_account):
    account = make_account("official", email="official@example.org")
    return load_actor(db, account)


@pytest.fixture
def make_promotion(db, site, official) -> Callable[..., Any]:
    def factory(label: str = "2030-31", *, starts_in: int = -30, days: int = 300, **seats: int) -> Any:
        today = site.today()
        promotion = promotions.open_promotion(
            db,
            site,
            official,
            label=label,
            starts_on=today + timedelta(days=starts_in),
            ends_on=today + timedelta(days=starts_in + days),
            seats=seats or None,
        )
        db.commit()
        return promotion

    return factory


@pytest.fixture
def promotion(make_promotion):
    return make_promotion(roll=20, non_eu=4, young=2)


def write_roll(path: Path, rows: int, *, seed: int = 1, start: int = 0, on: date | None = None) -> Path:
    """A fictitious roll: ids, names, birth dates (adults), addresses with Paris postcodes."""
    rng = random.Random(seed)
    on = on or date(2026, 1, 1)  # people only grow older: adults on this date stay adults
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "family_name", "given_name", "birth_date", "address", "postcode", "city"])
        for number in range(start, start + rows):
            arrondissement = rng.randint(1, 20)
            writer.writerow(
                [
                    f"E{number:07d}",
                    rng.choice(["Martin", "Diallo", "Nguyen", "Moreau", "Haddad"]),
                    rng.choice(["Léa", "Karim", "Mei", "Lucas", "Inès"]),
                    date(on.year - rng.randint(19, 80), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
                    f"{rng.randint(1, 99)} rue de l'Exemple",
                    f"75{1 if arrondissement == 16 else 0}{arrondissement:02d}",
                    "Paris",
                ]
            )
    return path


def write_young(path: Path, rows: int, *, starts_on: date, seed: int = 2) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "family_name", "given_name", "birth_date", "email", "postcode"])
        for number in range(rows):
            born = imports.years_before(starts_on, 18) + timedelta(days=rng.randint(2, 720))
            writer.writerow(
                [f"CC{number:05d}", "Petit", "Zoé", born.isoformat(), f"young{number}@example.org", "75011"]
            )
    return path


@pytest.fixture
def lettered(db, site, promotion, official, tmp_path) -> Callable[..., list[Any]]:
    """Import a roll, pre-draw ``count`` and produce their letters; returns the letters (with codes)."""

    def factory(rows: int = 400, count: int = 150) -> list[Any]:
        college = common.college(promotion.body, ROLL)
        path = write_roll(tmp_path / "roll.csv", rows)
        imports.import_list(db, site, promotion, college, path, filename="roll.csv", actor=official)
        imports.run_predraw(
            db, site, promotion, college, ["2030-05-02 Loto 1 2 3"], actor=official, count=count
        )
        made = letters.issue(db, site, promotion, college, actor=official)
        db.commit()
        return made

    return factory


def answers_for(site, rng: random.Random, district: str | None = None, **extra: Any) -> questionnaire.Answers:
    settings = common.settings_of(site)
    hood = rng.choice(site.config.neighbourhoods)
    values: dict[str, Any] = {
        "resident": True,
        "gender": rng.choices([g.code for g in settings.genders], [g.share for g in settings.genders])[0],
        "district": district or hood.district,
        "availability": "yes",
        "consent": True,
        "age_band": rng.choices([b.code for b in settings.age_bands], [b.share for b in settings.age_bands])[
            0
        ],
        "education": rng.choices(
            [e.code for e in settings.education_levels], [e.share for e in settings.education_levels]
        )[0],
        "neighbourhood": hood.code if district is None else None,
    }
    values.update(extra)
    return questionnaire.Answers(**values)


@pytest.fixture
def answered(db, site, lettered) -> Callable[..., list[Any]]:
    """Letters sent and ``answers`` of them answered with plausible, varied answers."""

    def factory(count: int = 150, answers: int = 120, seed: int = 3) -> list[Any]:
        made = lettered(count=count)
        rng = random.Random(seed)
        for letter in made[:answers]:
            questionnaire.submit(db, site, letter.code, answers_for(site, rng), locale="en")
        db.commit()
        return made

    return factory


__all__ = ["PRIVATE", "SETTINGS", "YOUNG", "answers_for", "write_roll", "write_young"]
