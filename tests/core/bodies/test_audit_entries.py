"""Memberships and deletions in the bodies' back office are in the audit log."""

from datetime import date

from parvis.bodies import services
from parvis.identity import Person
from parvis.testing import audit_entries


def person(db, name="Ada"):
    found = Person(given_name=name, family_name="Martin", birth_date=date(1990, 1, 1), resident=True)
    db.add(found)
    db.commit()
    return found


def test_a_membership_added_changed_and_removed_leaves_one_entry_each(client, db, site, login_as, council):
    login_as("official")
    ada, term = person(db), council.terms[0]
    path = f"/en/admin/bodies/{council.slug}/members"
    client.post(
        path, data={"person": ada.public_id, "term": str(term.id), "role": "member", "status": "active"}
    )
    [added] = audit_entries(db)
    assert (added.action, added.target_id, added.target_label) == (
        "core.membership.add",
        ada.public_id,
        "Ada Martin",
    )
    assert added.details == {"body": council.slug, "role": "member"}
    membership = services.members(db, council)[0]
    client.post(f"{path}/{membership.id}", data={"role": "spokesperson", "status": "active"})
    client.post(f"{path}/{membership.id}/delete")
    assert [(e.action, e.target_id) for e in audit_entries(db)] == [
        ("core.membership.add", ada.public_id),
        ("core.membership.update", ada.public_id),
        ("core.membership.delete", ada.public_id),
    ]
    assert audit_entries(db)[-1].details == {"body": council.slug, "term": "2026", "role": "spokesperson"}


def test_a_deleted_term_is_in_the_log_and_a_refused_deletion_is_not(client, db, site, login_as, council):
    login_as("official")
    term = council.terms[0]
    services.add_member(db, site, council, term, person(db))
    db.commit()
    client.post(f"/en/admin/bodies/{council.slug}/terms/{term.id}/delete")
    assert audit_entries(db) == []  # it has members: refused
    spare = services.add_term(db, council, "2027", date(2027, 1, 1), date(2027, 12, 31))
    db.commit()
    client.post(f"/en/admin/bodies/{council.slug}/terms/{spare.id}/delete")
    [entry] = audit_entries(db)
    assert (entry.action, entry.target_type, entry.target_label) == ("core.term.delete", "core_term", "2027")
    assert entry.details == {"body": council.slug}
