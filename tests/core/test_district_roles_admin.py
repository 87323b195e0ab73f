"""District-scoped roles granted and revoked from the back office's account page: the same service
as ``parvis users grant --district`` (one way), CSRF, audit entries naming who, what and where,
a confirmation, and translated refusals."""

from parvis.auth import load_actor
from parvis.permissions import MODERATOR, OFFICIAL
from parvis.testing import audit_entries


def page_of(account):
    return f"/en/admin/accounts/{account.public_id}"


def test_an_administrator_grants_and_revokes_a_role_in_districts(site, db, client, make_account, login_as):
    first, second, third = (d.code for d in site.config.districts[:3])
    names = {d.code: d.name for d in site.config.districts}
    admin = login_as("admin")
    account = make_account(given_name="Dominique")
    shown = client.get(page_of(account))
    assert shown.status_code == 200 and "Grant a role in" in shown.text
    granted = client.post(
        page_of(account) + "/district-roles", data={"role": OFFICIAL, "districts": [first, second]}
    )
    assert granted.status_code == 200  # followed back to the account's page, with the confirmation
    assert f"is now City official in: {names[first]}, {names[second]}." in granted.text
    assert load_actor(db, account).districts_with({OFFICIAL}) == {first, second}
    assert f"Revoke: City official, {names[second]}" in granted.text
    again = client.post(page_of(account) + "/district-roles", data={"role": OFFICIAL, "districts": first})
    assert "already had the role City official" in again.text
    client.post(page_of(account) + "/district-roles", data={"role": MODERATOR, "districts": third})
    revoked = client.post(
        page_of(account) + "/district-roles/revoke", data={"role": OFFICIAL, "districts": first}
    )
    assert f"is no longer City official in: {names[first]}." in revoked.text
    actor = load_actor(db, account)
    assert actor.districts_with({OFFICIAL}) == {second} and actor.districts_with({MODERATOR}) == {third}
    entries = audit_entries(db, "core.role.")
    assert [(e.action, e.details["role"], e.details["districts"]) for e in entries] == [
        ("core.role.grant", OFFICIAL, [first, second]),
        ("core.role.grant", MODERATOR, [third]),
        ("core.role.revoke", OFFICIAL, [first]),
    ]
    assert all(e.actor_id == admin.id and e.target_id == account.public_id for e in entries)
    assert all(e.address for e in entries)  # the administrator's client address


def test_refusals_are_translated_and_change_nothing(site, db, client, make_account, login_as):
    first = site.config.districts[0].code
    login_as("admin")
    account = make_account()
    unknown = client.post(
        page_of(account) + "/district-roles", data={"role": OFFICIAL, "districts": "nowhere"}
    )
    assert unknown.status_code == 400 and "Choose among the options shown." in unknown.text
    site_wide = client.post(page_of(account) + "/district-roles", data={"role": "admin", "districts": first})
    assert site_wide.status_code == 400
    none = client.post(page_of(account) + "/district-roles", data={"role": OFFICIAL})
    assert none.status_code == 400 and "Choose at least one option." in none.text
    french = client.post(f"/fr/admin/accounts/{account.public_id}/district-roles", data={"role": OFFICIAL})
    assert french.status_code == 400 and "Choisissez au moins une option." in french.text
    not_held = client.post(
        page_of(account) + "/district-roles/revoke", data={"role": OFFICIAL, "districts": first}
    )
    assert not_held.status_code == 409 and "does not have this role" in not_held.text
    assert load_actor(db, account).districts_with({OFFICIAL}) == set()
    assert audit_entries(db, "core.role.") == []


def test_only_administrators_grant_and_a_token_is_needed(site, db, client, make_account, login_as):
    first = site.config.districts[0].code
    account = make_account()
    login_as("admin")
    forged = client.post(
        page_of(account) + "/district-roles", data={"role": OFFICIAL, "districts": first}, csrf=False
    )
    assert forged.status_code == 403
    client.cookies.clear()
    login_as(OFFICIAL)
    refused = client.post(page_of(account) + "/district-roles", data={"role": OFFICIAL, "districts": first})
    assert refused.status_code == 403
    assert load_actor(db, account).districts_with({OFFICIAL}) == set()
