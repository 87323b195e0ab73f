"""What the workshops produce: a citizens' deliberation (Deliberation workshop), a vœu
(Exploration workshop). Each is a core decision of the workshop, taken through the decisions
workflow (plenary validation, Council vote) into the public follow-up tracker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from parvis.api import Actor, _
from parvis.api.bodies import Group
from parvis.api.decisions import Decision, create_decision
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services.common import AssemblyError, settings_of

if TYPE_CHECKING:
    from parvis.api import Site


def output_type(site: Site, group: Group) -> str:
    return settings_of(site).outputs.get(group.kind, "recommendation")


def create_output(
    db: Session,
    site: Site,
    promotion: AssemblyPromotion,
    group: Group,
    *,
    title: str,
    summary: str = "",
    text: str = "",
    actor: Actor | None,
) -> Decision:
    title = (title or "").strip()
    if not title:
        raise AssemblyError(_("This field is required."), "title")
    if group.term_id != promotion.term_id:
        raise AssemblyError(_("Choose among the options shown."), "group")
    return create_decision(
        db,
        site,
        body=promotion.body,
        term=promotion.term,
        group=group,
        decision_type=output_type(site, group),
        title=title[:300],
        actor=actor,
        summary=(summary or "").strip(),
        text=(text or "").strip(),
        topic=group.description[:100] if group.description else "",
    )
