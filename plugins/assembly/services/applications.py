"""College B: the call for applications of residents from outside the European Union.

An application comes from a signed-in account; the college's rule (settings) is checked on the
promotion's first day with the facts given in the form, and the failed conditions are stored
with it (an ineligible application is kept, shown to its author, and left out of the lot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Account, Gender, NationalityGroup, Person, _
from parvis.api.bodies import College
from parvis.plugins.assembly.models import AssemblyApplication, AssemblyPromotion, DrawKind
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.services.questionnaire import new_pool_id

if TYPE_CHECKING:
    from parvis.api import Site

# ISO 3166 alpha-2 codes of the European Union's member states (their citizens vote on the roll).
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


@dataclass(frozen=True, slots=True)
class ApplicationForm:
    birth_date: date
    nationality: str
    gender: str
    resident: bool
    district: str
    availability: str
    consent: bool
    neighbourhood: str | None = None
    motivation: str = ""


def is_open(promotion: AssemblyPromotion, today: date) -> bool:
    closes = promotion.applications_close_on
    return closes is not None and today <= closes and today <= promotion.term.ends_on


def failures(site: Site, college: College, promotion: AssemblyPromotion, form: ApplicationForm) -> list[str]:
    """The college rule's failed conditions for the facts given (translated sentences)."""
    group = NationalityGroup.OTHER_EU if form.nationality in EU_COUNTRIES else NationalityGroup.NON_EU
    if form.nationality == "FR":
        group = NationalityGroup.FRENCH
    person = Person(
        given_name="-",
        birth_date=form.birth_date,
        nationality_group=group,
        nationality=form.nationality,
        resident=form.resident,
        district=form.district,
    )
    rule = settings_of(site).college_rules.get(college.code)
    return rule.failures(person, promotion.term.starts_on) if rule else []


def mine(db: Session, promotion: AssemblyPromotion, account: Account) -> AssemblyApplication | None:
    return db.scalar(
        select(AssemblyApplication).where(
            AssemblyApplication.promotion_id == promotion.id, AssemblyApplication.account_id == account.id
        )
    )


def submit(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    college: College,
    *,
    account: Account,
    form: ApplicationForm,
) -> AssemblyApplication:
    """Record an application (one per account and promotion); the caller commits."""
    if not is_open(promotion, site.today()):
        raise AssemblyError(_("The call for applications is closed."))
    from parvis.plugins.assembly.services.draws import draw_for

    if draw_for(db, promotion, college) is not None:
        raise AssemblyError(_("The call for applications is closed: the draw has been prepared."))
    if mine(db, promotion, account) is not None:
        raise AssemblyError(_("You have already applied for this promotion."))
    if not form.consent:
        raise AssemblyError(_("This box must be ticked to continue."), "consent")
    hood = site.config.neighbourhood(form.neighbourhood or "")
    if hood is not None and hood.district != form.district:
        raise AssemblyError(
            _("This {site.neighbourhood} is not in the {site.district} chosen."), "neighbourhood"
        )
    reasons = failures(site, college, promotion, form)
    person = account.person
    if person is None:
        person = Person(given_name=account.display_name, email=account.email)
        account.person = person
    person.birth_date = form.birth_date
    person.gender = Gender(form.gender) if form.gender in {g.value for g in Gender} else Gender.OTHER
    application = AssemblyApplication(
        promotion_id=promotion.id,
        college_id=college.id,
        account_id=account.id,
        pool_id=new_pool_id(),
        birth_date=form.birth_date,
        nationality=form.nationality,
        gender=form.gender,
        district=form.district,
        neighbourhood=form.neighbourhood or None,
        availability=form.availability,
        motivation=(form.motivation or "").strip()[:4000],
        consent=True,
        eligible=not reasons,
        reasons=reasons,
    )
    db.add(application)
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        raise AssemblyError(_("You have already applied for this promotion.")) from None
    application.person_id = person.id
    db.flush()
    return application


def withdraw(db: Session, application: AssemblyApplication) -> None:
    """Withdraw before the draw is prepared (afterwards the pool is frozen and published)."""
    from parvis.plugins.assembly.models import AssemblyDraw

    frozen = db.scalar(
        select(AssemblyDraw.id).where(
            AssemblyDraw.promotion_id == application.promotion_id,
            AssemblyDraw.college_id == application.college_id,
            AssemblyDraw.kind == DrawKind.LOT,
        )
    )
    if frozen:
        raise AssemblyError(_("The draw has been prepared: the application can no longer be withdrawn."))
    db.delete(application)
    db.flush()


def of_promotion(db: Session, promotion: AssemblyPromotion) -> list[AssemblyApplication]:
    return list(
        db.scalars(
            select(AssemblyApplication)
            .where(AssemblyApplication.promotion_id == promotion.id)
            .order_by(AssemblyApplication.submitted_at, AssemblyApplication.id)
        )
    )
