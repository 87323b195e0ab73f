"""Back office of a promotion's trainings and their sessions."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import DB, Field, Form, FormData, FromPath, _, backoffice, lazy_gettext, redirect
from parvis.plugins.assembly.services import trainings

from .common import AnyRequest, PromotionAdmin, back, promotion_or_404, promotion_page, site_of
from .forms import TRAINING


def session_form(found: list[Any]) -> Form:
    return Form(
        Field(
            "training", lazy_gettext("Training"), kind="select", choices=[(t.slug, t.title) for t in found]
        ),
        *SESSION_FIELDS,
    )


SESSION_FIELDS = (
    Field("starts_at", lazy_gettext("Start"), kind="datetime"),
    Field("ends_at", lazy_gettext("End"), kind="datetime"),
    Field("place", lazy_gettext("Place"), required=False, max_length=300),
    Field("capacity", lazy_gettext("Places"), kind="integer", min=1, max=1000),
)


class TrainingsAdminController(PromotionAdmin):
    @get("/trainings", name="admin-assembly-trainings")
    def training_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = trainings.of_promotion(db, promotion)
        ids = [s.id for t in found for s in t.sessions]
        return promotion_page(
            request,
            promotion,
            "assembly/admin/trainings.html",
            "trainings",
            _("Trainings of the promotion {label}"),
            trainings=found,
            counts=trainings.counts(db, ids),
            training_form=TRAINING.bind(),
            session_form=session_form(found).bind(),
        )

    @post("/trainings", status_code=303)
    def add_training(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/trainings"
        form = TRAINING.bind(data)
        if not form.valid:
            return back(request, target, _("Give it a title."), "error")
        trainings.add_training(
            db, promotion, title=form.values["title"], description=form.values["description"] or ""
        )
        return redirect(request, target, _("The training is added."))

    @post("/trainings/sessions", status_code=303)
    def add_session(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/trainings"
        form = session_form(trainings.of_promotion(db, promotion)).bind(data)
        if not form.valid:
            return back(request, target, next(iter(form.errors.values())), "error")
        training = trainings.by_slug(db, promotion, form.values["training"])
        if training is None:
            raise NotFoundException()
        backoffice.refuse_to(request, target)
        trainings.add_session(
            db,
            site_of(request),
            training,
            starts_at=form.values["starts_at"],
            ends_at=form.values["ends_at"],
            place=form.values["place"] or "",
            capacity=form.values["capacity"],
        )
        return redirect(request, target, _("The session is added."))
