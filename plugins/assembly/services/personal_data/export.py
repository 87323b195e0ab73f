"""A person's Assembly data for the export of their personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    ExportColumn,
    ExportSection,
    Person,
    _,
    export_table,
    format_money,
    hookimpl,
    joined,
    word,
)
from parvis.api.bodies import Group, Meeting, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyEnrolment,
    AssemblyGroupMember,
    AssemblyInvitee,
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
        export_table(
            "assembly.seats",
            _("Citizens' Assembly: your seats"),
            [
                ExportColumn("promotion", _("Promotion")),
                ExportColumn("college", _("College")),
                ExportColumn("pool_id", _("Pseudonym in the draw"), lambda s: s.AssemblySeat.pool_id),
                ExportColumn("status", _("Status"), lambda s: s.Membership.status.value),
                ExportColumn("vacated_at", _("Left"), lambda s: s.AssemblySeat.vacated_at),
            ],
            seats,
        ),
        export_table(
            "assembly.answers",
            _("Citizens' Assembly: the letter you received and your answers"),
            [
                ExportColumn("given_name", _("Given name"), lambda r: r.invitee.given_name),
                ExportColumn("family_name", _("Family name"), lambda r: r.invitee.family_name),
                ExportColumn("birth_date", _("Date of birth"), lambda r: r.invitee.birth_date),
                ExportColumn("address", _("Address"), lambda r: _postal_address(r.invitee)),
                ExportColumn("email", _("E-mail address"), lambda r: r.invitee.email),
                ExportColumn("letter_at", _("Letter sent"), lambda r: r.invitee.letter_at),
                ExportColumn("answered_at", _("Answered")),
                ExportColumn("resident", _("Lives in the city")),
                ExportColumn("age_band", _("Age")),
                ExportColumn("gender", _("Gender")),
                ExportColumn("education", _("Education")),
                ExportColumn("district", word("district", "Name")),
                ExportColumn("neighbourhood", word("neighbourhood", "Name")),
                ExportColumn("availability", _("Availability")),
                ExportColumn("contact", _("Contact")),
            ],
            # Each response comes with its invitee (loaded by the same query).
            [response for response, _invitee in answers_of(db, [s.AssemblySeat for s in seats])],
            note=_("The response code is not shown: the site keeps only a hash of it."),
        ),
    ]
    condition = applications_matching(account, person)
    if condition is not None:
        applications = db.execute(
            select(AssemblyApplication, Term.label.label("promotion"))
            .join(AssemblyPromotion, AssemblyPromotion.id == AssemblyApplication.promotion_id)
            .join(Term, Term.id == AssemblyPromotion.term_id)
            .where(condition)
            .order_by(AssemblyApplication.submitted_at)
        )
        sections.append(
            export_table(
                "assembly.applications",
                _("Citizens' Assembly: your applications"),
                [
                    ExportColumn("promotion", _("Promotion")),
                    ExportColumn("submitted_at", _("Sent")),
                    ExportColumn("birth_date", _("Date of birth")),
                    ExportColumn("nationality", _("Nationality")),
                    ExportColumn("gender", _("Gender")),
                    ExportColumn("district", word("district", "Name")),
                    ExportColumn("neighbourhood", word("neighbourhood", "Name")),
                    ExportColumn("availability", _("Availability")),
                    ExportColumn("motivation", _("Motivation")),
                    ExportColumn("eligible", _("Meets the conditions")),
                    ExportColumn(
                        "reasons", _("Conditions not met"), lambda a: [str(r) for r in a.reasons or []]
                    ),
                ],
                joined(applications),
            )
        )
    if person is not None:
        sections += _member_life(db, site, person)
    return sections


def _postal_address(invitee: AssemblyInvitee) -> str:
    return ", ".join(p for p in (invitee.address, f"{invitee.postcode} {invitee.city}".strip()) if p)


def _member_life(db: Session, site: Site, person: Person) -> list[ExportSection | None]:
    workshops = db.execute(
        select(Group.name.label("workshop"), AssemblyGroupMember.joined_at)
        .join(Group, Group.id == AssemblyGroupMember.group_id)
        .where(AssemblyGroupMember.person_id == person.id)
        .order_by(AssemblyGroupMember.joined_at)
    )
    profile = db.get(AssemblyProfile, person.id)
    proposed = db.scalars(
        select(AssemblyTopic).where(AssemblyTopic.proposed_by_id == person.id).order_by(AssemblyTopic.id)
    )
    votes = db.execute(
        select(Group.name.label("workshop"), AssemblyTopic.title.label("topic"), AssemblyTopicVote.cast_at)
        .join(AssemblyTopic, AssemblyTopic.id == AssemblyTopicVote.topic_id)
        .join(AssemblyTopicPoll, AssemblyTopicPoll.id == AssemblyTopicVote.poll_id)
        .join(Group, Group.id == AssemblyTopicPoll.group_id)
        .where(AssemblyTopicVote.person_id == person.id)
        .order_by(AssemblyTopicVote.cast_at)
    )
    enrolments = db.execute(
        select(AssemblyTraining.title.label("training"), Meeting.starts_at, AssemblyEnrolment.enrolled_at)
        .join(AssemblyTrainingSession, AssemblyTrainingSession.id == AssemblyEnrolment.session_id)
        .join(AssemblyTraining, AssemblyTraining.id == AssemblyTrainingSession.training_id)
        .join(Meeting, Meeting.id == AssemblyTrainingSession.meeting_id)
        .where(AssemblyEnrolment.person_id == person.id)
        .order_by(Meeting.starts_at)
    )
    pay = db.execute(
        select(
            AssemblyPaymentLine.period_start,
            AssemblyPaymentLine.half_days,
            AssemblyPaymentLine.cents,
            AssemblyPaymentBatch.exported_at,
        )
        .join(AssemblyPaymentBatch, AssemblyPaymentBatch.id == AssemblyPaymentLine.batch_id)
        .where(AssemblyPaymentLine.person_id == person.id)
        .order_by(AssemblyPaymentLine.period_start, AssemblyPaymentLine.id)
    )
    return [
        export_table(
            "assembly.workshops",
            _("Citizens' Assembly: workshops you joined"),
            [ExportColumn("workshop", _("Workshop")), ExportColumn("joined_at", _("Joined"))],
            workshops,
        ),
        export_table(
            "assembly.profile",
            _("Citizens' Assembly: your profile for the other members"),
            [
                ExportColumn("bio", _("About you")),
                ExportColumn("show_email", _("E-mail address shown")),
                ExportColumn("updated_at", _("Last changed")),
            ],
            [profile] if profile is not None else [],
        ),
        export_table(
            "assembly.topics",
            _("Citizens' Assembly: topics you proposed"),
            [
                ExportColumn("title", _("Topic")),
                ExportColumn("description", _("Description")),
                ExportColumn("admissible", _("Admissible")),
                ExportColumn("review_note", _("Official's note")),
                ExportColumn("chosen", _("Chosen")),
            ],
            proposed,
        ),
        export_table(
            "assembly.topic_votes",
            _("Citizens' Assembly: your votes on workshop topics"),
            [
                ExportColumn("workshop", _("Workshop")),
                ExportColumn("topic", _("Your vote")),
                ExportColumn("cast_at", _("When")),
            ],
            votes,
        ),
        export_table(
            "assembly.trainings",
            _("Citizens' Assembly: training sessions"),
            [
                ExportColumn("training", _("Training")),
                ExportColumn("starts_at", _("Session")),
                ExportColumn("enrolled_at", _("Enrolled")),
            ],
            enrolments,
        ),
        export_table(
            "assembly.pay",
            _("Citizens' Assembly: compensation"),
            [
                ExportColumn("period_start", _("Period")),
                ExportColumn("half_days", _("Half-days")),
                ExportColumn("amount", _("Amount"), lambda line: format_money(line.cents)),
                ExportColumn("exported_at", _("Sent for payment")),
            ],
            pay,
        ),
    ]
