"""What the members' pages share: the promotion shown, who may see it, the member's person."""

from __future__ import annotations

from litestar.exceptions import NotFoundException, PermissionDeniedException

from parvis.api import (
    DB,
    _,
    allowed,
    state_of,
)
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.permissions import MEMBERS_AREA
from parvis.plugins.assembly.services import (
    common,
)

from .common import AnyRequest, site_of


def promotion_for(db: DB, request: AnyRequest, public_id: str | None = None) -> AssemblyPromotion:
    promotion = (
        common.promotion_by_public_id(db, public_id[:24])
        if public_id
        else common.current_promotion(db, site_of(request))
    )
    if promotion is None:
        raise NotFoundException()
    return promotion


def members_only(request: AnyRequest, promotion: AssemblyPromotion) -> None:
    """Members of the Assembly (any promotion running) and officials; others are refused."""
    if not allowed(state_of(request), MEMBERS_AREA, promotion.body):
        raise PermissionDeniedException(_("This page is for the members of the Citizens' Assembly."))


def person_id_of(request: AnyRequest) -> int | None:
    return state_of(request).actor.person_id


def promotion_kind_label(request: AnyRequest, kind: str) -> str:
    from parvis.api.bodies import kind_of
    from parvis.plugins.assembly.kinds import KIND

    return kind_of(site_of(request), KIND).meeting_kind_label(kind)
