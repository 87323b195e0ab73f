"""Personal data, once in core for every plugin: declarations, export, erasure and the purge.

The central fixture is a person who used every built-in plugin (built with the plugins' own
services where they are light, with rows stored as those services store them where a whole
recruitment or vote would be needed). Erasing them must leave no row that refers to them except
in tables a plugin declared kept, and keep every count: ballots, topic votes, places taken.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from parvis import audit, auth, mail, privacy
from parvis.auth import load_actor
from parvis.bodies import services as bodies
from parvis.bodies.models import AttendanceStatus, Membership, MembershipStatus
from parvis.councils import applications as apps
from parvis.councils.spec import council_for
from parvis.db import Base
from parvis.decisions import authoring, votes
from parvis.decisions.models import BallotChoice, PlenaryBallot
from parvis.i18n import use_locale
from parvis.identity import Account, Gender, Person
from parvis.mail.outbox import MailStatus, OutboxMail
from parvis.moderation.models import ContentReport
from parvis.privacy import LegalBasis, Retention
from parvis.testing import audit_entries, login

PERSONAL_TABLES_WITHOUT_KEYS = {
    # Personal data in tables with no foreign key to a person or an account.
    "core_audit_event",  # actor id and name, address
    "core_followup_event",  # the official's name shown in the public history
    "core_rate_counter",  # failed attempts: a hash of the address typed, the network address
    "assembly_invitee",  # names and addresses from the electoral roll
    "assembly_response",  # answers to the questionnaire
    "budget_ballot",  # anonymous ballots
}


@pytest.fixture(autouse=True)
def english(site):
    with use_locale("en"):
        yield


def tables_referring_to_people() -> set[str]:
    found = set()
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name in {"core_person", "core_account"}:
                found.add(table.name)
    return found


# -- declarations ---------------------------------------------------------------------------------


@pytest.mark.hooks("register_personal_data")
def test_every_table_that_refers_to_a_person_or_an_account_is_declared(site):
    declared = {table for item in privacy.declarations(site) for table in item.tables}
    missing = (tables_referring_to_people() | PERSONAL_TABLES_WITHOUT_KEYS) - declared
    assert not missing, f"tables with personal data no plugin declares: {sorted(missing)}"


@pytest.mark.hooks("register_personal_data")
def test_core_and_every_built_in_plugin_declare_their_personal_data(site):
    items = privacy.declarations(site)
    prefixes = {item.code.split(".")[0] for item in items}
    assert {
        "core",
        "decisions",
        "assembly",
        "youth_council",
        "europeans_council",
        "budget",
        "volunteers",
    } <= prefixes
    codes = [item.code for item in items]
    assert len(codes) == len(set(codes)), "each declaration has its own code"
    for item in items:
        assert item.legal_basis in LegalBasis
        assert str(item.title) and str(item.purpose) and item.categories and item.recipients
        assert item.retention.describe().startswith("Until ")


def test_retention_is_data_that_reads_in_every_language():
    assert (
        Retention("the end of the term", months=6).describe() == "Until 6 months after the end of the term."
    )
    assert Retention("the vote", years=3).describe() == "Until 3 years after the vote."
    assert Retention("the action", days=1095).describe() == "Until 3 years after the action."
    assert Retention("you delete your account").describe() == "Until you delete your account."
    with use_locale("fr"):
        assert Retention("the draw", days=120).describe() == "Jusqu’à 120 jours après le tirage au sort."
    with use_locale("ja"):
        assert "120" in Retention("the draw", days=120).describe()


def test_the_privacy_page_is_generated_from_the_declarations(client, site):
    page = client.get("/en/privacy")
    assert page.status_code == 200
    for item in privacy.declarations(site):
        assert str(item.title).replace("'", "&#39;") in page.text
    assert "Citizens&#39; Assembly" in page.text and "Volunteering" in page.text
    assert LegalBasis.PUBLIC_TASK.label in page.text
    assert "Until 120 days after the draw." in page.text  # the Assembly's reserve_days setting
    assert site.config.site.contact_email in page.text
    assert 'href="/en/account/data"' in page.text and 'href="/en/account/delete"' in page.text
    french = client.get("/fr/privacy")
    assert "Base légale" in french.text and "Assemblée citoyenne" in french.text


class TestACityWithTwoPlugins:
    @pytest.fixture
    def parvis_plugins(self):
        return ["budget", "volunteers"]

    def test_sees_only_its_plugins_on_the_privacy_page(self, client):
        page = client.get("/en/privacy")
        assert page.status_code == 200
        assert "Participatory budget" in page.text and "Volunteering" in page.text
        assert "Citizens&#39; Assembly" not in page.text
        assert "Youth Council" not in page.text and "Council of Europeans" not in page.text


# -- a person who used every plugin ---------------------------------------------------------------


@pytest.fixture
def everything(db, site, make_account, clock):
    """Eve used every plugin: her account and details, a session, a mail, an Assembly seat with
    answers, workshops, profile, topic vote and proposal, a training, pay, attendance, a plenary
    vote, a Youth Council application, a budget idea, ballot and residence check, volunteering
    sign-ups past and to come, a campaign, an organisation, a notice, a calendar and a report."""
    from parvis.api.content import ContentRef
    from parvis.api.moderation import report
    from parvis.plugins.assembly.kinds import DELIBERATION, PLENARY
    from parvis.plugins.assembly.models import (
        AssemblyApplication,
        AssemblyDraw,
        AssemblyInvitee,
        AssemblyPaymentBatch,
        AssemblyPaymentLine,
        AssemblyResponse,
        AssemblySeat,
        DrawKind,
        DrawStatus,
        TopicSource,
    )
    from parvis.plugins.assembly.services import groups, profiles, promotions, topics, trainings
    from parvis.plugins.budget.models import CITY, Ballot, Campaign, Idea, IdeaStatus, Scope, VoterRecord
    from parvis.plugins.budget.services import participants
    from parvis.plugins.volunteers import notify, signup
    from parvis.plugins.volunteers.models import (
        CampaignRole,
        CampaignSignup,
        Mission,
        MissionStatus,
        NoticeKind,
        Organisation,
        OrgMember,
        Slot,
        VolunteerCampaign,
    )
    from parvis.plugins.volunteers.web.me import feed_token

    clock.set(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    now = site.now()
    today = site.today()
    official_account = make_account("official", email="official@example.org")
    official = load_actor(db, official_account)
    other = make_account(email="other@example.org")
    eve = make_account(
        email="eve@example.org",
        given_name="Eve",
        family_name="Rything",
        birth_date=date(2001, 4, 2),
        gender=Gender.WOMAN,
        address="1 rue de la Paix",
    )
    person = eve.person

    # core: a session, a mail, an audit entry about her
    auth.start_session(db, eve)
    mail.send(db, site, eve, "Welcome", "Hello Eve.", kind="test")
    audit.record(db, site, "core.personal_data.export", actor=official, target=eve, records=1)

    # the Assembly: a seat from a draw with her answers, life as a member, pay, attendance
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label="2026-27",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=300),
    )
    body, term = promotion.body, promotion.term
    college = body.colleges[0]
    membership = bodies.add_member(
        db, site, body, term, person, college=college, status=MembershipStatus.ACTIVE
    )
    other_membership = bodies.add_member(db, site, body, term, other.person, status=MembershipStatus.ACTIVE)
    draw = AssemblyDraw(
        promotion_id=promotion.id,
        college_id=college.id,
        kind=DrawKind.LOT,
        status=DrawStatus.PUBLISHED,
        seats=1,
        drawn_at=now - timedelta(days=20),
    )
    db.add(draw)
    db.flush()
    db.add(
        AssemblySeat(promotion_id=promotion.id, draw_id=draw.id, membership_id=membership.id, pool_id="P-EVE")
    )
    invitee = AssemblyInvitee(
        promotion_id=promotion.id,
        college_id=college.id,
        source_id="E0000001",
        rank=1,
        given_name="Eve",
        family_name="Rything",
        address="1 rue de la Paix",
        postcode="75002",
        city="Paris",
    )
    db.add(invitee)
    db.flush()
    db.add(
        AssemblyResponse(
            promotion_id=promotion.id,
            college_id=college.id,
            invitee_id=invitee.id,
            pool_id="P-EVE",
            locale="en",
            resident=True,
            gender="woman",
            district="centre",
            availability="yes",
            consent=True,
        )
    )
    db.add(
        AssemblyApplication(
            promotion_id=promotion.id,
            college_id=college.id,
            account_id=eve.id,
            person_id=person.id,
            pool_id="P-EVE-B",
            birth_date=person.birth_date,
            nationality="MA",
            gender="woman",
            district="centre",
            availability="yes",
            motivation="Je veux participer.",
            consent=True,
            eligible=False,
        )
    )
    group = groups.groups_of(db, promotion)[DELIBERATION]
    groups.join(db, site, promotion, group, person.id)
    profiles.save(db, person.id, bio="J'aime mon quartier.", show_email=False)
    poll = topics.poll_for(db, group)
    mine = topics.add_topic(
        db, poll, title="Les cours d'école", source=TopicSource.MEMBER, proposed_by_id=person.id
    )
    mine.admissible = True
    topics.add_topic(db, poll, title="Le bruit", source=TopicSource.MAYOR)
    topics.open_poll(db, poll, None)
    topics.vote(db, site, poll, person.id, mine.id)
    topics.vote(db, site, poll, other.person_id, mine.id)
    training = trainings.add_training(db, promotion, title="Prendre la parole")
    session = trainings.add_session(
        db,
        site,
        training,
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=2),
        capacity=10,
    )
    trainings.enrol(db, promotion, session, person.id)
    batch = AssemblyPaymentBatch(
        promotion_id=promotion.id,
        period_start=today.replace(day=1),
        period_end=today,
        exported_at=now - timedelta(days=2),
        total_cents=4400,
    )
    db.add(batch)
    db.flush()
    db.add(
        AssemblyPaymentLine(
            batch_id=batch.id, person_id=person.id, period_start=batch.period_start, half_days=1, cents=4400
        )
    )
    meeting = bodies.add_meeting(
        db,
        site,
        body,
        title="Plénière",
        kind=PLENARY,
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3, hours=-3),
    )
    bodies.record_attendance(db, meeting, {person.id: AttendanceStatus.PRESENT})

    # decisions: a members' vote she took part in
    decision = authoring.create_decision(
        db,
        site,
        body=body,
        term=term,
        decision_type="recommendation",
        title="Des cours oasis",
        actor=official,
    )
    vote = votes.open_vote(db, site, decision, official)
    votes.cast_ballot(db, vote, person.id, BallotChoice.FOR)
    votes.cast_ballot(db, vote, other.person_id, BallotChoice.AGAINST)

    # the Youth Council: an application
    youth = council_for(site, "youth_council")
    council = bodies.create_body(db, site, "youth_council", "Conseil parisien de la jeunesse")
    youth_term = bodies.add_term(db, council, "2027", today + timedelta(days=30), today + timedelta(days=760))
    call = apps.create_call(
        db,
        council,
        youth_term,
        title="Appel 2027",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=5),
    )
    apps.apply(db, site, youth, call, person, motivation="Pour les jeunes.", today=today)

    # the participatory budget: an idea, a ballot (stored as cast_ballot stores it), a check
    campaign = Campaign(
        slug="2026",
        year=2026,
        title="Budget participatif 2026",
        total_amount=10_000,
        citywide_amount=3_000,
        rule="majority_judgment_greedy",
        n_grades=5,
    )
    db.add(campaign)
    db.flush()
    for title, description, theme, status in (
        ("Un jardin", "Des arbres.", "environment", IdeaStatus.ADMISSIBLE),
        ("Un banc", "Pour s'asseoir.", "living", IdeaStatus.SUBMITTED),
    ):
        db.add(
            Idea(
                campaign_id=campaign.id,
                title=title,
                description=description,
                level=CITY,
                theme=theme,
                author_person_id=person.id,
                author_name="Eve R.",
                status=status,
            )
        )
    db.add(VoterRecord(campaign_id=campaign.id, scope=Scope.CITY, person_id=person.id))
    db.add(
        Ballot(
            campaign_id=campaign.id,
            level=CITY,
            id="b" * 32,
            grades=b"\x04",
            receipt_hash="h" * 64,
            cast_on=today,
        )
    )
    participants.request_verification(db, person)

    # volunteering: a mission done, one to come (with someone waiting), a campaign, an organisation
    org = Organisation(slug="amis", name="Les Amis")
    db.add(org)
    db.flush()
    db.add(OrgMember(organisation_id=org.id, account_id=eve.id))

    def mission(title, starts):
        found = Mission(
            organisation_id=org.id,
            title=title,
            theme="solidarity",
            status=MissionStatus.PUBLISHED,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            slot_count=1,
            capacity_total=1,
        )
        db.add(found)
        db.flush()
        slot = Slot(mission_id=found.id, starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=1)
        db.add(slot)
        db.flush()
        return found, slot

    past_mission, past_slot = mission("Maraude", now + timedelta(hours=1))
    signup.join(db, site, past_slot.id, eve, now)
    future_mission, future_slot = mission("Distribution", now + timedelta(days=10))
    signup.join(db, site, future_slot.id, eve, now)
    waiting = signup.join(db, site, future_slot.id, other, now)
    campaign_v = VolunteerCampaign(
        slug="nds",
        title="Nuit de la Solidarité",
        starts_at=now + timedelta(days=40),
        ends_at=now + timedelta(days=41),
    )
    db.add(campaign_v)
    db.flush()
    db.add(
        CampaignSignup(
            campaign_id=campaign_v.id,
            account_id=eve.id,
            role=CampaignRole.FIELD_VOLUNTEER,
            district="11",
            charter_accepted_at=now,
        )
    )
    notify.tell(db, site, eve, NoticeKind.VALIDATED, past_mission, slot=past_slot)
    feed_token(db, eve.id)
    db.flush()
    report(
        db,
        site,
        eve,
        ContentRef("volunteers.mission", future_mission.public_id),
        reason="other",
        note="Horaires faux",
    )
    db.commit()
    clock.advance(timedelta(hours=4))  # the first mission is over
    return {
        "eve": eve,
        "person": person,
        "other": other,
        "official": official_account,
        "poll": poll,
        "vote": vote,
        "campaign": campaign,
        "slots": (past_slot, future_slot),
        "waiting": waiting.participation,
        "future_mission": future_mission,
        "membership": membership,
        "other_membership": other_membership,
    }


EVERY_SECTION = {
    "core.account",
    "core.person",
    "core.sessions",
    "core.mail",
    "core.memberships",
    "core.attendance",
    "core.audit",
    "decisions.plenary_votes",
    "youth_council.applications",
    "assembly.seats",
    "assembly.answers",
    "assembly.applications",
    "assembly.workshops",
    "assembly.profile",
    "assembly.topics",
    "assembly.topic_votes",
    "assembly.trainings",
    "assembly.pay",
    "budget.ideas",
    "budget.votes",
    "budget.verification",
    "volunteers.participations",
    "volunteers.campaigns",
    "volunteers.organisations",
    "core.moderation.reports",
    "volunteers.calendar",
}


@pytest.mark.hooks("export_personal_data")
def test_the_export_holds_every_plugins_data_for_the_person(db, site, everything):
    found = privacy.export(db, site, everything["eve"])
    codes = {s.code for s in found.sections}
    assert codes >= EVERY_SECTION, sorted(EVERY_SECTION - codes)
    assert [s.code for s in found.sections][:2] == ["core.account", "core.person"]  # core first
    data = json.loads(found.to_json())
    assert data["format"] == "parvis.personal-data/1"
    assert data["subject"] == {"email": "eve@example.org", "name": "Eve Rything"}
    text = found.to_json().decode()
    for fact in (
        "1 rue de la Paix",
        "Je veux participer.",
        "Les cours d'école",
        "Pour les jeunes.",
        "Un jardin",
        "Maraude",
        "Horaires faux",
        "Welcome",
        "J'aime mon quartier.",
        "Prendre la parole",
    ):
        assert fact in text, fact
    assert "password_hash" not in text and eve_hash(everything) not in text
    assert found.filename(date(2026, 12, 3)) == "parvis-my-data-2026-12-03.json"
    # Nobody else's data: the other member's vote and address are not in Eve's export.
    assert "other@example.org" not in text


def eve_hash(everything) -> str:
    return everything["eve"].password_hash


def test_the_export_speaks_the_persons_language(db, site, everything):
    with use_locale("fr"):
        found = privacy.export(db, site, everything["eve"])
    titles = {s.code: s.title for s in found.sections}
    assert titles["core.account"] == "Votre compte"
    assert found.language == "fr"


def rows_referring_to(db, account_id: int, person_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            target = fk.column.table.name
            key = {"core_person": person_id, "core_account": account_id}.get(target)
            if key is None or (table.name in {"core_person", "core_account"} and target == table.name):
                continue
            n = db.scalar(select(func.count()).select_from(table).where(fk.parent == key)) or 0
            if n:
                counts[table.name] = counts.get(table.name, 0) + n
    return counts


@pytest.mark.hooks("erase_personal_data", "personal_data_kept")
def test_erasure_leaves_only_what_is_declared_kept_and_keeps_every_count(db, site, everything):
    from parvis.plugins.assembly.models import AssemblySeat
    from parvis.plugins.assembly.services import topics
    from parvis.plugins.budget.models import Ballot, Idea, VoterRecord
    from parvis.plugins.volunteers.models import Participation, ParticipationStatus, Slot

    eve, person = everything["eve"], everything["person"]
    account_id, person_id = eve.id, person.id
    results_before = [(t.title, n) for t, n in topics.results(db, everything["poll"])]
    preview = privacy.kept_on_erasure(db, site, eve)
    erasure = privacy.erase(db, site, eve)
    db.commit()
    db.expire_all()

    assert [k.what for k in erasure.kept] == [k.what for k in preview], "the confirmation page said the same"
    assert erasure.account_deleted and not erasure.person_deleted  # kept rows refer to an anonymous record
    declared = {table for item in erasure.kept for table in item.tables}
    left = rows_referring_to(db, account_id, person_id)
    assert set(left) <= declared, f"rows still referring to the person, not declared kept: {left}"
    assert db.get(Account, account_id) is None
    anonymous = db.get(Person, person_id)
    assert anonymous.erased_at is not None and anonymous.email is None and anonymous.birth_date is None
    assert anonymous.address is None and anonymous.district is None
    assert (anonymous.given_name, anonymous.family_name) == ("Eve", "Rything")  # pay records keep the name
    assert anonymous.public_id != person.public_id

    # every count stays: ballots, topic votes, plenary participants, places taken
    assert db.scalar(select(func.count()).select_from(Ballot)) == 1
    assert db.scalar(select(func.count()).select_from(VoterRecord)) == 1
    assert [(t.title, n) for t, n in topics.results(db, everything["poll"])] == results_before
    vote = everything["vote"]
    assert votes.participants(db, vote) == 2
    assert db.scalar(select(func.count()).where(PlenaryBallot.vote_id == vote.id)) == 2
    assert db.scalar(select(func.count()).where(PlenaryBallot.voter_id == person_id)) == 0
    for slot in db.scalars(select(Slot)):
        confirmed = db.scalar(
            select(func.count()).where(
                Participation.slot_id == slot.id, Participation.status == ParticipationStatus.CONFIRMED
            )
        )
        assert slot.taken == confirmed
    past_slot, _future_slot = everything["slots"]
    assert db.get(Slot, past_slot.id).taken == 1  # her past mission still counts her, namelessly
    promoted = db.get(Participation, everything["waiting"].id)
    assert promoted.status == ParticipationStatus.CONFIRMED  # her place to come went to the waiting list
    assert not db.scalar(select(func.count()).select_from(ContentReport))  # her report went with her

    # the seat is vacant, the membership ended; the other member is untouched
    seat = db.scalar(select(AssemblySeat).where(AssemblySeat.pool_id == "P-EVE"))
    assert seat.vacated_at is not None
    assert db.get(Membership, everything["membership"].id).status == MembershipStatus.LEFT
    assert db.get(Membership, everything["other_membership"].id).status == MembershipStatus.ACTIVE
    ideas = db.scalars(select(Idea)).all()
    assert [(i.title, i.author_person_id, i.author_name) for i in ideas] == [("Un jardin", None, "")]

    # audited with an opaque reference and nothing about her
    entry = db.scalar(select(audit.AuditEvent).where(audit.AuditEvent.action == "core.personal_data.erase"))
    assert entry.target_id == erasure.reference and entry.actor_id is None
    assert (
        "Eve"
        not in json.dumps({"name": entry.actor_name, "label": entry.target_label, "details": entry.details})
        and entry.address == ""
    )


def test_erasure_deletes_a_person_nothing_needs(db, site, make_account):
    account = make_account(email="brief@example.org")
    person_id = account.person_id
    erasure = privacy.erase(db, site, account)
    db.commit()
    assert erasure.kept == [] and erasure.person_deleted
    assert db.get(Person, person_id) is None
    assert (
        db.scalar(select(func.count()).select_from(Account).where(Account.email == "brief@example.org")) == 0
    )


def test_an_account_a_kept_record_requires_is_anonymised_and_its_address_freed(db, site, make_account):
    from parvis.plugins.budget.models import BallotBox, BoxKind, Campaign, PaperReport

    official = make_account("official", email="counter@example.org")
    campaign = Campaign(
        slug="c", year=2026, title="C", total_amount=1, citywide_amount=1, rule="r", n_grades=5
    )
    db.add(campaign)
    db.flush()
    box = BallotBox(campaign_id=campaign.id, name="Mairie", kind=BoxKind.FIXED, district="11")
    db.add(box)
    db.flush()
    db.add(
        PaperReport(
            box_id=box.id, slot=1, entered_by_id=official.id, signatures=3, city_ballots=3, district_ballots=0
        )
    )
    db.commit()
    account_id = official.id
    kept = privacy.erase(db, site, official).kept
    db.commit()
    assert any("ballot box counts" in k.what for k in kept)
    tombstone = db.get(Account, account_id)
    assert tombstone is not None and not tombstone.active and tombstone.email.endswith("@invalid")
    assert tombstone.display_name == "" and tombstone.person_id is None
    assert not auth.verify_password(tombstone, "password-123456")
    again = make_account(email="counter@example.org")  # the address is free for a new account
    assert again.id != account_id


# -- the pages ---------------------------------------------------------------------------------------


def test_download_my_data_as_a_page_and_a_file(client, db, site, make_account):
    account = make_account(email="reader@example.org", given_name="Rhea", family_name="Reader")
    login(client, account)
    page = client.get("/en/account")
    assert 'href="/en/account/data"' in page.text and 'href="/en/account/delete"' in page.text
    page = client.get("/en/account/data")
    assert page.status_code == 200
    assert "<h2" in page.text and 'scope="row"' in page.text and "reader@example.org" in page.text
    download = client.get("/en/account/data.json")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/json")
    assert download.headers["content-disposition"].startswith(
        f'attachment; filename="parvis-my-data-{site.today().isoformat()}.json"; '
    )
    assert "no-store" in download.headers["cache-control"]
    data = download.json()
    assert data["subject"]["email"] == "reader@example.org"
    assert {s["code"] for s in data["sections"]} >= {"core.account", "core.person", "core.sessions"}
    client.cookies.clear()
    assert client.get("/en/account/data.json", follow_redirects=False).status_code in (303, 401)


def test_delete_my_account_says_what_is_kept_asks_the_password_and_signs_out(client, db, site, everything):
    eve = everything["eve"]
    eve_id = eve.id
    login(client, eve)
    page = client.get("/en/account/delete")
    assert page.status_code == 200
    assert "Your pay records" in page.text and "stay counted" in page.text
    assert 'autocomplete="current-password"' in page.text
    wrong = client.post("/en/account/delete", data={"password": "not-my-password"})
    assert wrong.status_code == 400 and "This is not your password." in wrong.text
    assert db.get(Account, eve_id) is not None
    done = client.post("/en/account/delete", data={"password": "password-123456"}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"].startswith("/en/account/deleted?reference=E-")
    assert 'parvis_session=""' in done.headers.get(
        "set-cookie", ""
    ) or "parvis_session=;" in done.headers.get("set-cookie", "")
    goodbye = client.get(done.headers["location"])
    assert goodbye.status_code == 200 and "Your account is deleted" in goodbye.text
    assert client.get("/en/account", follow_redirects=False).status_code in (303, 401)
    refused = client.post("/en/login", data={"email": "eve@example.org", "password": "password-123456"})
    assert refused.status_code == 400
    assert db.scalar(select(func.count()).where(auth.AuthSession.account_id == eve_id)) == 0


def test_officials_cannot_delete_their_own_account_here(client, db, login_as):
    official = login_as("official")
    page = client.get("/en/account/delete")
    assert (
        "ask an administrator" in page.text
        and '<form method="post" action="/en/account/delete"' not in page.text
    )
    refused = client.post("/en/account/delete", data={"password": "password-123456"})
    assert refused.status_code == 403
    assert db.get(Account, official.id) is not None


# -- the purge ------------------------------------------------------------------------------------


@pytest.mark.hooks("purge_personal_data")
def test_the_purge_removes_what_is_expired_and_only_that(db, site, clock, make_account):
    from parvis.plugins.budget.models import Verification, VerificationStatus

    clock.set(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    now = site.now()
    account = make_account(email="purge@example.org")
    fresh_session = auth.AuthSession(
        token_hash="a" * 64, account_id=account.id, expires_at=now + timedelta(days=1)
    )
    old_session = auth.AuthSession(
        token_hash="b" * 64, account_id=account.id, expires_at=now - timedelta(seconds=1)
    )
    db.add_all([fresh_session, old_session])
    old_mail = mail.send(db, site, account, "Old", "Old.")
    old_mail.status, old_mail.sent_at = MailStatus.SENT, now - timedelta(days=91)
    recent_mail = mail.send(db, site, account, "Recent", "Recent.")
    recent_mail.status, recent_mail.sent_at = MailStatus.SENT, now - timedelta(days=89)
    queued = mail.send(db, site, account, "Waiting", "Waiting.")
    queued.created_at = now - timedelta(days=200)
    db.add(
        Verification(
            person_id=account.person_id,
            status=VerificationStatus.VERIFIED,
            decided_at=now - timedelta(days=366),
        )
    )
    other = make_account(email="recent@example.org")
    db.add(
        Verification(
            person_id=other.person_id,
            status=VerificationStatus.VERIFIED,
            decided_at=now - timedelta(days=364),
        )
    )
    db.commit()
    counts = privacy.purge_expired(site)
    assert counts["core.sessions"] == 1 and counts["core.mail"] == 1 and counts["budget.verifications"] == 1
    db.expire_all()
    assert [s.token_hash for s in db.scalars(select(auth.AuthSession))] == ["a" * 64]
    assert sorted(m.subject for m in db.scalars(select(OutboxMail))) == ["Recent", "Waiting"]
    assert [v.person_id for v in db.scalars(select(Verification))] == [other.person_id]
    entry = db.scalar(select(audit.AuditEvent).where(audit.AuditEvent.action == "core.personal_data.purge"))
    assert entry.records == 3 and entry.details["core.mail"] == 1
    assert sum(privacy.purge_expired(site).values()) == 0  # nothing more is due: it only deletes what expired


def test_a_failing_plugin_purge_does_not_stop_the_others(db, site, make_site, clock):
    import types

    from parvis import hookimpl

    def broken(db, site, now):
        raise RuntimeError("boom")

    failing = types.SimpleNamespace(purge_personal_data=hookimpl(broken))
    other_site = make_site([], extra=(("failing", failing),))
    other_site.clock = site.clock
    with pytest.raises(privacy.PurgeFailed) as caught:
        privacy.purge_expired(other_site)
    assert caught.value.plugins == ["failing"]
    assert "core.sessions" in caught.value.counts


def test_an_anonymous_record_stays_nameless_and_goes_once_nothing_refers_to_it(db, site, make_account):
    from parvis.plugins.budget.models import Campaign, Scope, VoterRecord

    account = make_account(email="voter@example.org", given_name="Vic")
    campaign = Campaign(
        slug="v", year=2026, title="V", total_amount=1, citywide_amount=1, rule="r", n_grades=5
    )
    db.add(campaign)
    db.flush()
    db.add(VoterRecord(campaign_id=campaign.id, scope=Scope.CITY, person_id=account.person_id))
    db.commit()
    person_id = account.person_id
    privacy.erase(db, site, account)
    db.commit()
    anonymous = db.get(Person, person_id)
    assert anonymous.given_name == "" and anonymous.full_name == "Erased person"
    assert privacy.purge_expired(site).get("core.erased_people", 0) == 0  # the turnout record needs it
    db.delete(campaign)  # its "has voted" records go with it
    db.commit()
    assert privacy.purge_expired(site)["core.erased_people"] == 1
    db.rollback()
    assert db.scalar(select(func.count()).where(Person.id == person_id)) == 0


def test_the_queue_runs_the_purge_every_night_without_a_cron_line(db, site, clock, make_account, run_jobs):
    from zoneinfo import ZoneInfo

    night = datetime(2026, 12, 4, 3, 17, tzinfo=ZoneInfo(site.config.site.timezone))
    clock.set(night.astimezone(UTC) - timedelta(hours=1))
    account = make_account(email="night@example.org")
    db.add(auth.AuthSession(token_hash="c" * 64, account_id=account.id, expires_at=site.now()))
    db.commit()
    clock.set(night.astimezone(UTC))
    run_jobs.schedule(night - timedelta(hours=1))  # other jobs run this minute, not the purge
    run_jobs()
    db.rollback()
    assert db.scalar(select(func.count()).select_from(auth.AuthSession)) == 1
    assert run_jobs.schedule(night) >= 1
    run_jobs()
    db.rollback()  # a new snapshot: the job committed in its own transaction
    assert db.scalar(select(func.count()).select_from(auth.AuthSession)) == 0
    [entry] = audit_entries(db, "core.personal_data.purge")
    assert entry.details["core.sessions"] == 1
