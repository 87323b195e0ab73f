"""Back office: confirming residents' residence (with ``verification = "official"``)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import DB, FormData, FromPath, Person, _, audit, can, on_refusal, redirect, state_of
from parvis.plugins.budget import permissions
from parvis.plugins.budget.services.participants import decide_verification, pending_verifications
from parvis.plugins.budget.web.common import Req, not_found, render, site_of


class VerificationAdminController(Controller):
    path = "/admin/budget/verifications"
    guards = [can(permissions.VERIFY)]

    @get("/")
    def index(self, request: Req, db: DB) -> Template:
        site = site_of(request)
        return render(
            request,
            "budget/admin/verifications.html",
            rows=pending_verifications(db),
            today=site.today(),
            mode=site.settings("budget").verification,
            title=_("Residents awaiting verification"),
        )

    @post("/{public_id:str}", status_code=303)
    def decide(self, request: Req, db: DB, public_id: FromPath[str], data: FormData) -> Template | Redirect:
        person = db.scalar(select(Person).where(Person.public_id == public_id))
        if person is None:
            raise not_found()
        decision = str(data.get("decision") or "")
        if decision not in {"verify", "refuse"}:
            raise not_found()
        on_refusal(
            request,
            lambda refusal: redirect(
                request, "/admin/budget/verifications", refusal.message if refusal else None
            ),
        )
        decide_verification(
            db,
            person.id,
            state_of(request).actor,
            verified=decision == "verify",
            note=str(data.get("note") or "")[:300],
        )
        audit.record_request(request, f"budget.residence.{decision}", target=person)
        message = (
            _("{name} can now vote.") if decision == "verify" else _("The request of {name} is refused.")
        )
        return redirect(request, "/admin/budget/verifications", message.format(name=person.full_name))
