"""Demo data: a fresh database filled by core and every enabled plugin (fictitious people only)."""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.auth import hash_password
from parvis.demo_content import CORE_ACCOUNTS, FAMILY, GIVEN_MEN, GIVEN_WOMEN

if TYPE_CHECKING:
    from parvis.site import Site
from parvis.i18n import _
from parvis.identity import Account, Gender, NationalityGroup, Person, RoleGrant

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented in README; demo databases only


@dataclass
class DemoContext:
    """What plugins' demo seeders get: the site, a seeded RNG, demo people and a progress callback."""

    site: Site
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
        config = self.site.config
        hood = rng.choice(config.neighbourhoods) if config.neighbourhoods else None
        age = int(facts.pop("age", rng.randint(16, 85)))  # type: ignore[call-overload]
        # Exactly ``age`` years old today (a whole number of years back, less up to a year).
        birthday = self.today.replace(day=28) if (self.today.month, self.today.day) == (2, 29) else self.today
        born = birthday.replace(year=birthday.year - age) - timedelta(days=rng.randint(0, 364))
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

    def eligible_person(self, rule: Any, *, youngest: int = 16, oldest: int = 85, **facts: object) -> Person:
        """A new resident whom ``rule`` (an ``EligibilityRule``) allows to take part today."""
        low = max(youngest, rule.min_age or 0)
        high = max(low, min(oldest, rule.max_age if rule.max_age is not None else oldest))
        if rule.nationality_groups:
            facts.setdefault("nationality_group", self.rng.choice(rule.nationality_groups))
        if rule.districts:
            config = self.site.config
            district = self.rng.choice(rule.districts)
            hoods = [n for n in config.neighbourhoods if n.district == district]
            hood = self.rng.choice(hoods) if hoods else None
            facts.setdefault("district", district)
            facts.setdefault("neighbourhood", hood.code if hood else None)
            facts.setdefault("qpop", bool(hood and hood.qpop))
        person = self.person(age=self.rng.randint(low, high), **facts)
        person.resident = True
        return person

    def districts_for(self, codes: Sequence[str]) -> tuple[dict[str, str], bool]:
        """Where demo content written for the districts ``codes`` (Paris's) goes in this city.

        Returns ``({content's code: site's district code}, native)``: the same codes when the site
        has them all (``native``: the content's place names fit, keep them), else the site's
        districts by position, as many as it has (content for the others is left out); a plugin
        then uses its place-neutral wording and the configured districts' names and points.
        """
        config = self.site.config
        if codes and all(config.district(code) for code in codes):
            return {code: code for code in codes}, True
        return {code: d.code for code, d in zip(codes, config.districts, strict=False)}, False

    def point(self, district: str | None, spread: float = 0.006) -> dict[str, float]:
        """A plausible place for a map: near the district's point, else anywhere around the map's
        centre (``spread`` in degrees; five times wider without a district point)."""
        config = self.site.config
        points = config.district_points()
        centre = (config.map.center_latitude, config.map.center_longitude)
        lat, lon = points.get(district or "", centre)
        if (district or "") not in points:
            spread *= 5
        return {
            "latitude": round(lat + self.rng.uniform(-spread, spread), 6),
            "longitude": round(lon + self.rng.uniform(-1.5 * spread, 1.5 * spread), 6),
        }

    def account(self, key: str, person: Person, *roles: str, districts: Sequence[str] = ()) -> Account:
        """A demo account with the demo password; with ``districts``, its roles are granted in
        those districts only (a district's officials)."""
        grants = (
            [RoleGrant(role=role, district=code) for role in roles for code in districts]
            if districts
            else [RoleGrant(role=role) for role in roles]
        )
        account = Account(
            email=f"{key}@example.org",
            display_name=person.full_name,
            password_hash=self._password_hash,
            email_verified_at=self.site.now(),
            person=person,
            roles=grants,
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
    demo.progress(_("People and accounts"))
    for key, given, family, age, roles in CORE_ACCOUNTS:
        db.add(demo.account(key, demo.person(given_name=given, family_name=family, age=age), *roles))
    db.flush()


class DemoError(Exception):
    """The demo data could not be loaded; nothing was written. The message is translated."""


def load_demo(site: Site, *, reset: bool, seed: int, progress: Callable[[str], None]) -> None:
    """Rebuild the schema from the migrations, then let core and each plugin add its demo data.

    All or nothing: a failure leaves the database as it was. On PostgreSQL (and SQLite without
    ``reset``) the reset, the migrations and the data are one transaction on one connection; a
    SQLite file is rebuilt beside the old one and replaces it only once complete. Raises
    ``DemoError`` naming the step that failed.
    """
    engine = site.engine
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if reset and path and path != ":memory:":
        _rebuild_sqlite_file(site, Path(path), seed, progress)
        return
    with engine.connect() as connection, connection.begin():
        if reset:
            _drop_everything(connection)
        _fill(site, connection, seed, progress)


def _fill(site: Site, connection: Any, seed: int, progress: Callable[[str], None]) -> None:
    from parvis.migrate import upgrade_connection

    steps: list[str] = []

    def step(message: str) -> None:
        steps.append(message)
        progress(message)

    try:
        upgrade_connection(site, connection)
        # The session knows its site, as ``Site.session()``'s do (the workflow engine needs it).
        with Session(bind=connection, expire_on_commit=False, info={"parvis_site": site}) as db:
            rng = random.Random(seed)  # noqa: S311 - reproducible fiction, not security
            demo = DemoContext(site=site, rng=rng, today=site.today(), progress=step)
            site.hook.seed_demo_data(db=db, demo=demo)
            db.flush()
            from parvis.search.index import rebuild

            step(_("search index"))
            rebuild(db, site)  # the site search finds the demo at once
            db.flush()
    except Exception as error:
        where = steps[-1] if steps else _("database schema")
        raise DemoError(
            _(
                "The demo data could not be loaded (step: {step}): {error}. Nothing was written: "
                "the database is as it was."
            ).format(step=where, error=f"{type(error).__name__}: {_first_line(error)}")
        ) from error


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else "").rstrip(".")


def _rebuild_sqlite_file(site: Any, path: Path, seed: int, progress: Callable[[str], None]) -> None:
    """Fill a new file next to ``path``, then put it in the old one's place."""
    from parvis.db import make_engine

    scratch = path.with_name(f"{path.name}.demo-{os.getpid()}")
    _remove_sqlite(scratch)
    engine = make_engine(f"sqlite:///{scratch}")
    try:
        with engine.connect() as connection, connection.begin():
            _fill(site, connection, seed, progress)
    except BaseException:
        engine.dispose()
        _remove_sqlite(scratch)
        raise
    engine.dispose()  # the last connection closed: the write-ahead log is folded into the file
    site.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(scratch, path)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _drop_everything(connection: Any) -> None:
    """Every table of the models and the migrations' version table, in the caller's transaction."""
    from parvis.db import Base

    Base.metadata.drop_all(connection)
    connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
