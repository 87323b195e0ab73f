"""Demo data: a fresh database filled by core and every enabled plugin (fictitious people only)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from parvis.auth import hash_password
from parvis.identity import Account, Gender, NationalityGroup, Person, RoleGrant
from parvis.permissions import ADMIN, OFFICIAL

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented in README; demo databases only

GIVEN_WOMEN = [
    "Camille",
    "Léa",
    "Chloé",
    "Inès",
    "Manon",
    "Sarah",
    "Aïcha",
    "Emma",
    "Yasmine",
    "Claire",
    "Nadia",
    "Sophie",
    "Lucie",
    "Fatou",
    "Mei",
    "Ana",
    "Giulia",
    "Hana",
    "Zoé",
    "Amina",
]
GIVEN_MEN = [
    "Lucas",
    "Hugo",
    "Karim",
    "Thomas",
    "Nathan",
    "Mamadou",
    "Julien",
    "Omar",
    "Antoine",
    "Louis",
    "Mehdi",
    "Paul",
    "Yanis",
    "Tariq",
    "Kenji",
    "Marco",
    "Pedro",
    "Ilyes",
    "Arthur",
    "Samuel",
]
FAMILY = [
    "Martin",
    "Bernard",
    "Moreau",
    "Lefèvre",
    "Garnier",
    "Diallo",
    "Nguyen",
    "Haddad",
    "Rossi",
    "Silva",
    "Benali",
    "Petit",
    "Roux",
    "Fontaine",
    "Chevalier",
    "Traoré",
    "Kowalski",
    "Meyer",
    "Lambert",
    "Mercier",
    "Faure",
    "Blanc",
    "Guerin",
    "Boyer",
    "Perrin",
    "Morel",
    "Girard",
    "André",
    "Dupont",
    "Tanaka",
]


@dataclass
class DemoContext:
    """What plugins' demo seeders get: the site, a seeded RNG, demo people and a progress callback."""

    site: object
    rng: random.Random
    today: date
    people: list[Person] = field(default_factory=list)
    accounts: dict[str, Account] = field(default_factory=dict)  # "official", "admin", "citizen", ...
    progress: Callable[[str], None] = lambda _message: None

    def person(self, **facts: object) -> Person:
        """A new fictitious resident with plausible facts; keyword arguments override them."""
        rng = self.rng
        gender = facts.pop("gender", rng.choice([Gender.WOMAN, Gender.MAN]))
        given = rng.choice(GIVEN_WOMEN if gender == Gender.WOMAN else GIVEN_MEN)
        family = rng.choice(FAMILY)
        config = self.site.config  # type: ignore[attr-defined]
        hood = rng.choice(config.neighbourhoods) if config.neighbourhoods else None
        age = int(facts.pop("age", rng.randint(16, 85)))  # type: ignore[call-overload]
        born = self.today - timedelta(days=age * 365 + rng.randint(0, 364))
        person = Person(
            given_name=given,
            family_name=family,
            email=f"{given}.{family}.{len(self.people) + 1}@example.org".lower().replace(" ", ""),
            birth_date=born,
            gender=gender,
            nationality_group=NationalityGroup.FRENCH,
            resident=True,
            district=hood.district if hood else None,
            neighbourhood=hood.code if hood else None,
            qpop=bool(hood and hood.qpop),
        )
        for key, value in facts.items():
            setattr(person, key, value)
        self.people.append(person)
        return person

    def account(self, key: str, person: Person, *roles: str) -> Account:
        account = Account(
            email=f"{key}@example.org",
            display_name=person.full_name,
            password_hash=self._password_hash,
            email_verified_at=self.site.now(),  # type: ignore[attr-defined]
            person=person,
            roles=[RoleGrant(role=role) for role in roles],
        )
        self.accounts[key] = account
        return account

    @property
    def _password_hash(self) -> str:
        if not hasattr(self, "_hash"):
            self._hash = hash_password(DEMO_PASSWORD)
        return self._hash


def seed_core(db: Session, demo: DemoContext) -> None:
    """Demo accounts: an administrator, an official and a citizen, all with the demo password."""
    demo.progress("core")
    db.add(demo.account("admin", demo.person(given_name="Alix", family_name="Admin", age=45), ADMIN))
    db.add(
        demo.account("official", demo.person(given_name="Olivia", family_name="Official", age=38), OFFICIAL)
    )
    db.add(demo.account("citizen", demo.person(given_name="Charlie", family_name="Citizen", age=29)))
    db.flush()


def load_demo(site: object, *, reset: bool, seed: int, progress: Callable[[str], None]) -> None:
    """Rebuild the schema from the migrations, then let core and each plugin add its demo data."""
    from parvis.db import Base
    from parvis.migrate import upgrade

    engine = site.engine  # type: ignore[attr-defined]
    if reset:
        if engine.dialect.name == "sqlite":
            path = engine.url.database
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            with engine.begin() as connection:
                Base.metadata.drop_all(connection)
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade(site)  # type: ignore[arg-type]
    with site.session() as db:  # type: ignore[attr-defined]
        rng = random.Random(seed)  # noqa: S311 - reproducible fiction, not security
        demo = DemoContext(site=site, rng=rng, today=site.today(), progress=progress)  # type: ignore[attr-defined]
        site.hook.seed_demo_data(db=db, demo=demo)  # type: ignore[attr-defined]
        db.commit()
