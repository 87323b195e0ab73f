"""What the bodies services share: their refusal, slugs, codes and checks of names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import MembershipStatus
from parvis.i18n import _
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


# Memberships that hold a seat: an invited person keeps it until they decline.
SEAT_HOLDING = (MembershipStatus.ACTIVE, MembershipStatus.INVITED)
# Slugs that would shadow fixed paths of the pages (/admin/bodies/new).
RESERVED_SLUGS = frozenset({"new", "search", "admin", "api"})
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


class BodyError(Refused):
    """A refused operation: why (translated), which form field it concerns, and the details."""

    def __init__(self, message: str, field: str | None = None, details: Sequence[str] = ()) -> None:
        super().__init__(message, field, list(details))


def slugify(text: str, max_length: int = 60) -> str:
    """An ASCII slug: "Conseil des Européens" -> "conseil-des-europeens" (empty if nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def unique_slug(db: Session, column: Any, text: str, *where: Any, fallback: str = "item") -> str:
    """``slugify(text)``, made unique in ``column`` (within the rows matching ``where``) with -2, -3..."""
    base = slugify(text) or fallback
    if base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    taken = set(db.scalars(select(column).where(column.like(f"{base}%"), *where)))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _required(value: str | None, field: str, max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise BodyError(_("This field is required."), field)
    if len(text) > max_length:
        raise BodyError(_("Use at most {count} characters.").format(count=max_length), field)
    return text


def _check_rule(site: Site, rule: str | None, field: str) -> str | None:
    if rule and rule not in site.eligibility_rules:
        raise BodyError(
            _("There is no eligibility rule named {name} in the site configuration.").format(name=rule),
            field,
        )
    return rule or None
