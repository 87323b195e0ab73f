"""Back office: ballot boxes (fixed or mobile) with their schedule, and the double entry of counts.

The entry form never shows the other official's numbers: each enters the box's count blind, and
the two entries are compared.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    Invalid,
    Person,
    Refused,
    _,
    audit,
    can,
    lazy_gettext,
    lazy_word,
    on_refusal,
    redirect,
    state_of,
)
from parvis.plugins.budget import permissions
from parvis.plugins.budget.models import BoxKind
from parvis.plugins.budget.services import paper as service
from parvis.plugins.budget.services.campaigns import vote_closed
from parvis.plugins.budget.web.common import (
    NewPage,
    Req,
    campaign_or_404,
    district_choices,
    grades_of,
    not_found,
    render,
    site_of,
)


def box_form(request: Req) -> Form:
    return Form(
        Field("name", lazy_gettext("Name"), max_length=200),
        Field(
            "kind",
            lazy_gettext("Kind"),
            kind="radio",
            choices=BoxKind.choices,
        ),
        Field(
            "district",
            lazy_word("district", "Name"),
            kind="select",
            choices=lambda: district_choices(request),
        ),
        Field("place", lazy_gettext("Place"), required=False, max_length=300),
        Field("notes", lazy_gettext("Notes"), kind="textarea", required=False, max_length=3000),
    )


NEW_BOX = NewPage(lazy_gettext("New ballot box"), lazy_gettext("Ballot boxes"), "/boxes", "/boxes/new")


STOP = Form(
    Field("place", lazy_gettext("Place"), max_length=300),
    Field("starts_at", lazy_gettext("From"), kind="datetime"),
    Field("ends_at", lazy_gettext("Until"), kind="datetime"),
)


def _int(data: dict[str, Any], name: str) -> int | None:
    raw = data.get(name)
    if isinstance(raw, list):
        raw = raw[-1] if raw else ""
    text = str(raw or "").strip()
    if text == "":
        return 0
    if not text.isdigit() or len(text) > 9:
        return None
    return int(text)


class PaperAdminController(Controller):
    path = "/admin/budget/{slug:str}/boxes"
    guards = [can(permissions.PAPER)]

    @get("/")
    def index(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        rows = [(box, service.compare(box)) for box in service.boxes(db, campaign)]
        return render(
            request,
            "budget/admin/boxes.html",
            campaign=campaign,
            rows=rows,
            closed=vote_closed(campaign),
            title=_("Ballot boxes"),
        )

    @get("/new")
    def new(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        return NEW_BOX.render(request, campaign_or_404(db, slug), box_form(request).bind())

    @post("/new", status_code=303)
    def create(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        values = NEW_BOX.submit(request, campaign, box_form(request).bind(data), fallback_field="name")
        box = service.create_box(
            db,
            site_of(request),
            campaign,
            name=values["name"],
            kind=BoxKind(values["kind"]),
            district=values["district"],
            place=values["place"] or "",
            notes=values["notes"] or "",
        )
        return redirect(
            request,
            f"/admin/budget/{campaign.slug}/boxes/{box.public_id}",
            _("The ballot box is saved."),
        )

    def _box(self, db: DB, campaign: Any, public_id: str) -> Any:
        box = service.box_by_public_id(db, campaign, public_id)
        if box is None:
            raise not_found()
        return box

    def _box_page(
        self, request: Req, db: DB, campaign: Any, box: Any, *, stop_form: Any = None, status_code: int = 200
    ) -> Template:
        state = state_of(request)
        return render(
            request,
            "budget/admin/box.html",
            campaign=campaign,
            box=box,
            state=service.compare(box),
            mine=next((r for r in box.reports if r.entered_by_id == state.actor.account.id), None),  # type: ignore[union-attr]
            stop_form=stop_form or STOP.bind(),
            kind_label=_(box.kind.label),
            closed=vote_closed(campaign),
            title=box.name,
            status_code=status_code,
        )

    @get("/{public_id:str}")
    def box(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return self._box_page(request, db, campaign, self._box(db, campaign, public_id))

    @post("/{public_id:str}/stops", status_code=303)
    def add_stop(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        box = self._box(db, campaign, public_id)
        form = STOP.bind(data)
        on_refusal(
            request,
            lambda _shown: self._box_page(request, db, campaign, box, stop_form=form),
            form=form,
            fallback_field="place",
            status_code=400,
        )
        service.add_stop(db, box, **form.require_valid())
        return redirect(
            request, f"/admin/budget/{campaign.slug}/boxes/{box.public_id}", _("The stop is saved.")
        )

    @post("/{public_id:str}/register", status_code=303)
    def sign_register(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Redirect:
        """A resident signs the box's register: marked in the poll book, so they cannot also vote
        online (nor at another box). Found by family name and birth date."""
        from datetime import date

        from sqlalchemy import func, select

        campaign = campaign_or_404(db, slug)
        box = self._box(db, campaign, public_id)
        name = str(data.get("family_name") or "").strip()
        try:
            born = date.fromisoformat(str(data.get("birth_date") or "").strip())
        except ValueError:
            raise Refused(_("Enter a date as YYYY-MM-DD."), "birth_date") from None
        found = db.scalars(
            select(Person)
            .where(func.lower(Person.family_name) == name.lower(), Person.birth_date == born)
            .limit(2)
        ).all()
        if len(found) != 1:
            raise Refused(_("No single resident matches this name and birth date."), "family_name")
        site = site_of(request)
        service.sign_register(db, campaign, box, found[0], state_of(request).actor, now=site.now())
        audit.record_request(request, "budget.register.sign", target=box)
        return redirect(
            request,
            f"/admin/budget/{campaign.slug}/boxes/{box.public_id}",
            _("{name} signed the register.").format(name=found[0].full_name),
        )

    def _count_page(
        self,
        request: Req,
        db: DB,
        campaign: Any,
        box: Any,
        *,
        values: dict[str, Any],
        errors: dict[str, str],
        status_code: int = 200,
    ) -> Template:
        return render(
            request,
            "budget/admin/box_count.html",
            campaign=campaign,
            box=box,
            levels=service.box_levels(db, campaign, box),
            values=values,
            errors=errors,
            grade_names=grades_of(request, campaign),
            title=_("Count of {box}").format(box=box.name),
            status_code=status_code,
        )

    @get("/{public_id:str}/count")
    def count_form(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        box = self._box(db, campaign, public_id)
        account_id = state_of(request).actor.account.id  # type: ignore[union-attr]
        mine = next((r for r in box.reports if r.entered_by_id == account_id), None)
        values: dict[str, Any] = {}
        if mine is not None:
            values = {
                "signatures": mine.signatures,
                "city_ballots": mine.city_ballots,
                "district_ballots": mine.district_ballots,
            }
            values.update({f"c-{c.project_id}-{c.grade}": c.count for c in mine.counts})
        return self._count_page(request, db, campaign, box, values=values, errors={})

    @post("/{public_id:str}/count", status_code=303)
    def count(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        box = self._box(db, campaign, public_id)
        levels = service.box_levels(db, campaign, box)
        errors: dict[str, str] = {}
        numbers: dict[str, int] = {}
        for name in ("signatures", "city_ballots", "district_ballots"):
            value = _int(data, name)
            if value is None:
                errors[name] = _("Enter a whole number.")
            numbers[name] = value or 0
        counts: dict[tuple[int, int], int] = {}
        for projects in levels.values():
            for project in projects:
                for grade in range(1, campaign.n_grades):
                    value = _int(data, f"c-{project.id}-{grade}")
                    if value is None:
                        errors[f"p-{project.public_id}"] = _("Enter a whole number.")
                    counts[(project.id, grade)] = value or 0
        report = service.ReportInput(counts=counts, **numbers)
        errors.update(service.check_report(campaign, levels, report) if not errors else {})
        values = {k: v for k, v in data.items() if isinstance(v, str)}

        def refused(refusal: Refused | None) -> Template:
            # Not a Form (a field per project and grade): the page shows its errors by field name.
            if refusal is not None:
                errors.setdefault(refusal.field or "signatures", refusal.message)
            return self._count_page(request, db, campaign, box, values=values, errors=errors)

        on_refusal(request, refused, status_code=400)
        if errors:
            field, message = next(iter(errors.items()))
            raise Invalid(message, field)
        actor = state_of(request).actor
        service.enter_report(db, campaign, box, actor, report, site=site_of(request))
        audit.record_request(request, "budget.paper_count.record", target=box, campaign=campaign.slug)
        return redirect(
            request, f"/admin/budget/{campaign.slug}/boxes/{box.public_id}", _("Your count is saved.")
        )
