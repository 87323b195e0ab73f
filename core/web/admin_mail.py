"""The mail outbox in the back office: what was sent, what waits, what failed and why."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import func, select

from parvis import audit
from parvis.i18n import _
from parvis.mail.delivery import retry, transport_for
from parvis.mail.outbox import MailStatus, OutboxMail
from parvis.web.context import state_of
from parvis.web.guards import admin
from parvis.web.listing import paginate
from parvis.web.render import page as render_page
from parvis.web.render import redirect
from parvis.web.types import DB, FromPath, FromQuery


class MailController(Controller):
    path = "/admin/mail"
    guards = [admin]

    @get("/", name="mail-outbox")
    def index(
        self, request: Request[Any, Any, Any], db: DB, status: FromQuery[str] = "", page: FromQuery[int] = 1
    ) -> Template:
        chosen = status if status in MailStatus.__members__.values() else ""
        query = select(OutboxMail)
        if chosen:
            query = query.where(OutboxMail.status == chosen)
        listing = paginate(db, query.order_by(OutboxMail.id.desc()), page)
        counts = dict(db.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all())
        return render_page(
            request,
            "admin/mail.html",
            listing=listing,
            counts={s: counts.get(s, 0) for s in MailStatus},
            status=chosen,
            delivering=transport_for(state_of(request).site) is not None,
            statuses=MailStatus.choices(),
            title=_("E-mail outbox"),
        )

    @post("/{mail_id:int}/retry", status_code=303)
    def retry(self, request: Request[Any, Any, Any], db: DB, mail_id: FromPath[int]) -> Redirect:
        mail = db.get(OutboxMail, mail_id)
        if mail is None or mail.status != MailStatus.FAILED:
            raise NotFoundException()
        retry(db, state_of(request).site, mail)
        audit.record_request(request, "core.mail.retry", target=mail, to=mail.to_address)
        return redirect(request, "/admin/mail", _("The message will be sent again."), status="failed")
