"""Officials of one or more districts: a role granted in districts counts only for actions
declared district-scoped, on things of those districts; it is never a site-wide role."""

import pytest

from parvis.administration import site_roles
from parvis.auth import load_actor
from parvis.identity import Account
from parvis.permissions import OFFICIAL, Action, in_district
from parvis.testing import audit_entries

SCOPED = Action("test.scoped", "Scoped", frozenset({OFFICIAL}), district_scoped=True)
SITE_WIDE = Action("test.site_wide", "Site-wide", frozenset({OFFICIAL}))


@pytest.fixture
def decide(site):
    site.actions.update({SCOPED.code: SCOPED, SITE_WIDE.code: SITE_WIDE})
    yield lambda actor, action, resource=None: bool(
        site.hook.permission_allowed(site=site, actor=actor, action=action, resource=resource)
    )
    site.actions.pop(SCOPED.code)
    site.actions.pop(SITE_WIDE.code)


def test_a_district_grant_counts_only_in_its_districts_and_for_scoped_actions(site, db, make_account, decide):
    first, second, third = (d.code for d in site.config.districts[:3])
    account = make_account(district_roles={first: OFFICIAL, second: OFFICIAL})
    actor = load_actor(db, account)
    assert actor.staff and not actor.has_role(OFFICIAL)
    assert actor.districts_with({OFFICIAL}) == {first, second}
    assert decide(actor, SCOPED.code)  # somewhere: the route's guard lets them in
    assert decide(actor, SCOPED.code, in_district(first))
    assert decide(actor, SCOPED.code, in_district(second))
    assert not decide(actor, SCOPED.code, in_district(third))
    assert not decide(actor, SCOPED.code, in_district(None))  # a city-wide thing
    assert not decide(actor, SITE_WIDE.code)
    assert not decide(actor, SITE_WIDE.code, in_district(first))
    assert site_roles(db, account) == set()
    everywhere = load_actor(db, make_account(OFFICIAL))
    assert decide(everywhere, SCOPED.code, in_district(third))


def test_users_grant_and_revoke_in_districts(site, db, parvis_cli):
    first, second = (d.code for d in site.config.districts[:2])
    assert parvis_cli("users", "create", "town.hall@example.org", "--invite").exit_code == 0
    result = parvis_cli(
        "users", "grant", "town.hall@example.org", "official", "--district", first, "--district", second
    )
    assert result.exit_code == 0, result.output
    assert f"in: {first}, {second}" in result.output
    db.rollback()  # a new snapshot: the command committed in its own session
    account = db.query(Account).filter_by(email="town.hall@example.org").one()
    assert load_actor(db, account).districts_with({OFFICIAL}) == {first, second}
    again = parvis_cli("users", "grant", "town.hall@example.org", "official", "--district", first)
    assert "already has the role" in again.output
    unknown = parvis_cli("users", "grant", "town.hall@example.org", "official", "--district", "nowhere")
    assert unknown.exit_code != 0 and "Unknown arrondissement" in unknown.output
    revoked = parvis_cli("users", "revoke", "town.hall@example.org", "official", "--district", first)
    assert revoked.exit_code == 0 and f"no longer has the role: City official, in: {first}" in revoked.output
    db.rollback()  # a new snapshot: the command committed in its own session
    assert load_actor(db, account).districts_with({OFFICIAL}) == {second}
    assert [e.action for e in audit_entries(db, "core.role.")] == ["core.role.grant", "core.role.revoke"]


def test_the_account_page_shows_district_grants(site, client, make_account, login_as):
    first = site.config.districts[0].code
    account = make_account(district_roles={first: OFFICIAL})
    login_as("admin")
    page = client.get(f"/en/admin/accounts/{account.public_id}")
    assert page.status_code == 200
    assert f"Revoke: City official, {site.config.district(first).name}" in page.text
