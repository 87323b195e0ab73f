"""Demo data of the Citizens' Assembly: the members' life once drawn. Most accept (a few decline and
are refilled), join workshops, vote on their topics, meet, follow trainings, put their first texts
on a plenary's agenda and are compensated. Texts in ``demo_content``.
"""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import Actor, bodies, sortition
from parvis.api.bodies import AttendanceStatus, Group, Meeting
from parvis.api.demo import DemoContext
from parvis.plugins.assembly.demo_content import (
    ATTENDANCE,
    DECLINING,
    DELIBERATION_MONTHS,
    DELIBERATION_SHARE,
    DELIBERATION_TITLE,
    EXPLORATION_AGENDA,
    EXPLORATION_PLACE,
    EXPLORATION_TITLE,
    FRIDAY_AGENDA,
    FRIDAY_EVENING,
    HALL,
    INADMISSIBLE_NOTE,
    MAYOR_TOPICS,
    MEMBER_BIO,
    MEMBER_TOPICS,
    MONITORING_AGENDA,
    MONITORING_ATTENDANCE,
    MONITORING_MONTHS,
    MONITORING_TITLE,
    OUTPUTS,
    PLENARY_AGENDA,
    PLENARY_MONTHS,
    PLENARY_PLACE,
    PLENARY_TITLE,
    REPLACEMENT_INPUTS,
    SATURDAY,
    SATURDAY_AGENDA,
    TOPIC_WEIGHTS,
    TRAINING_PLACE,
    TRAININGS,
    TURNOUT,
)
from parvis.plugins.assembly.demo_recruitment import at
from parvis.plugins.assembly.kinds import (
    DELIBERATION,
    EXPLORATION,
    MONITORING,
    MONITORING_SESSION,
    PLENARY,
    WORKSHOP,
    WORKSHOP_DAY,
)
from parvis.plugins.assembly.models import AssemblyPromotion, TopicSource
from parvis.plugins.assembly.services import (
    common,
    compensation,
    draws,
    groups,
    outputs,
    plenaries,
    profiles,
    register,
    seats,
    topics,
    trainings,
)
from parvis.plugins.assembly.settings import ROLL


def _refill(db: Session, site: Any, declined: list[Any]) -> None:
    """The declined seats are refilled as the settings say: by one replacement draw (published in
    the register of draws), or each from the reserve. When nobody keeps the quotas the seat stays
    empty, as it would."""
    if not declined:
        return
    draw = declined[0].draw
    if register.uses_draw(site, draw):
        with contextlib.suppress(common.AssemblyError):
            inputs = [REPLACEMENT_INPUTS.format(today=site.today().isoformat())]
            for new in seats.replace_by_draw(db, site, draw, inputs):
                seats.accept(db, site, new)
        return
    for seat in declined:
        with contextlib.suppress(common.AssemblyError):
            seats.accept(db, site, seats.replace(db, site, seat))


def _replaceable(candidates: list[Any], count: int) -> list[Any]:
    """The first ``count`` seats whose departure together the rest of the pool can make up within
    the quotas (tight quotas leave some seats irreplaceable: the demo shows replacements that work)."""
    if not candidates:
        return []
    draw = candidates[0].draw
    record, pool = draws.record_of(draw), draws.pool_of(draw)
    chosen: list[Any] = []
    for seat in candidates:
        if len(chosen) == count:
            break
        leaving = [*(s.pool_id for s in chosen), seat.pool_id]
        if record is not None and sortition.replacements(record, pool, leaving).get(seat.pool_id):
            chosen.append(seat)
    return chosen


def seat_everyone(db: Session, site: Any, demo: DemoContext, promotion: AssemblyPromotion) -> Any:
    """Most accept; three decline and are replaced (by a replacement draw). One seat goes to the demo
    member account (assembly@example.org), who accepts with it."""
    found = seats.seats_of(db, promotion)
    roll_seats = [s for s in found if s.membership.college and s.membership.college.code == ROLL]
    declining = {s.id for s in _replaceable(roll_seats[DECLINING:], DECLINING)}
    member_seat = roll_seats[0]
    person = member_seat.membership.person
    account = demo.account("assembly", person)
    db.add(account)
    db.flush()
    for seat in found:
        if seat.id in declining:
            seats.decline(db, site, seat)
        else:
            seats.accept(db, site, seat, account if seat.id == member_seat.id else None)
    _refill(db, site, [s for s in roll_seats if s.id in declining])
    profiles.save(
        db,
        person.id,
        bio=MEMBER_BIO,
        show_email=True,
    )
    return person


def join_workshops(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, found: dict[str, Group], member: Any
) -> None:
    for membership in profiles.members(db, promotion):
        kind = (
            DELIBERATION
            if membership.person_id == member.id or rng.random() < DELIBERATION_SHARE
            else EXPLORATION
        )
        groups.join(db, site, promotion, found[kind], membership.person_id)


def vote_on_topics(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, found: dict[str, Group], member: Any
) -> None:
    deliberation = topics.poll_for(db, found[DELIBERATION])
    for title, description in MAYOR_TOPICS:
        topics.add_topic(db, deliberation, title=title, description=description, source=TopicSource.MAYOR)
    exploration = topics.poll_for(db, found[EXPLORATION])
    explorers = groups.members_of(db, found[EXPLORATION])
    for (title, description, admissible), proposer in zip(MEMBER_TOPICS, explorers, strict=False):
        topic = topics.add_topic(
            db,
            exploration,
            title=title,
            description=description,
            source=TopicSource.MEMBER,
            proposed_by_id=proposer.id,
        )
        topics.review(
            db,
            topic,
            admissible=admissible,
            note="" if admissible else INADMISSIBLE_NOTE,
        )
    for poll, weights in (
        (deliberation, TOPIC_WEIGHTS[DELIBERATION]),
        (exploration, TOPIC_WEIGHTS[EXPLORATION]),
    ):
        topics.open_poll(db, poll, None)
        candidates = topics.candidates(poll)
        voters = [m.person_id for m in profiles.members(db, promotion)]
        for person_id in voters:
            if person_id == member.id and poll is deliberation:
                choice = candidates[0]
            else:
                choice = rng.choices(candidates, weights[: len(candidates)])[0]
            if rng.random() < TURNOUT:
                topics.vote(db, site, poll, person_id, choice.id)
        tied = topics.close_poll(db, poll)
        if tied:
            topics.settle_tie(db, poll, tied[0])


def plan_meetings(
    db: Session, site: Any, *, promotion: AssemblyPromotion, found: dict[str, Group]
) -> list[Meeting]:
    """The year's workshops (Deliberation: Friday evening and Saturday; Exploration: a Wednesday
    evening), monitoring sessions and plenaries."""
    start, body = promotion.term.starts_on, promotion.body
    made: list[Meeting] = []

    def meeting(
        title: str, kind: str, day: date, hours: tuple[tuple[int, int], tuple[int, int]], **more: Any
    ) -> None:
        (start_hour, start_minute), (end_hour, end_minute) = hours
        made.append(
            bodies.add_meeting(
                db,
                site,
                body,
                title=title,
                kind=kind,
                starts_at=at(day, start_hour, start_minute),
                ends_at=at(day, end_hour, end_minute),
                **more,
            )
        )

    for number, month_offset in enumerate(DELIBERATION_MONTHS, start=1):
        friday = _friday_on_or_after(_month(start, month_offset) + timedelta(days=9))
        title = DELIBERATION_TITLE.format(number=number)
        deliberation = {"group": found[DELIBERATION], "place": HALL}
        meeting(
            title + FRIDAY_EVENING,
            WORKSHOP,
            friday,
            ((18, 30), (21, 30)),
            agenda=FRIDAY_AGENDA,
            **deliberation,
        )
        saturday = friday + timedelta(days=1)
        meeting(
            title + SATURDAY,
            WORKSHOP_DAY,
            saturday,
            ((9, 30), (17, 0)),
            agenda=SATURDAY_AGENDA,
            **deliberation,
        )
        meeting(
            EXPLORATION_TITLE.format(number=number),
            WORKSHOP,
            friday - timedelta(days=9),
            ((18, 30), (21, 30)),
            group=found[EXPLORATION],
            place=EXPLORATION_PLACE,
            agenda=EXPLORATION_AGENDA,
        )
    for month_offset in MONITORING_MONTHS:
        tuesday = _month(start, month_offset) + timedelta(days=2)
        meeting(
            MONITORING_TITLE,
            MONITORING_SESSION,
            tuesday,
            ((18, 0), (20, 0)),
            group=found[MONITORING],
            place=HALL,
            agenda=MONITORING_AGENDA,
        )
    for number, month_offset in enumerate(PLENARY_MONTHS, start=1):
        saturday = _friday_on_or_after(_month(start, month_offset) + timedelta(days=14)) + timedelta(days=1)
        meeting(
            PLENARY_TITLE.format(number=number),
            PLENARY,
            saturday,
            ((10, 0), (13, 0)),
            place=PLENARY_PLACE,
            agenda=PLENARY_AGENDA,
            public=True,
        )
    return made


def _month(day: date, offset: int) -> date:
    year, month = divmod(day.month - 1 + offset, 12)
    return date(day.year + year, month + 1, 1)


def _friday_on_or_after(day: date) -> date:
    return day + timedelta(days=(4 - day.weekday()) % 7)


def plan_trainings(db: Session, site: Any, promotion: AssemblyPromotion, today: date, member: Any) -> None:
    """The trainings and their sessions; the demo member is enrolled in the first session."""
    start = promotion.term.starts_on
    first = None
    for training in TRAININGS:
        made = trainings.add_training(db, promotion, title=training.title, description=training.description)
        for month_offset, days, hour, capacity in training.sessions:
            day = (start if month_offset is None else _month(start, month_offset)) + timedelta(days=days)
            session = trainings.add_session(
                db,
                site,
                made,
                starts_at=at(day, hour),
                ends_at=at(day, hour + 3),
                place=TRAINING_PLACE,
                capacity=capacity,
            )
            first = first or session
    assert first is not None
    if first.meeting.starts_at.date() > today:
        trainings.enrol(db, promotion, first, member.id)
    else:  # enrolment closes when the session starts: the demo's past is written as it would be
        from parvis.plugins.assembly.models import AssemblyEnrolment

        db.add(AssemblyEnrolment(session_id=first.id, person_id=member.id))
        db.flush()


def record_attendance(
    db: Session, site: Any, *, rng: Any, promotion: AssemblyPromotion, meetings: list[Meeting], today: date
) -> None:
    for meeting in meetings:
        if meeting.starts_at.date() >= today:
            continue
        expected = bodies.expected_attendees(db, meeting)
        if meeting.group is not None and meeting.group.kind in (DELIBERATION, EXPLORATION):
            registered = {p.id for p in groups.members_of(db, meeting.group)}
            expected = [m for m in expected if m.person_id in registered]
        statuses = {}
        for membership in expected:
            roll = rng.random()
            statuses[membership.person_id] = (
                AttendanceStatus.PRESENT
                if roll < ATTENDANCE[0]
                else AttendanceStatus.EXCUSED
                if roll < ATTENDANCE[1]
                else AttendanceStatus.ABSENT
            )
        if meeting.kind == MONITORING_SESSION:
            statuses = {pid: s for pid, s in statuses.items() if rng.random() < MONITORING_ATTENDANCE}
        bodies.record_attendance(db, meeting, statuses)


def first_outputs(
    db: Session,
    site: Any,
    *,
    promotion: AssemblyPromotion,
    found: dict[str, Group],
    official: Actor,
    meetings: list[Meeting],
) -> None:
    """The workshops' first texts, on the next plenary's agenda."""
    made = [
        outputs.create_output(db, site, promotion, found[group], title=title, summary=summary, actor=official)
        for group, title, summary in OUTPUTS
    ]
    upcoming = [m for m in meetings if m.kind == PLENARY and m.starts_at > site.now()]
    if upcoming:
        for decision in made:
            plenaries.add_item(db, promotion, upcoming[0], decision)


def pay_members(db: Session, site: Any, promotion: AssemblyPromotion, official: Actor, today: date) -> None:
    periods = compensation.periods_with_activity(db, site, promotion)
    for start in periods:
        if compensation.period_of(start, common.settings_of(site).pay_period)[1] < today:
            compensation.export(db, site, promotion, start, actor=official)
