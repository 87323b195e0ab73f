"""Public pages: the Assembly, its draws (announcements, results, records) and the home card."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
from litestar import Controller, Response, get
from litestar.exceptions import NotFoundException
from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    DB,
    FromPath,
    HomePanel,
    _,
    allowed,
    bodies,
    download,
    lazy_gettext,
    page,
    public,
    sortition,
    state_of,
    url,
)
from parvis.api.content_translations import translated
from parvis.plugins.assembly.kinds import COLLEGE_NAMES
from parvis.plugins.assembly.models import (
    AssemblyDraw,
    AssemblyPromotion,
    DrawKind,
    DrawStatus,
)
from parvis.plugins.assembly.permissions import MEMBERS_AREA
from parvis.plugins.assembly.services import applications, common, draws, groups, register, report
from parvis.plugins.assembly.services import quotas as quota_rules
from parvis.plugins.assembly.services.letters import deadline_of
from parvis.plugins.assembly.settings import ROLL

from .common import AnyRequest, site_of

TITLE = lazy_gettext("Citizens' Assembly")


def college_label(college: Any) -> str:
    return str(COLLEGE_NAMES[college.code]) if college.code in COLLEGE_NAMES else college.name


def public_draws(db: Session, body_id: int) -> list[AssemblyDraw]:
    """Announced and published draws (a draw made but not yet published stays private)."""
    return list(
        db.scalars(
            select(AssemblyDraw)
            .join(AssemblyPromotion, AssemblyPromotion.id == AssemblyDraw.promotion_id)
            .where(
                AssemblyPromotion.body_id == body_id,
                AssemblyDraw.status.in_([DrawStatus.ANNOUNCED, DrawStatus.PUBLISHED]),
            )
            .order_by(AssemblyDraw.created_at.desc(), AssemblyDraw.id.desc())
        )
    )


def _public_draw(db: Session, public_id: str) -> AssemblyDraw:
    draw = draws.by_public_id(db, public_id[:24])
    if draw is None or draw.status == DrawStatus.DRAWN:
        raise NotFoundException()
    return draw


class AssemblyPublicController(Controller):
    path = "/assembly"
    guards = [public]

    @get("/", name="assembly-home")
    def home(self, request: AnyRequest, db: DB) -> Template:
        site = site_of(request)
        state = state_of(request)
        body = common.find_body(db, site)
        promotion = common.current_promotion(db, site)
        today = site.today()
        colleges = []
        if body is not None and promotion is not None:
            counts = bodies.seat_counts(db, body, promotion.term)
            colleges = [(college_label(c), c, counts.get(c.id, 0)) for c in body.colleges]
        found_groups = groups.groups_of(db, promotion) if promotion else {}
        calls: list[tuple[str, date | None]] = []
        if promotion is not None:
            deadline = promotion.questionnaire_closes_on
            if deadline and today <= deadline:
                calls.append(("questionnaire", deadline))
            if applications.is_open(promotion, today):
                calls.append(("apply", promotion.applications_close_on))
        return page(
            request,
            "assembly/home.html",
            body=body,
            promotion=promotion,
            promotions=common.promotions(db, body) if body else [],
            colleges=colleges,
            groups=[(groups.label(g), g) for g in found_groups.values()],
            calls=calls,
            draws=public_draws(db, body.id)[:6] if body else [],
            member=bool(body and allowed(state, MEMBERS_AREA, body)),
            settings=common.settings_of(site),
            title=str(TITLE),
        )

    @get("/draws", name="assembly-draws")
    def draw_list(self, request: AnyRequest, db: DB) -> Template:
        body = common.find_body(db, site_of(request))
        return page(
            request,
            "assembly/draws.html",
            draws=public_draws(db, body.id) if body else [],
            college_label=college_label,
            title=_("Draws of the Citizens' Assembly"),
        )

    @get("/draws/{public_id:str}", name="assembly-draw")
    def draw_page(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        draw = _public_draw(db, public_id)
        site = site_of(request)
        promotion = db.get(AssemblyPromotion, draw.promotion_id)
        assert promotion is not None
        record = draws.record_of(draw) if draw.status == DrawStatus.PUBLISHED else None
        entry = register.entry_of(db, draw) if record is not None else None
        quotas = [
            (quota_rules.feature_label(f), quota_rules.value_label(site, f, v), low, high)
            for f, v, low, high in (draw.quotas or {}).get("quotas", [])
        ]
        return page(
            request,
            "assembly/draw.html",
            draw=draw,
            promotion=promotion,
            college=college_label(draw.college),
            record=record,
            quotas=quotas,
            procedure=report._procedure(draw),
            register_entry=entry,
            replacement_entries=sortition.following(db, entry) if entry is not None else [],
            draw_url=sortition.draw_url,
            title=_("{kind}: {college}, promotion {promotion}").format(
                kind=_(draw.kind.label),
                college=college_label(draw.college),
                promotion=translated(request, promotion, "label"),
            ),
        )

    @get("/draws/{public_id:str}/record.json", name="assembly-draw-record")
    def draw_record(self, db: DB, public_id: FromPath[str]) -> Response[bytes]:
        draw = _public_draw(db, public_id)
        if draw.status != DrawStatus.PUBLISHED or draw.record is None:
            raise NotFoundException()
        content = msgspec.json.format(msgspec.json.encode(draw.record), indent=1)
        return download(content, f"draw-{draw.public_id}.json", "application/json")

    @get("/draws/{public_id:str}/pool.csv", name="assembly-draw-pool")
    def draw_pool(self, db: DB, public_id: FromPath[str]) -> Response[bytes]:
        draw = _public_draw(db, public_id)
        if draw.kind == DrawKind.PREDRAW or not draw.pool_csv:
            raise NotFoundException()
        return download(draw.pool_csv.encode("utf-8"), f"draw-{draw.public_id}-pool.csv", "text/csv")


def home_panels(request: AnyRequest, db: Session) -> list[HomePanel]:
    site = site_of(request)
    promotion = common.current_promotion(db, site)
    panels = [
        HomePanel(
            str(TITLE),
            _("100 residents drawn by lot deliberate and make recommendations to {site.council:the}."),
            url(request, "/assembly"),
            _("Discover the Assembly"),
            order=20,
        )
    ]
    if promotion is None:
        return panels
    today = site.today()
    if applications.is_open(promotion, today):
        panels.append(
            HomePanel(
                _("Citizens' Assembly: applications from residents outside the EU"),
                _(
                    "Residents {site.city:of} from a country outside the European Union may apply "
                    "until {date}."
                ).format(date=_date(promotion.applications_close_on)),
                url(request, "/assembly/apply"),
                _("Apply"),
                kind="call",
                order=20,
            )
        )
    roll = next((c for c in promotion.body.colleges if c.code == ROLL), None)
    deadline = deadline_of(promotion, roll) if roll is not None else None
    if deadline and today <= deadline:
        panels.append(
            HomePanel(
                _("Drawn by lot? Answer the questionnaire"),
                _("If you received a letter, answer with your code before {date}.").format(
                    date=_date(deadline)
                ),
                url(request, "/assembly/questionnaire"),
                _("Answer the questionnaire"),
                kind="call",
                order=21,
            )
        )
    return panels


def _date(value: Any) -> str:
    from parvis.api import format_date

    return format_date(value)
