"""The personal-data building blocks plugins write once: a DataService's declarations, KeptRules
and joined export rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from parvis.i18n import N_, lazy_gettext, use_locale
from parvis.identity import Account, Person
from parvis.privacy import (
    DataService,
    ExportColumn,
    KeptRule,
    LegalBasis,
    Retention,
    export_table,
    joined,
    kept_by,
)

PART = DataService(lazy_gettext("City lab"), retention=Retention(N_("you delete your account")))


def test_a_data_service_gives_its_lines_what_they_share_and_each_line_may_say_otherwise():
    shared = PART.holds(
        code="lab.a", title="A", categories=("a",), purpose="p", recipients=("r",), tables=("t",)
    )
    own = PART.holds(
        code="lab.b",
        title="B",
        categories=("b",),
        purpose="p",
        recipients=("r",),
        tables=("t",),
        retention=Retention(N_("the draw"), days=30),
        legal_basis=LegalBasis.CONSENT,
    )
    assert (str(shared.service), shared.legal_basis, shared.retention) == (
        "City lab",
        LegalBasis.PUBLIC_TASK,
        PART.retention,
    )
    assert (own.legal_basis, own.retention.days) == (LegalBasis.CONSENT, 30)
    with pytest.raises(ValueError):
        DataService("No period").holds(code="x", title="x", categories=(), purpose="x", tables=())


def test_a_kept_rule_applies_to_whoever_has_such_rows_and_speaks_their_language(db, make_account):
    eve, bob = make_account(given_name="Eve"), make_account(given_name="Bob")
    rules = [
        KeptRule(
            what=N_("Your votes in members' votes"),
            why="They stay counted.",
            person=Person.id,
            where=(Person.given_name == "Eve",),
            until=Retention(N_("the body's records are archived")),
            tables=("core_person",),
        ),
        KeptRule(what="An account", why="Why", account=Account.id),
    ]
    with use_locale("fr"):
        found = kept_by(rules, db, None, eve.person)
    assert [(k.what, k.until, tuple(k.tables)) for k in found] == [
        (
            "Vos votes lors des votes des membres",
            "Jusqu’à l’archivage des dossiers de l’instance.",
            ("core_person",),
        )
    ]
    assert kept_by(rules, db, None, bob.person) == []
    assert [k.what for k in kept_by(rules, db, bob, None)] == ["An account"]
    with pytest.raises(ValueError):
        KeptRule(what="Nobody's", why="Why")


def test_joined_rows_read_labelled_columns_and_the_model_alike(db, make_account):
    eve = make_account(given_name="Eve")
    rows = db.execute(
        select(Account, Person.given_name.label("name")).join(Person).where(Account.id == eve.id)
    )
    table = export_table(
        "lab.accounts",
        "Accounts",
        [ExportColumn("name", "Name"), ExportColumn("email", "E-mail")],
        joined(rows),
    )
    assert table is not None and table.rows == [{"name": "Eve", "email": eve.email}]
