"""Back office: a body's terms (mandates with a start and an end)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.bodies import services
from parvis.bodies.models import Body, Term
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.backoffice import Resource
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import page
from parvis.web.types import DB, FormData, FromPath

from .common import PATH, AnyRequest, base, body_or_404, edit_page, manages_bodies, owned
from .forms import TERM_FORM

TERMS = Resource("core.term", audited={"delete"})


def terms_page(request: AnyRequest, body: Body, form: BoundForm, refusal: Refused | None = None) -> Template:
    return page(
        request,
        "bodies/admin/terms.html",
        body=body,
        section="terms",
        form=form,
        refusal=refusal,
        today=state_of(request).site.today(),
        title=_("Terms — {body}").format(body=body.name),
    )


def term_page(
    request: AnyRequest, body: Body, term: Term, form: BoundForm, refusal: Refused | None = None
) -> Template:
    heading = _("Edit the term {label}").format(label=term.label)
    return edit_page(request, body, "terms", f"/terms/{term.id}", form, heading=heading, refusal=refusal)


class TermsAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/{slug:str}/terms")
    def terms(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        return terms_page(request, body_or_404(request, db, slug), TERM_FORM.bind())

    @post("/{slug:str}/terms", status_code=303)
    def add_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        form = TERM_FORM.bind(data)
        v = TERMS.submit(request, form, lambda refusal: terms_page(request, body, form, refusal))
        term = TERMS.save(db, lambda: services.add_term(db, body, v["label"], v["starts_on"], v["ends_on"]))
        message = _("The term {label} is added.").format(label=term.label)
        return TERMS.done(request, "add", f"{base(body)}/terms", message, target=term)

    @get("/{slug:str}/terms/{item_id:int}")
    def edit_term_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body, term = owned(request, db, slug, Term, item_id)
        initial = {"label": term.label, "starts_on": term.starts_on, "ends_on": term.ends_on}
        return term_page(request, body, term, TERM_FORM.bind(initial=initial))

    @post("/{slug:str}/terms/{item_id:int}", status_code=303)
    def update_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body, term = owned(request, db, slug, Term, item_id)
        form = TERM_FORM.bind(data)
        v = TERMS.submit(request, form, lambda refusal: term_page(request, body, term, form, refusal))
        TERMS.save(
            db,
            lambda: services.update_term(
                db, term, label=v["label"], starts_on=v["starts_on"], ends_on=v["ends_on"]
            ),
        )
        return TERMS.done(request, "update", f"{base(body)}/terms", target=term)

    @post("/{slug:str}/terms/{item_id:int}/delete", status_code=303)
    def delete_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body, term = owned(request, db, slug, Term, item_id)
        delete = lambda: services.delete_term(db, term)  # noqa: E731
        return TERMS.delete(request, db, delete, f"{base(body)}/terms", target=term, body=slug)
