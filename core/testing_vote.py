"""An open budget vote with signed-in voters in a fresh PostgreSQL database (``prepare_vote``),
and each voter's ballot as a raw HTTP request, for the cluster test and the benchmarks."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from parvis.testing_http import CSRF_COOKIE, SESSION_COOKIE, build_post, csrf_for


def fresh_database(url: str) -> str:
    """Drop and create the PostgreSQL database ``url`` names; returns its SQLAlchemy URL."""
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    return parsed.render_as_string(hide_password=False)


# -- an open budget vote with signed-in voters ----------------------------------------------------


@dataclass
class Vote:
    slug: str
    fields: list[str]  # the ballot form's field names (one per project)
    tokens: list[str]  # each voter's session cookie
    emails: list[str]

    def cast_path(self, locale: str = "en") -> str:
        return f"/{locale}/budget/{self.slug}/vote/city/cast"

    def vote_path(self, locale: str = "en") -> str:
        return f"/{locale}/budget/{self.slug}/vote/city"


def prepare_vote(database_url: str, voters: int, *, projects: int = 12, password: str | None = None) -> Vote:
    """Migrate the database, open a budget vote with ``projects`` projects on the all-city ballot,
    and add ``voters`` residents with confirmed addresses, each signed in (a session row). With
    ``password``, every account can also sign in with it (one hash, shared)."""
    from parvis.auth import AuthSession, hash_password
    from parvis.db import utcnow
    from parvis.identity import Account, NationalityGroup, Person
    from parvis.migrate import upgrade
    from parvis.plugins.budget.models import PhaseKind
    from parvis.plugins.budget.services import campaigns
    from parvis.plugins.budget.services import projects as budget_projects
    from parvis.site import Site

    site = Site.create(database_url=database_url)
    upgrade(site)
    now = utcnow()
    day = timedelta(days=1)
    with site.session() as db:
        campaign = campaigns.create_campaign(
            db,
            site,
            slug="cluster",
            year=now.year,
            title="Budget participatif (grappe)",
            total=75_000_000_00,
            phases={
                PhaseKind.IDEAS: (now - 60 * day, now - 30 * day),
                PhaseKind.VOTE: (now - day, now + 20 * day),
            },
        )
        fields = []
        for n in range(projects):
            project = budget_projects.create_project(
                db,
                site,
                campaign,
                budget_projects.ProjectInput(
                    f"Projet {n + 1}", "Un projet.", "city", "environment", cost=100_000_00 + n
                ),
            )
            budget_projects.put_on_ballot(db, project)
            fields.append(f"g-{project.public_id}")
        db.commit()
        slug = campaign.slug
    password_hash = hash_password(password, site) if password else "!"
    tokens = [secrets.token_urlsafe(32) for _ in range(voters)]
    emails = [f"votant{i}@example.org" for i in range(voters)]
    with site.engine.begin() as connection:
        people = [
            {
                "given_name": f"Votant{i}",
                "family_name": "Grappe",
                "birth_date": now.date().replace(year=1980),
                "nationality_group": NationalityGroup.FRENCH,
                "resident": True,
                "district": "11",
                "qpop": False,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(voters)
        ]
        person_ids = connection.execute(insert(Person).returning(Person.id), people).scalars().all()
        accounts = [
            {
                "email": email,
                "password_hash": password_hash,
                "display_name": f"Votant {i}",
                "active": True,
                "email_verified_at": now,
                "person_id": person_id,
                "public_id": secrets.token_urlsafe(10),
                "created_at": now,
                "updated_at": now,
            }
            for i, (email, person_id) in enumerate(zip(emails, person_ids, strict=True))
        ]
        account_ids = connection.execute(insert(Account).returning(Account.id), accounts).scalars().all()
        connection.execute(
            insert(AuthSession),
            [
                {
                    "token_hash": hashlib.sha256(t.encode()).hexdigest(),
                    "account_id": a,
                    "created_at": now,
                    "expires_at": now + 2 * day,
                }
                for t, a in zip(tokens, account_ids, strict=True)
            ],
        )
    site.engine.dispose()
    return Vote(slug, fields, tokens, emails)


def grades_for(vote: Vote, index: int) -> dict[str, str]:
    """A voter's ballot: every project graded, from the voter's number (reproducible)."""
    return {f: str((index * 7 + n) % 4) for n, f in enumerate(vote.fields)}


def cast_request(vote: Vote, secret: str, index: int) -> bytes:
    token = vote.tokens[index]
    csrf = csrf_for(secret, token)
    return build_post(
        vote.cast_path(), f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={csrf}", csrf, grades_for(vote, index)
    )
