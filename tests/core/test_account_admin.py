"""Account administration: administrators find accounts, change their roles, disable them and see
their last sign-ins; every change is in the audit log."""

import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from parvis import administration
from parvis.auth import SIGN_INS_KEPT, SignIn, record_sign_in
from parvis.bodies import services as bodies
from parvis.bodies.models import Membership, MembershipStatus
from parvis.identity import Account, RoleGrant
from parvis.refusals import Refused
from parvis.testing import ParvisClient, audit_entries, login, run_concurrently


@pytest.fixture
def today(clock):
    clock.set(datetime(2026, 6, 1, 10, tzinfo=UTC))
    return clock


@pytest.fixture
def body(db, site, today):
    found = bodies.create_body(db, site, "participatory_budget", "Budget participatif")
    bodies.add_term(db, found, "2026", date(2026, 1, 1), date(2026, 12, 31))
    db.commit()
    return found


@pytest.fixture
def other_client(app, db):
    with ParvisClient(app, base_url="http://testserver.local") as second:
        second.session = db
        yield second


def page_of(account):
    return f"/en/admin/accounts/{account.public_id}"


def test_administrators_search_accounts_by_name_address_and_district(client, make_account, login_as):
    login_as("admin")
    make_account(given_name="Zélie", family_name="Martin", email="zelie@example.org", district="11")
    make_account(given_name="Omar", family_name="Durand", email="omar@example.net", district="20")
    by_name = client.get("/en/admin/accounts", params={"q": "zélie"})
    assert by_name.status_code == 200
    assert "zelie@example.org" in by_name.text and "omar@example.net" not in by_name.text
    by_address = client.get("/en/admin/accounts", params={"q": "example.net"})
    assert "omar@example.net" in by_address.text and "zelie@example.org" not in by_address.text
    by_district = client.get("/en/admin/accounts", params={"district": "20"})
    assert "omar@example.net" in by_district.text and "zelie@example.org" not in by_district.text
    both = client.get("/en/admin/accounts", params={"q": "martin", "district": "20"})
    assert "No account matches these filters." in both.text
    admins = client.get("/en/admin/accounts", params={"role": "admin"})
    assert "1 account" in admins.text


def test_the_list_is_paged_and_keeps_its_filters(client, make_account, login_as):
    login_as("admin", district="20")
    for n in range(55):
        make_account(email=f"many{n:02}@example.org", district="11")
    first = client.get("/en/admin/accounts", params={"district": "11"})
    assert "55 accounts" in first.text and "Page 1 of 2" in first.text
    assert "district=11" in first.text.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = client.get("/en/admin/accounts", params={"district": "11", "page": "2"})
    assert second.text.count("@example.org</td>") == 5


def test_officials_and_citizens_cannot_administer_accounts(client, make_account, login_as):
    target = make_account()
    login_as("official")
    assert client.get("/en/admin/accounts").status_code == 403
    assert client.post(f"{page_of(target)}/roles", data={"role": "admin"}).status_code == 403


def test_the_account_page_shows_the_person_roles_and_last_sign_ins(client, db, make_account, login_as):
    citizen = make_account("official", given_name="Inès", family_name="Roux", district="11")
    login(client, citizen)
    client.cookies.clear()
    login_as("admin")
    response = client.get(page_of(citizen))
    assert response.status_code == 200
    assert "Inès Roux" in response.text and "11e arrondissement" in response.text
    assert "Revoke the role City official" in response.text
    assert "Grant the role Administrator" in response.text
    [sign_in] = db.scalars(select(SignIn).where(SignIn.account_id == citizen.id)).all()
    assert sign_in.address == "testclient" and sign_in.user_agent
    assert "testclient" in response.text


def test_only_the_last_twenty_sign_ins_are_kept(db, site, make_account, clock):
    account = make_account()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(SIGN_INS_KEPT + 5):
        clock.set(start + timedelta(hours=n))
        record_sign_in(db, site, account, address=f"10.0.0.{n}", user_agent="test")
    db.commit()
    kept = db.scalars(select(SignIn.address).where(SignIn.account_id == account.id)).all()
    assert len(kept) == SIGN_INS_KEPT
    assert "10.0.0.0" not in kept and f"10.0.0.{SIGN_INS_KEPT + 4}" in kept


def test_granting_and_revoking_a_site_role(client, other_client, db, make_account, login_as):
    citizen = make_account()
    login(other_client, citizen)
    assert other_client.get("/en/admin").status_code == 403
    admin = login_as("admin")
    response = client.post(f"{page_of(citizen)}/roles", data={"role": "official"}, follow_redirects=False)
    assert response.status_code == 303
    assert other_client.get("/en/admin").status_code == 200  # at once, in the open session
    [event] = audit_entries(db)
    assert (event.action, event.actor_id, event.target_id) == ("core.role.grant", admin.id, citizen.public_id)
    assert event.details == {"role": "official"}
    again = client.post(f"{page_of(citizen)}/roles", data={"role": "official"})
    assert again.status_code == 409 and "already has this role" in again.text
    client.post(f"{page_of(citizen)}/roles/revoke", data={"role": "official"})
    assert other_client.get("/en/admin").status_code == 403
    assert [e.action for e in audit_entries(db)] == ["core.role.grant", "core.role.revoke"]
    assert client.post(f"{page_of(citizen)}/roles", data={"role": "emperor"}).status_code == 400


def test_granting_and_revoking_per_body_roles(client, other_client, db, site, body, make_account, login_as):
    citizen = make_account()
    login(other_client, citizen)
    login_as("admin")
    response = client.post(
        f"{page_of(citizen)}/body-roles", data={"body": body.slug, "role": "official"}, follow_redirects=False
    )
    assert response.status_code == 303
    grant = db.scalar(select(RoleGrant).where(RoleGrant.account_id == citizen.id))
    assert (grant.role, grant.body_id) == ("official", body.id)
    assert other_client.get(f"/en/admin/bodies/{body.slug}").status_code == 200
    client.post(f"{page_of(citizen)}/body-roles", data={"body": body.slug, "role": "facilitator"})
    page = client.get(page_of(citizen)).text
    assert "Body official" in page and "Facilitator" in page and "Budget participatif" in page
    client.post(f"{page_of(citizen)}/body-roles/revoke", data={"body": body.slug, "role": "official"})
    assert other_client.get(f"/en/admin/bodies/{body.slug}").status_code == 403
    grants = audit_entries(db)
    assert [(e.action, e.details) for e in grants] == [
        ("core.role.grant", {"role": "official", "body": body.slug}),
        ("core.role.grant", {"role": "facilitator", "body": body.slug}),
        ("core.role.revoke", {"role": "official", "body": body.slug}),
    ]


def test_a_member_sits_in_the_running_term(client, db, site, body, make_account, login_as):
    citizen = make_account()
    login_as("admin")
    client.post(f"{page_of(citizen)}/body-roles", data={"body": body.slug, "role": "member"})
    membership = db.scalar(select(Membership).where(Membership.person_id == citizen.person_id))
    assert membership.status == MembershipStatus.ACTIVE and membership.term.label == "2026"
    again = client.post(f"{page_of(citizen)}/body-roles", data={"body": body.slug, "role": "member"})
    assert again.status_code == 409 and "already a member for the term 2026" in again.text
    client.post(f"{page_of(citizen)}/body-roles/revoke", data={"body": body.slug, "role": "member"})
    db.refresh(membership)
    assert membership.status == MembershipStatus.LEFT  # the history is kept
    client.post(f"{page_of(citizen)}/body-roles", data={"body": body.slug, "role": "member"})
    db.refresh(membership)
    assert membership.status == MembershipStatus.ACTIVE
    assert [(e.action, e.details) for e in audit_entries(db)] == [
        ("core.role.grant", {"role": "member", "body": body.slug, "term": "2026"}),
        ("core.role.revoke", {"role": "member", "body": body.slug, "term": "2026"}),
        ("core.role.grant", {"role": "member", "body": body.slug, "term": "2026"}),
    ]


def test_a_body_without_a_running_term_has_no_members_to_grant(
    client, db, site, today, make_account, login_as
):
    empty = bodies.create_body(db, site, "participatory_budget", "Sans mandat")
    db.commit()
    citizen = make_account()
    login_as("admin")
    response = client.post(f"{page_of(citizen)}/body-roles", data={"body": empty.slug, "role": "member"})
    assert response.status_code == 409
    assert "has no term running today" in response.text
    assert audit_entries(db) == []


def test_a_disabled_account_stops_at_once_and_cannot_sign_in(
    client, other_client, db, make_account, login_as
):
    citizen = make_account()
    login(other_client, citizen)
    assert other_client.get("/en/account").status_code == 200
    login_as("admin")
    response = client.post(f"{page_of(citizen)}/disable", follow_redirects=False)
    assert response.status_code == 303
    assert other_client.get("/en/account", follow_redirects=False).status_code in (303, 401)
    refused = other_client.post("/en/login", data={"email": citizen.email, "password": "password-123456"})
    assert refused.status_code == 400
    [event] = audit_entries(db)
    assert (event.action, event.target_id, event.details) == (
        "core.account.disable",
        citizen.public_id,
        {"sessions_ended": 1},
    )
    assert "This account is disabled" in client.get(page_of(citizen)).text
    client.post(f"{page_of(citizen)}/enable")
    login(other_client, citizen)
    assert [e.action for e in audit_entries(db)] == ["core.account.disable", "core.account.enable"]


def test_the_last_active_administrator_cannot_remove_themselves(client, db, make_account, login_as):
    admin = login_as("admin")
    revoke = client.post(f"{page_of(admin)}/roles/revoke", data={"role": "admin"})
    assert revoke.status_code == 409
    assert "last active administrator" in revoke.text
    disable = client.post(f"{page_of(admin)}/disable")
    assert disable.status_code == 409 and "last active administrator" in disable.text
    french = client.post(f"/fr/admin/accounts/{admin.public_id}/disable")
    assert "dernier administrateur actif" in french.text
    assert audit_entries(db) == []
    db.refresh(admin)
    assert admin.active
    # A disabled administrator does not count; another active one does.
    make_account("admin").active = False
    db.commit()
    assert client.post(f"{page_of(admin)}/roles/revoke", data={"role": "admin"}).status_code == 409
    make_account("admin")
    response = client.post(f"{page_of(admin)}/roles/revoke", data={"role": "admin"}, follow_redirects=False)
    assert response.status_code == 303
    assert [e.action for e in audit_entries(db)] == ["core.role.revoke"]


def test_the_back_office_home_shows_accounts_to_administrators_only(client, login_as, make_account):
    login_as("admin")
    assert "Accounts and roles" in client.get("/en/admin").text
    client.cookies.clear()
    login(client, make_account("official"))
    assert "Accounts and roles" not in client.get("/en/admin").text


def test_two_administrators_removing_each_other_at_once_leave_one(site, db, make_account, monkeypatch):
    """The admin grants are locked before counting, so the second removal waits for the first and
    sees it (PostgreSQL; SQLite's writers already run one after the other). The first to count waits
    until the other has counted too (no lock: both would succeed) or is blocked on the lock."""
    first, second = make_account("admin"), make_account("admin")
    counted = []
    ready = threading.Condition()
    count_admins = administration._active_admins

    def blocked_on_a_lock() -> bool:
        if site.engine.dialect.name != "postgresql":
            return True
        with site.engine.connect() as connection:
            waiting = (
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            return bool(connection.execute(text(waiting)).scalar())

    def counting_slowly(session):
        found = count_admins(session)
        with ready:
            counted.append(found)
            ready.notify_all()
            deadline = time.monotonic() + 10
            while len(counted) < 2 and not blocked_on_a_lock() and time.monotonic() < deadline:
                ready.wait(0.05)
        return found

    monkeypatch.setattr(administration, "_active_admins", counting_slowly)

    def revoke(account_id):
        return lambda session: administration.revoke_site_role(
            session, session.get(Account, account_id), "admin"
        )

    revoked, errors = run_concurrently(site, [revoke(a.id) for a in (first, second)])
    outcomes = ["revoked"] * len(revoked) + ["refused" if isinstance(e, Refused) else repr(e) for e in errors]
    assert sorted(outcomes) == ["refused", "revoked"]
    assert len(db.scalars(select(RoleGrant).where(RoleGrant.role == "admin")).all()) == 1
