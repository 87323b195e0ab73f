"""A council's colleges in the back office: adding one, drawing its seats by lot among its
volunteers (published in core's register of draws), designating the members of a designated one."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import DB, FormData, FromPath, _, not_found, state_of
from parvis.plugins.neighbourhood_councils import colleges
from parvis.plugins.neighbourhood_councils.models import Council, Filling, Member
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import council_post, done, draw_details, posted
from parvis.plugins.neighbourhood_councils.web.colleges import college_draw_form, college_form, designate_form
from parvis.plugins.neighbourhood_councils.web.common import Req, managed_council


def _college(db: DB, council: Council, college_id: int) -> colleges.CouncilCollege:
    found = colleges.college_of(db, council, college_id)
    if found is None:
        raise not_found()
    return found


@council_post("/colleges", college_form)
def add_college(request: Req, db: DB, council: Council, values: dict[str, Any]) -> Redirect:
    college = colleges.add_college(
        db,
        council,
        name=values["college_name"],
        seats=values["college_seats"],
        filling=Filling(values["college_filling"]),
    )
    return done(
        request,
        council,
        "college.create",
        _("The college is added."),
        college=college.name,
        seats=college.seats,
        filling=college.filling.value,
    )


@post(BASE + "/{slug:str}/colleges/{college:int}/draw", guards=[GUARD], status_code=303)
def draw_college(
    request: Req, db: DB, slug: FromPath[str], college: FromPath[int], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = _college(db, council, college)
    form = college_draw_form().bind(data)
    values = posted(request, db, council, form, college_draw_form=form, college_refused=found.id)
    record = colleges.draw(db, state_of(request).site, council, found, values["public_input"])
    message = _("The college's seats are drawn by lot.")
    details = draw_details(record) | {"college": found.name, "reserve": record.reserve}
    return done(request, council, "college.draw", message, **details)


@post(BASE + "/{slug:str}/colleges/{college:int}/designate", guards=[GUARD], status_code=303)
def designate(request: Req, db: DB, slug: FromPath[str], college: FromPath[int], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    found = _college(db, council, college)
    members = db.scalars(
        select(Member).where(Member.council_id == council.id, Member.left_at.is_(None)).order_by(Member.id)
    ).all()
    form = designate_form([(str(m.id), str(m.id)) for m in members]).bind(data)
    values = posted(request, db, council, form, college_refused=found.id)
    member = next(m for m in members if str(m.id) == values["member"])
    colleges.designate(db, found, member)
    message = _("The member takes a seat of the college.")
    return done(request, council, "college.designate", message, college=found.name, member=member.id)


ROUTES: list[Any] = [add_college, draw_college, designate]
