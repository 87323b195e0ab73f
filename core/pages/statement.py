"""The accessibility statement in the RGAA form: its structured fields and how they are shown.

Facts that do not depend on the language (compliance level, rate, audit date, technologies,
contact address) are kept once on the page (``Page.statement``); what is written in words (who
audited, the pages audited, the content that does not comply, the derogations) is kept per
language (``PageVersion.fields``). The template ``pages/_statement.html`` lays them out in the
statement's usual sections, then the recourse to the Défenseur des droits.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from parvis.i18n import N_, _, lazy_gettext
from parvis.web.forms import Field

TOTAL, PARTIAL, NONE = "total", "partial", "none"
LEVELS = {
    TOTAL: N_("fully compliant"),
    PARTIAL: N_("partially compliant"),
    NONE: N_("not compliant"),
}
NEUTRAL = ("level", "rate", "audit_date", "technologies", "contact_email")
WORDED = ("audited_by", "audited_pages", "non_compliant", "derogations")
DEFENSEUR_FORM = "https://formulaire.defenseurdesdroits.fr/"
DEFENSEUR_DELEGATES = "https://www.defenseurdesdroits.fr/saisir/delegues"


def neutral_fields() -> list[Field]:
    return [
        Field(
            "level",
            lazy_gettext("Compliance level"),
            kind="select",
            choices=lambda: [(code, _(label)) for code, label in LEVELS.items()],
        ),
        Field(
            "rate",
            lazy_gettext("Compliance rate (% of the criteria met)"),
            kind="integer",
            min=0,
            max=100,
            required=False,
        ),
        Field("audit_date", lazy_gettext("Date of the audit"), kind="date", required=False),
        Field(
            "technologies",
            lazy_gettext("Technologies used"),
            required=False,
            help=lazy_gettext("Separated by commas, for example HTML5, CSS, JavaScript."),
        ),
        Field(
            "contact_email",
            lazy_gettext("Contact address for accessibility"),
            kind="email",
            required=False,
        ),
    ]


def worded_fields(language: str) -> list[Field]:
    return [
        Field(f"audited_by_{language}", lazy_gettext("Audit carried out by"), required=False),
        Field(
            f"audited_pages_{language}",
            lazy_gettext("Pages audited"),
            kind="textarea",
            required=False,
            max_length=5000,
            help=lazy_gettext("One a line."),
        ),
        Field(
            f"non_compliant_{language}",
            lazy_gettext("Content that does not comply"),
            kind="textarea",
            required=False,
            max_length=10000,
            help=lazy_gettext("Markdown, like the text."),
        ),
        Field(
            f"derogations_{language}",
            lazy_gettext("Derogations for disproportionate burden"),
            kind="textarea",
            required=False,
            max_length=10000,
            help=lazy_gettext("Markdown, like the text."),
        ),
    ]


def neutral_values(values: dict[str, Any]) -> dict[str, Any]:
    """The language-neutral facts of a submitted form, as stored (JSON: dates as ISO text)."""
    audit_date = values.get("audit_date")
    return {
        "level": values.get("level") or PARTIAL,
        "rate": values.get("rate"),
        "audit_date": audit_date.isoformat() if isinstance(audit_date, date) else None,
        "technologies": values.get("technologies") or "",
        "contact_email": values.get("contact_email") or "",
    }


def worded_values(values: dict[str, Any], language: str) -> dict[str, str]:
    return {name: values.get(f"{name}_{language}") or "" for name in WORDED}


def level_label(statement: dict[str, Any]) -> str:
    return _(LEVELS.get(statement.get("level") or PARTIAL, LEVELS[PARTIAL]))


def audit_day(statement: dict[str, Any]) -> date | None:
    value = statement.get("audit_date")
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
