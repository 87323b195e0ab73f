"""Bodies: creating one with its kind's colleges, its settings, finding them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import (
    Body,
    College,
)
from parvis.i18n import _, use_locale

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.site import Site

from parvis.bodies.services.common import BodyError, _check_rule, _required, unique_slug


def create_body(
    db: Session,
    site: Site,
    kind: str,
    name: str,
    description: str = "",
    *,
    active: bool = True,
    eligibility: str | None = None,
) -> Body:
    """A body of a declared kind, with the kind's default colleges (named in the site's language)."""
    declared = site.body_kinds.get(kind)
    if declared is None:
        raise BodyError(_("This kind of body is not provided by any enabled plugin."), "kind")
    name = _required(name, "name")
    rule = eligibility if eligibility is not None else declared.eligibility
    body = Body(
        kind=kind,
        name=name,
        description=(description or "").strip(),
        active=active,
        slug=unique_slug(db, Body.slug, name, fallback="body"),
        eligibility=rule or None,
    )
    with use_locale(site.config.site.default_locale):
        for template in declared.colleges:
            body.colleges.append(
                College(
                    code=template.code,
                    name=str(template.name),
                    seats=template.seats,
                    fill_method=template.fill_method,
                    eligibility=template.eligibility,
                )
            )
    db.add(body)
    db.flush()
    return body


def update_body(
    db: Session,
    site: Site,
    body: Body,
    *,
    name: str,
    description: str = "",
    active: bool = True,
    eligibility: str | None = None,
) -> Body:
    """Change a body's name, description, active flag and rule; its slug (its address) stays."""
    name = _required(name, "name")
    unchanged_rule = eligibility == body.eligibility  # keeps a rule the configuration lost
    rule = eligibility if unchanged_rule else _check_rule(site, eligibility, "eligibility")
    body.name = name
    body.description = (description or "").strip()
    body.active = active
    body.eligibility = rule or None
    db.flush()
    return body


def body_by_slug(db: Session, slug: str, *, active_only: bool = False) -> Body | None:
    query = select(Body).where(Body.slug == slug)
    if active_only:
        query = query.where(Body.active)
    return db.scalar(query)


def bodies_managed_by(
    db: Session, site: Site, actor: Actor, action: str = "core.manage_bodies"
) -> list[Body]:
    """Every body when the actor may ``action`` site-wide, else the bodies they may ``action`` in."""
    query = select(Body).order_by(Body.name)
    if not actor.authenticated:
        return []
    if site.hook.permission_allowed(site=site, actor=actor, action=action, resource=None):
        return list(db.scalars(query))
    if not actor.body_roles:
        return []
    candidates = db.scalars(query.where(Body.id.in_(list(actor.body_roles))))
    allowed = site.hook.permission_allowed
    return [b for b in candidates if allowed(site=site, actor=actor, action=action, resource=b)]
