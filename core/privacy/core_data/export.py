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
from parvis.privacy.declarations import ExportColumn, ExportSection, export_table

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
            export_table(
                "core.account",
                _("Your account"),
                [
                    ExportColumn("email", _("E-mail address")),
                    ExportColumn("display_name", _("Name shown on the site")),
                    ExportColumn("locale", _("Language")),
                    ExportColumn("active", _("Active")),
                    ExportColumn("created_at", _("Created")),
                    ExportColumn("last_login_at", _("Last sign-in")),
                    ExportColumn("roles", _("Roles"), lambda a: _roles(db, a)),
                ],
                [account],
                note=_("Your password is not shown: the site keeps only an irreversible hash of it."),
            )
        )
    if person is not None:
        sections.append(
            export_table(
                "core.person",
                _("Your details"),
                [
                    ExportColumn("given_name", _("Given name")),
                    ExportColumn("family_name", _("Family name")),
                    ExportColumn("email", _("E-mail address")),
                    ExportColumn("birth_date", _("Date of birth")),
                    ExportColumn("gender", _("Gender"), lambda p: _(p.gender.label) if p.gender else None),
                    ExportColumn(
                        "nationality_group",
                        _("Nationality"),
                        lambda p: _(p.nationality_group.label) if p.nationality_group else None,
                    ),
                    ExportColumn("nationality", _("Country of nationality")),
                    ExportColumn("resident", _("Lives in the city")),
                    ExportColumn("district", word("district", "Name"), lambda p: _district(site, p.district)),
                    ExportColumn(
                        "neighbourhood",
                        word("neighbourhood", "Name"),
                        lambda p: _neighbourhood(site, p.neighbourhood),
                    ),
                    ExportColumn("address", _("Address")),
                    ExportColumn("created_at", _("Created")),
                    ExportColumn("updated_at", _("Last changed")),
                ],
                [person],
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
