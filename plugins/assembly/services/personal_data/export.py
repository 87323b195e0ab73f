"""A person's Assembly data for the export of their personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    ExportSection,
    Person,
    _,
    format_money,
    hookimpl,
    section,
    word,
)
from parvis.api.bodies import Group, Meeting, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyEnrolment,
    AssemblyGroupMember,
    AssemblyPaymentBatch,
    AssemblyPaymentLine,
    AssemblyProfile,
    AssemblyPromotion,
    AssemblyTopic,
    AssemblyTopicPoll,
    AssemblyTopicVote,
    AssemblyTraining,
    AssemblyTrainingSession,
)
from parvis.plugins.assembly.services.personal_data.links import answers_of, applications_matching, seats_of

if TYPE_CHECKING:
    from parvis.api import Site


# -- export -------------------------------------------------------------------------------------


@hookimpl(specname="export_personal_data")
def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    seats = seats_of(db, person)
    sections: list[ExportSection | None] = [
        section(
            "assembly.seats",
            _("Citizens' Assembly: your seats"),
            [
                ("promotion", _("Promotion")),
                ("college", _("College")),
                ("pool_id", _("Pseudonym in the draw")),
                ("status", _("Status")),
                ("vacated_at", _("Left")),
            ],
            (
                {
                    "promotion": promotion,
                    "college": college,
                    "pool_id": seat.pool_id,
                    "status": membership.status.value,
                    "vacated_at": seat.vacated_at,
                }
                for seat, membership, promotion, college in seats
            ),
        ),
        section(
            "assembly.answers",
            _("Citizens' Assembly: the letter you received and your answers"),
            [
                ("given_name", _("Given name")),
                ("family_name", _("Family name")),
                ("birth_date", _("Date of birth")),
                ("address", _("Address")),
                ("email", _("E-mail address")),
                ("letter_at", _("Letter sent")),
                ("answered_at", _("Answered")),
                ("resident", _("Lives in the city")),
                ("age_band", _("Age")),
                ("gender", _("Gender")),
                ("education", _("Education")),
                ("district", word("district", "Name")),
                ("neighbourhood", word("neighbourhood", "Name")),
                ("availability", _("Availability")),
                ("contact", _("Contact")),
            ],
            (
                {
                    "given_name": invitee.given_name,
                    "family_name": invitee.family_name,
                    "birth_date": invitee.birth_date,
                    "address": ", ".join(
                        p for p in (invitee.address, f"{invitee.postcode} {invitee.city}".strip()) if p
                    ),
                    "email": invitee.email,
                    "letter_at": invitee.letter_at,
                    "answered_at": response.answered_at,
                    "resident": response.resident,
                    "age_band": response.age_band,
                    "gender": response.gender,
                    "education": response.education,
                    "district": response.district,
                    "neighbourhood": response.neighbourhood,
                    "availability": response.availability,
                    "contact": response.contact,
                }
                for response, invitee in answers_of(db, [s for s, *_rest in seats])
            ),
            note=_("The response code is not shown: the site keeps only a hash of it."),
        ),
    ]
    condition = applications_matching(account, person)
    if condition is not None:
        applications = db.execute(
            select(AssemblyApplication, Term.label)
            .join(AssemblyPromotion, AssemblyPromotion.id == AssemblyApplication.promotion_id)
            .join(Term, Term.id == AssemblyPromotion.term_id)
            .where(condition)
            .order_by(AssemblyApplication.submitted_at)
        )
        sections.append(
            section(
                "assembly.applications",
                _("Citizens' Assembly: your applications"),
                [
                    ("promotion", _("Promotion")),
                    ("submitted_at", _("Sent")),
                    ("birth_date", _("Date of birth")),
                    ("nationality", _("Nationality")),
                    ("gender", _("Gender")),
                    ("district", word("district", "Name")),
                    ("neighbourhood", word("neighbourhood", "Name")),
                    ("availability", _("Availability")),
                    ("motivation", _("Motivation")),
                    ("eligible", _("Meets the conditions")),
                    ("reasons", _("Conditions not met")),
                ],
                (
                    {
                        "promotion": label,
                        "submitted_at": a.submitted_at,
                        "birth_date": a.birth_date,
                        "nationality": a.nationality,
                        "gender": a.gender,
                        "district": a.district,
                        "neighbourhood": a.neighbourhood,
                        "availability": a.availability,
                        "motivation": a.motivation,
                        "eligible": a.eligible,
                        "reasons": [str(r) for r in a.reasons or []],
                    }
                    for a, label in applications
                ),
            )
        )
    if person is not None:
        sections += _member_life(db, site, person)
    return sections


def _member_life(db: Session, site: Site, person: Person) -> list[ExportSection | None]:
    workshops = db.execute(
        select(Group.name, AssemblyGroupMember.joined_at)
        .join(Group, Group.id == AssemblyGroupMember.group_id)
        .where(AssemblyGroupMember.person_id == person.id)
        .order_by(AssemblyGroupMember.joined_at)
    )
    profile = db.get(AssemblyProfile, person.id)
    proposed = db.scalars(
        select(AssemblyTopic).where(AssemblyTopic.proposed_by_id == person.id).order_by(AssemblyTopic.id)
    )
    votes = db.execute(
        select(Group.name, AssemblyTopic.title, AssemblyTopicVote.cast_at)
        .join(AssemblyTopic, AssemblyTopic.id == AssemblyTopicVote.topic_id)
        .join(AssemblyTopicPoll, AssemblyTopicPoll.id == AssemblyTopicVote.poll_id)
        .join(Group, Group.id == AssemblyTopicPoll.group_id)
        .where(AssemblyTopicVote.person_id == person.id)
        .order_by(AssemblyTopicVote.cast_at)
    )
    enrolments = db.execute(
        select(AssemblyTraining.title, Meeting.starts_at, AssemblyEnrolment.enrolled_at)
        .join(AssemblyTrainingSession, AssemblyTrainingSession.id == AssemblyEnrolment.session_id)
        .join(AssemblyTraining, AssemblyTraining.id == AssemblyTrainingSession.training_id)
        .join(Meeting, Meeting.id == AssemblyTrainingSession.meeting_id)
        .where(AssemblyEnrolment.person_id == person.id)
        .order_by(Meeting.starts_at)
    )
    pay = db.execute(
        select(AssemblyPaymentLine, AssemblyPaymentBatch.exported_at)
        .join(AssemblyPaymentBatch, AssemblyPaymentBatch.id == AssemblyPaymentLine.batch_id)
        .where(AssemblyPaymentLine.person_id == person.id)
        .order_by(AssemblyPaymentLine.period_start, AssemblyPaymentLine.id)
    )
    return [
        section(
            "assembly.workshops",
            _("Citizens' Assembly: workshops you joined"),
            [("workshop", _("Workshop")), ("joined_at", _("Joined"))],
            ({"workshop": name, "joined_at": at} for name, at in workshops),
        ),
        section(
            "assembly.profile",
            _("Citizens' Assembly: your profile for the other members"),
            [
                ("bio", _("About you")),
                ("show_email", _("E-mail address shown")),
                ("updated_at", _("Last changed")),
            ],
            [{"bio": profile.bio, "show_email": profile.show_email, "updated_at": profile.updated_at}]
            if profile is not None
            else [],
        ),
        section(
            "assembly.topics",
            _("Citizens' Assembly: topics you proposed"),
            [
                ("title", _("Topic")),
                ("description", _("Description")),
                ("admissible", _("Admissible")),
                ("review_note", _("Official's note")),
                ("chosen", _("Chosen")),
            ],
            (
                {
                    "title": t.title,
                    "description": t.description,
                    "admissible": t.admissible,
                    "review_note": t.review_note,
                    "chosen": t.chosen,
                }
                for t in proposed
            ),
        ),
        section(
            "assembly.topic_votes",
            _("Citizens' Assembly: your votes on workshop topics"),
            [("workshop", _("Workshop")), ("topic", _("Your vote")), ("cast_at", _("When"))],
            ({"workshop": g, "topic": t, "cast_at": at} for g, t, at in votes),
        ),
        section(
            "assembly.trainings",
            _("Citizens' Assembly: training sessions"),
            [("training", _("Training")), ("starts_at", _("Session")), ("enrolled_at", _("Enrolled"))],
            ({"training": t, "starts_at": s, "enrolled_at": e} for t, s, e in enrolments),
        ),
        section(
            "assembly.pay",
            _("Citizens' Assembly: compensation"),
            [
                ("period_start", _("Period")),
                ("half_days", _("Half-days")),
                ("amount", _("Amount")),
                ("exported_at", _("Sent for payment")),
            ],
            (
                {
                    "period_start": line.period_start,
                    "half_days": line.half_days,
                    "amount": format_money(line.cents),
                    "exported_at": exported,
                }
                for line, exported in pay
            ),
        ),
    ]
