"""Members' life: workshops, the topic vote (one vote per member, in the database), plenary
agendas, the workshops' outputs in the decisions workflow, trainings with a capacity."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from parvis.bodies import services as bodies
from parvis.bodies.models import MembershipStatus
from parvis.db import utcnow
from parvis.decisions.transitions import available
from parvis.identity import Person
from parvis.plugins.assembly.kinds import DELIBERATION, EXPLORATION, MONITORING, PLENARY
from parvis.plugins.assembly.models import AssemblyTopicVote, PollStatus, TopicSource
from parvis.plugins.assembly.services import groups, outputs, plenaries, topics, trainings
from parvis.plugins.assembly.services.common import AssemblyError


@pytest.fixture
def members(db, site, promotion):
    """Five active members seated directly (as core's back office would)."""
    made = []
    for number in range(5):
        person = Person(
            given_name=f"M{number}",
            family_name="Member",
            resident=True,
            birth_date=promotion.term.starts_on.replace(year=1990),
        )
        db.add(person)
        db.flush()
        bodies.add_member(db, site, promotion.body, promotion.term, person, status=MembershipStatus.ACTIVE)
        made.append(person)
    db.commit()
    return made


def test_members_choose_one_workshop_and_everyone_is_in_the_monitoring_space(db, site, promotion, members):
    found = groups.groups_of(db, promotion)
    groups.join(db, site, promotion, found[DELIBERATION], members[0].id)
    groups.join(db, site, promotion, found[EXPLORATION], members[0].id)
    assert [p.id for p in groups.members_of(db, found[EXPLORATION])] == [members[0].id]
    assert groups.members_of(db, found[DELIBERATION]) == []
    assert len(groups.members_of(db, found[MONITORING])) == 5
    kinds = {g.kind for g in groups.groups_of_person(db, promotion, members[0].id)}
    assert kinds == {EXPLORATION, MONITORING}
    with pytest.raises(AssemblyError, match="without registering"):
        groups.join(db, site, promotion, found[MONITORING], members[1].id)
    outsider = Person(given_name="Out")
    db.add(outsider)
    db.flush()
    with pytest.raises(AssemblyError, match="Only active members"):
        groups.join(db, site, promotion, found[DELIBERATION], outsider.id)


def test_topic_vote_one_vote_per_member(db, site, promotion, members):
    group = groups.groups_of(db, promotion)[DELIBERATION]
    poll = topics.poll_for(db, group)
    first = topics.add_topic(db, poll, title="La place des enfants", source=TopicSource.MAYOR)
    second = topics.add_topic(db, poll, title="Le bruit", source=TopicSource.MAYOR)
    with pytest.raises(AssemblyError, match="not open"):
        topics.vote(db, site, poll, members[0].id, first.id)
    topics.open_poll(db, poll, utcnow() + timedelta(days=3))
    for person, topic in zip(members, [first, first, first, second], strict=False):
        topics.vote(db, site, poll, person.id, topic.id)
    with pytest.raises(AssemblyError, match="already voted"):
        topics.vote(db, site, poll, members[0].id, second.id)
    db.commit()
    db.add(AssemblyTopicVote(poll_id=poll.id, topic_id=second.id, person_id=members[0].id))
    with pytest.raises(IntegrityError):  # the database itself refuses a second vote
        db.flush()
    db.rollback()
    assert topics.close_poll(db, poll) == []
    assert topics.chosen(poll).id == first.id
    assert group.description == "La place des enfants"
    assert [(t.title, n) for t, n in topics.results(db, poll)] == [
        ("La place des enfants", 3),
        ("Le bruit", 1),
    ]


def test_a_tie_is_settled_by_the_officials(db, site, promotion, members):
    poll = topics.poll_for(db, groups.groups_of(db, promotion)[DELIBERATION])
    a = topics.add_topic(db, poll, title="A", source=TopicSource.MAYOR)
    b = topics.add_topic(db, poll, title="B", source=TopicSource.MAYOR)
    topics.open_poll(db, poll, None)
    topics.vote(db, site, poll, members[0].id, a.id)
    topics.vote(db, site, poll, members[1].id, b.id)
    assert {t.id for t in topics.close_poll(db, poll)} == {a.id, b.id}
    assert topics.chosen(poll) is None
    topics.settle_tie(db, poll, b)
    assert topics.chosen(poll).id == b.id
    with pytest.raises(AssemblyError, match="no tie"):
        topics.settle_tie(db, poll, a)


def test_exploration_topics_must_be_within_the_citys_competences(db, site, promotion, members):
    poll = topics.poll_for(db, groups.groups_of(db, promotion)[EXPLORATION])
    ok = topics.add_topic(
        db, poll, title="Fontaines", source=TopicSource.MEMBER, proposed_by_id=members[0].id
    )
    out = topics.add_topic(
        db, poll, title="Prix du métro", source=TopicSource.MEMBER, proposed_by_id=members[1].id
    )
    assert ok.admissible is None
    with pytest.raises(AssemblyError, match="at least two admissible"):
        topics.open_poll(db, poll, None)
    topics.review(db, ok, admissible=True)
    topics.review(db, out, admissible=False, note="Île-de-France Mobilités")
    third = topics.add_topic(db, poll, title="Toits", source=TopicSource.MEMBER)
    topics.review(db, third, admissible=True)
    topics.open_poll(db, poll, None)
    assert poll.status == PollStatus.OPEN
    with pytest.raises(AssemblyError, match="Choose among"):
        topics.vote(db, site, poll, members[0].id, out.id)


def test_outputs_go_through_the_decisions_workflow_and_onto_a_plenary(db, site, promotion, official):
    found = groups.groups_of(db, promotion)
    deliberation = outputs.create_output(
        db, site, promotion, found[DELIBERATION], title="Des rues aux écoles", actor=official
    )
    voeu = outputs.create_output(db, site, promotion, found[EXPLORATION], title="Un vœu", actor=official)
    assert deliberation.type == "deliberation"
    assert voeu.type == "voeu"
    assert deliberation.state == "draft"
    assert any(step.to == "validated" for step, _why in available(db, site, deliberation, official))
    start = utcnow() + timedelta(days=100)
    plenary = bodies.add_meeting(
        db,
        site,
        promotion.body,
        title="Plénière",
        kind=PLENARY,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    plenaries.add_item(db, promotion, plenary, deliberation)
    plenaries.add_item(db, promotion, plenary, voeu)
    with pytest.raises(AssemblyError, match="already on the agenda"):
        plenaries.add_item(db, promotion, plenary, voeu)
    assert [d.id for d in plenaries.agenda(db, plenary)] == [deliberation.id, voeu.id]
    assert plenaries.plenaries(db, promotion) == [plenary]


def test_training_sessions_have_a_capacity(db, site, promotion, members):
    training = trainings.add_training(db, promotion, title="Prendre la parole en public")
    start = utcnow() + timedelta(days=30)
    session = trainings.add_session(
        db, site, training, starts_at=start, ends_at=start + timedelta(hours=3), capacity=2
    )
    trainings.enrol(db, promotion, session, members[0].id)
    with pytest.raises(AssemblyError, match="already enrolled"):
        trainings.enrol(db, promotion, session, members[0].id)
    trainings.enrol(db, promotion, session, members[1].id)
    with pytest.raises(AssemblyError, match="full"):
        trainings.enrol(db, promotion, session, members[2].id)
    trainings.unenrol(db, session, members[0].id)
    trainings.enrol(db, promotion, session, members[2].id)
    assert trainings.enrolled_count(db, session) == 2
    assert session.meeting.kind == "training"
    db.commit()
    assert db.scalar(select(func.count()).select_from(type(session))) == 1
