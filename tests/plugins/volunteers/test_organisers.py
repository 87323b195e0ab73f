"""Organisations propose missions, City officials validate them; reports and hiding; participants."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import (
    Mission,
    MissionKind,
    MissionStatus,
    NoticeKind,
    Organisation,
    OrgMember,
    OrgRole,
    ParticipationStatus,
)


def mission_data(**changes):
    start = (datetime.now(UTC) + timedelta(days=7)).strftime("%Y-%m-%dT10:00")
    end = (datetime.now(UTC) + timedelta(days=7)).strftime("%Y-%m-%dT12:00")
    data = {
        "title": "Plantation d'arbres",
        "description": "Planter de jeunes arbres dans une cour d'école.",
        "theme": "environment",
        "category": "mission",
        "kind": "one_off",
        "starts_at": start,
        "ends_at": end,
        "capacity": "12",
        "place_name": "École du Canal",
        "district": "10",
        "latitude": "48,872",
        "longitude": "2.36",
        "skills": "jardinage, bonne humeur",
    }
    data.update(changes)
    return data


def test_member_proposes_official_validates(
    client, db, organisation, login_as, add_member, make_account, notice_kinds
):
    member = login_as()
    add_member(organisation, member)
    response = client.post(
        "/en/volunteers/organisations/les-amis/missions/new", data=mission_data(), follow_redirects=False
    )
    assert response.status_code == 303
    mission = db.scalar(select(Mission))
    assert mission.status == MissionStatus.DRAFT
    assert mission.capacity_total == 12
    assert mission.latitude == 48.872
    assert (
        client.get(f"/en/volunteers/missions/{mission.public_id}").status_code == 200
    )  # the organiser sees drafts
    client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "submit"})
    db.refresh(mission)
    assert mission.status == MissionStatus.PENDING
    # The member cannot publish it.
    assert (
        client.post(
            f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "publish"}
        ).status_code
        == 403
    )
    # Nor can the public see it.
    client.post("/en/logout")
    assert client.get(f"/en/volunteers/missions/{mission.public_id}").status_code == 404
    login_as("official")
    queue = client.get("/en/volunteers/moderation")
    assert "Plantation d&#39;arbres" in queue.text
    back = client.post(
        f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "return", "note": ""}
    )
    assert "write a note" in back.text
    client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "publish"})
    db.refresh(mission)
    assert mission.status == MissionStatus.PUBLISHED
    assert mission.published_at is not None
    assert notice_kinds(member.id) == {NoticeKind.PUBLISHED}


def test_others_cannot_propose_or_edit(client, db, organisation, make_mission, login_as):
    mission = make_mission()
    login_as()
    assert client.get("/en/volunteers/organisations/les-amis/missions/new").status_code == 403
    assert (
        client.post("/en/volunteers/organisations/les-amis/missions/new", data=mission_data()).status_code
        == 403
    )
    assert client.get(f"/en/volunteers/missions/{mission.public_id}/edit").status_code == 403
    assert client.get(f"/en/volunteers/missions/{mission.public_id}/participants").status_code == 403
    assert (
        client.post(
            f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "cancel"}
        ).status_code
        == 403
    )
    assert client.get("/en/volunteers/moderation").status_code == 403
    assert client.get("/en/volunteers/organisations/les-amis/manage").status_code == 403


def test_mission_form_errors_rerender(client, organisation, login_as, add_member):
    add_member(organisation, login_as())
    bad = mission_data(
        title="",
        ends_at="2020-01-01T10:00",
        kind="recurring",
        capacity="0",
        latitude="91",
        longitude="",
        category="event",
        theme="nope",
    )
    response = client.post("/en/volunteers/organisations/les-amis/missions/new", data=bad)
    assert response.status_code == 400
    for message in (
        "This field is required",
        "Choose among the options shown",
        "at least 1",
        "between -90 and 90",
        "Choose the kind of event",
    ):
        assert message in response.text
    recurring = mission_data(kind="recurring", repeat_until="")
    assert (
        "date of its last session"
        in client.post("/en/volunteers/organisations/les-amis/missions/new", data=recurring).text
    )


def test_recurring_mission_from_the_form(client, db, organisation, login_as, add_member):
    add_member(organisation, login_as())
    start = datetime.now(UTC) + timedelta(days=2)
    data = mission_data(
        kind="recurring",
        repeat_until=(start + timedelta(days=27)).strftime("%Y-%m-%d"),
        weekdays=[str(start.weekday()), str((start.weekday() + 2) % 7)],
        starts_at=start.strftime("%Y-%m-%dT18:00"),
        ends_at=start.strftime("%Y-%m-%dT20:00"),
    )
    client.post("/en/volunteers/organisations/les-amis/missions/new", data=data)
    mission = db.scalar(select(Mission))
    assert mission.kind == MissionKind.RECURRING
    assert 7 <= mission.slot_count <= 8
    edit = client.get(f"/en/volunteers/missions/{mission.public_id}/edit")
    assert edit.status_code == 200
    assert 'name="repeat_until"' in edit.text
    data["capacity"] = "4"
    response = client.post(
        f"/en/volunteers/missions/{mission.public_id}/edit", data=data, follow_redirects=False
    )
    assert response.status_code == 303
    db.refresh(mission)
    assert mission.capacity_total == 4 * mission.slot_count


def test_missions_are_reported_and_hidden_through_core_moderation(client, db, make_mission, login_as):
    mission = make_mission("Offre douteuse")
    ref = f"volunteers.mission:{mission.public_id}"
    login_as()
    page = client.get(f"/en/volunteers/missions/{mission.public_id}")
    assert "/en/moderation/report?ref=volunteers.mission" in page.text
    sent = client.post("/en/moderation/report", data={"ref": ref, "reason": "spam", "note": "Publicité."})
    assert sent.status_code == 200
    twice = client.post("/en/moderation/report", data={"ref": ref, "reason": "spam"})
    assert "already reported" in twice.text
    assert (
        client.post("/en/admin/moderation/decide", data={"ref": ref, "decision": "hide"}).status_code == 403
    )
    login_as("moderator")
    assert "Publicité." in client.get("/en/admin/moderation/item", params={"ref": ref}).text
    hide = client.post("/en/admin/moderation/decide", data={"ref": ref, "decision": "hide", "reason": "Pub"})
    assert hide.status_code == 200
    client.post("/en/logout")
    assert client.get(f"/en/volunteers/missions/{mission.public_id}").status_code == 404
    assert "Offre douteuse" not in client.get("/en/volunteers").text


def test_participants_list_validate_decline_and_csv(
    client, db, site, organisation, make_mission, make_account, login_as, add_member
):
    mission = make_mission(capacity=1)
    slot_id = mission.slots[0].id
    first = signup.join(db, site, slot_id, make_account(given_name="Alice", family_name="=cmd|calc"))
    second = signup.join(db, site, slot_id, make_account(given_name="Bruno"))
    db.commit()
    add_member(organisation, login_as())
    page = client.get(f"/en/volunteers/missions/{mission.public_id}/participants")
    assert "Alice" in page.text
    assert "Waiting list, position 1" in page.text
    client.post(
        f"/en/volunteers/participations/{first.participation.id}/decide", data={"decision": "validate"}
    )
    csv_text = client.get(f"/en/volunteers/missions/{mission.public_id}/participants.csv").text
    assert "'=cmd|calc" not in csv_text  # display names start with the given name
    assert "Alice =cmd|calc" in csv_text
    assert ",yes" in csv_text
    client.post(
        f"/en/volunteers/participations/{first.participation.id}/decide", data={"decision": "decline"}
    )
    db.expire_all()
    assert db.get(type(second.participation), second.participation.id).status == ParticipationStatus.CONFIRMED


def test_cancelling_a_mission_tells_its_volunteers(
    client, db, site, organisation, make_mission, make_account, login_as, add_member, notice_kinds
):
    mission = make_mission()
    volunteer = make_account()
    signup.join(db, site, mission.slots[0].id, volunteer)
    db.commit()
    add_member(organisation, login_as())
    client.post(f"/en/volunteers/missions/{mission.public_id}/transition", data={"transition": "cancel"})
    db.refresh(mission)
    assert mission.status == MissionStatus.CANCELLED
    assert notice_kinds(volunteer.id) == {NoticeKind.CANCELLED}


def test_officials_create_organisations_and_admins_add_members(client, db, login_as, make_account):
    admin = make_account(email="admin-orga@example.org")
    colleague = make_account(email="colleague@example.org")
    login_as("official")
    bad = client.post(
        "/en/volunteers/organisations/new",
        data={"name": "X", "slug": "Bad Slug!", "kind": "association", "website": "javascript:alert(1)"},
    )
    assert bad.status_code == 400
    assert "hyphens only" in bad.text
    assert "starting with https://" in bad.text
    client.post(
        "/en/volunteers/organisations/new",
        data={
            "name": "Vélo Pour Tous",
            "slug": "velo-pour-tous",
            "kind": "association",
            "admin_email": admin.email,
        },
    )
    organisation = db.scalar(select(Organisation).where(Organisation.slug == "velo-pour-tous"))
    assert organisation is not None
    client.post("/en/logout")
    from parvis.testing import login

    login(client, admin)
    client.post(
        "/en/volunteers/organisations/velo-pour-tous/members",
        data={"email": colleague.email, "role": "member"},
    )
    roles = dict(db.execute(select(OrgMember.account_id, OrgMember.role)).all())
    assert roles == {admin.id: OrgRole.ADMIN, colleague.id: OrgRole.MEMBER}
    unknown = client.post(
        "/en/volunteers/organisations/velo-pour-tous/members",
        data={"email": "nobody@example.org", "role": "member"},
    )
    assert unknown.status_code == 400
    client.post("/en/logout")
    login(client, colleague)
    # A plain member runs missions but does not manage members.
    assert client.get("/en/volunteers/organisations/velo-pour-tous/manage").status_code == 200
    forbidden = client.post(
        "/en/volunteers/organisations/velo-pour-tous/members", data={"email": admin.email, "role": "member"}
    )
    assert forbidden.status_code == 403


def test_administrators_edit_their_organisations_page(client, db, organisation, login_as, add_member):
    path = "/en/volunteers/organisations/les-amis/edit"
    member = login_as()
    add_member(organisation, member)
    assert client.get(path).status_code == 403, "a plain member runs missions, not the page"
    assert client.post(path, data={"name": "Pirates"}).status_code == 403
    db.query(OrgMember).filter_by(account_id=member.id).update({"role": OrgRole.ADMIN})
    db.commit()
    form = client.get(path)
    assert form.status_code == 200
    assert 'name="kind"' not in form.text, "only City officials say an organisation is the City"
    bad = client.post(path, data={"name": "Les Amis", "website": "ftp://example.org"})
    assert bad.status_code == 400
    assert "starting with https://" in bad.text
    assert 'value="ftp://example.org"' in bad.text, "what was typed is kept"
    saved = client.post(
        path,
        data={
            "name": "Les Amis du Canal",
            "description": "Repas partagés au bord du canal.",
            "website": "https://amis.example.org",
            "kind": "city",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    db.expire_all()
    changed = db.get(Organisation, organisation.id)
    assert (changed.name, changed.website, changed.slug) == (
        "Les Amis du Canal",
        "https://amis.example.org",
        "les-amis",
    )
    assert changed.kind.value == "association"
    assert "Repas partagés au bord du canal." in client.get("/en/volunteers/organisations/les-amis").text
    login_as("official")
    assert 'name="kind"' in client.get(path).text
    client.post(path, data={"name": "Ville de Paris", "kind": "city"})
    db.expire_all()
    assert db.get(Organisation, organisation.id).kind.value == "city"


@pytest.mark.parametrize("lang", ["fr", "en", "ja"])
def test_organisation_pages(client, make_mission, lang):
    make_mission("Repas partagé")
    assert "Les Amis du Quartier" in client.get(f"/{lang}/volunteers/organisations").text
    page = client.get(f"/{lang}/volunteers/organisations/les-amis")
    assert page.status_code == 200
    assert "Repas partagé" in page.text
    assert client.get(f"/{lang}/volunteers/organisations/nope").status_code == 404
