"""Back office of a promotion's seats: accepting, declining, leaving and replacing a member."""

from __future__ import annotations

from litestar import get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import DB, FormData, FromPath, _, audit, backoffice, redirect
from parvis.plugins.assembly.models import AssemblySeat
from parvis.plugins.assembly.services import register, seats

from .common import AnyRequest, PromotionAdmin, promotion_or_404, promotion_page, site_of
from .public import college_label


class SeatsAdminController(PromotionAdmin):
    @get("/seats", name="admin-assembly-seats")
    def seat_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = seats.seats_of(db, promotion)
        replaced = {s.replaces_id for s in found if s.replaces_id}
        site = site_of(request)
        return promotion_page(
            request,
            promotion,
            "assembly/admin/seats.html",
            "seats",
            _("Seats of the promotion {label}"),
            seats=found,
            replaced=replaced,
            by_draw={s.draw_id for s in found if register.uses_draw(site, s.draw)},
            college_label=college_label,
        )

    @post("/seats/{seat_id:int}/{action:str}", status_code=303)
    def seat_action(  # noqa: PLR0917 - Litestar passes the path parameters and the form by name
        self,
        request: AnyRequest,
        db: DB,
        public_id: FromPath[str],
        seat_id: FromPath[int],
        action: FromPath[str],
        data: FormData,
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        seat = db.get(AssemblySeat, seat_id)
        if (
            seat is None
            or seat.promotion_id != promotion.id
            or action not in ("accept", "decline", "leave", "replace")
        ):
            raise NotFoundException()
        site = site_of(request)
        target = f"/admin/assembly/{promotion.public_id}/seats"
        backoffice.refuse_to(request, target)
        if action == "accept":
            seats.accept(db, site, seat)
            message = _("The seat is accepted.")
        elif action == "decline":
            seats.decline(db, site, seat)
            message = _("The seat is declined; it can be refilled from the reserve.")
        elif action == "leave":
            seats.leave(db, site, seat, site.today())
            message = _("The member has left; the seat can be refilled from the reserve.")
        elif register.uses_draw(site, seat.draw):
            drawn = seats.replace_by_draw(db, site, seat.draw, [str(data.get("public_inputs") or "")])
            names = ", ".join(new.membership.person.full_name for new in drawn)
            message = _("Drawn and invited to take the vacant seats: {names}.").format(names=names)
        else:
            new = seats.replace(db, site, seat)
            message = _("{name} is invited to take the seat.").format(name=new.membership.person.full_name)
        audit.record_request(request, f"assembly.seat.{action}", target=seat.membership.person, seat=seat.id)
        return redirect(request, target, message)
