"""An official's steps on a call for applications beyond the draw: the moves of the call's
workflow that no service makes (``parvis.councils.lifecycle.steps``), such as a review state a
city adds in its ``[workflows.council_call]``. The engine checks the move and records it."""

from __future__ import annotations

from litestar import Controller, post
from litestar.response import Redirect, Template

from parvis import audit
from parvis.bodies.routes import manages_bodies
from parvis.councils import lifecycle
from parvis.councils.errors import CouncilRefused
from parvis.councils.routes_admin import _call, _managed, call_page
from parvis.councils.web import AnyRequest
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.render import redirect
from parvis.web.types import DB, FormData, FromPath
from parvis.web.unit_of_work import on_refusal


class CouncilCallStepsController(Controller):
    path = "/admin/bodies"
    guards = [manages_bodies]

    @post("/{slug:str}/calls/{public_id:str}/step", status_code=303)
    def step(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body, council = _managed(request, db, slug)
        call = _call(db, body, public_id)
        on_refusal(
            request,
            lambda refusal: call_page(request, db, body, council, call, refusal=refusal),
            status_code=400,
        )
        state = state_of(request)
        name = str(data.get("step") or "")
        if name in lifecycle.SERVICE_STEPS:
            raise CouncilRefused(_("Choose among the options shown."), "step", status_code=400)
        lifecycle.advance(db, lifecycle.CALL, call, name, state.actor, comment=str(data.get("note") or ""))
        audit.record_request(request, "councils.call.step", target=call, step=name)
        label = lifecycle.state_label(state.site, lifecycle.CALL, call)
        target = f"/admin/bodies/{body.slug}/calls/{call.public_id}"
        return redirect(request, target, _("The call is now “{state}”.").format(state=label))
