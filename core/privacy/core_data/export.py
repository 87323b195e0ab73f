"""Core's part of a person's export: the account and details, then one section per kind of record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import (
    Body,
)
from parvis.i18n import _, word
from parvis.identity import Account, Person, RoleGrant
from parvis.permissions import ROLE_LABELS
from parvis.privacy.core_data.account_sections import (
    failures_section,
    jobs_section,
    links_section,
    mails_section,
    sessions_section,
    sign_ins_section,
    two_factor_section,
)
from parvis.privacy.core_data.declarations import label_of
from parvis.privacy.core_data.record_sections import attendance_section, audit_section, memberships_section
from parvis.privacy.declarations import ExportSection, section

if TYPE_CHECKING:
    from parvis.site import Site


# -- export ------------------------------------------------------------------------------------


def _roles(db: Session, account: Account) -> list[str]:
    found = []
    for grant, body_name in db.execute(
        select(RoleGrant, Body.name)
        .outerjoin(Body, Body.id == RoleGrant.body_id)
        .where(RoleGrant.account_id == account.id)
        .order_by(RoleGrant.id)
    ):
        role = label_of(ROLE_LABELS, grant.role) or grant.role
        place = body_name or grant.district
        found.append(f"{role} ({place})" if place else role)
    return found


def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    sections: list[ExportSection | None] = []
    if account is not None:
        sections.append(
            section(
                "core.account",
                _("Your account"),
                [
                    ("email", _("E-mail address")),
                    ("display_name", _("Name shown on the site")),
                    ("locale", _("Language")),
                    ("active", _("Active")),
                    ("created_at", _("Created")),
                    ("last_login_at", _("Last sign-in")),
                    ("roles", _("Roles")),
                ],
                [
                    {
                        "email": account.email,
                        "display_name": account.display_name,
                        "locale": account.locale,
                        "active": account.active,
                        "created_at": account.created_at,
                        "last_login_at": account.last_login_at,
                        "roles": _roles(db, account),
                    }
                ],
                note=_("Your password is not shown: the site keeps only an irreversible hash of it."),
            )
        )
    if person is not None:
        sections.append(
            section(
                "core.person",
                _("Your details"),
                [
                    ("given_name", _("Given name")),
                    ("family_name", _("Family name")),
                    ("email", _("E-mail address")),
                    ("birth_date", _("Date of birth")),
                    ("gender", _("Gender")),
                    ("nationality_group", _("Nationality")),
                    ("nationality", _("Country of nationality")),
                    ("resident", _("Lives in the city")),
                    ("district", word("district", "Name")),
                    ("neighbourhood", word("neighbourhood", "Name")),
                    ("address", _("Address")),
                    ("created_at", _("Created")),
                    ("updated_at", _("Last changed")),
                ],
                [
                    {
                        "given_name": person.given_name,
                        "family_name": person.family_name,
                        "email": person.email,
                        "birth_date": person.birth_date,
                        "gender": _(person.gender.label) if person.gender else None,
                        "nationality_group": _(person.nationality_group.label)
                        if person.nationality_group
                        else None,
                        "nationality": person.nationality,
                        "resident": person.resident,
                        "district": _district(site, person.district),
                        "neighbourhood": _neighbourhood(site, person.neighbourhood),
                        "address": person.address,
                        "created_at": person.created_at,
                        "updated_at": person.updated_at,
                    }
                ],
            )
        )
    if account is not None:
        sections += [
            sessions_section(db, account),
            sign_ins_section(db, account),
            failures_section(db, account),
            links_section(db, account),
            two_factor_section(db, account),
            mails_section(db, account),
        ]
        sections.append(jobs_section(db, account))
    if person is not None:
        sections += [memberships_section(db, person), attendance_section(db, person)]
    sections.append(audit_section(db, account, person))
    return sections


def _district(site: Site, code: str | None) -> str | None:
    found = site.config.district(code or "")
    return found.name if found else code


def _neighbourhood(site: Site, code: str | None) -> str | None:
    found = site.config.neighbourhood(code or "")
    return found.name if found else code
