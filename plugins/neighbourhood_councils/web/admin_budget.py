"""A council's budget in the back office: the yearly allocation, spending decisions, expenses."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import (
    DB,
    FormData,
    FromPath,
    _,
    audit,
    on_refusal,
    redirect,
    state_of,
)
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import Credit, Spending
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    allocation_form,
    expense_form,
    manage_context,
    spending_form,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
    not_found,
)


@post(BASE + "/{slug:str}/allocation", guards=[GUARD], status_code=303)
def set_allocation(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    council = managed_council(request, db, slug)
    form = allocation_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, allocation_form=form))
    values = form.require_valid()
    services.set_allocation(db, council, values["year"], values["amount"], Credit(values["credit"]))
    audit.record_request(
        request,
        "neighbourhood_councils.budget.allocation",
        target=council,
        year=values["year"],
        credit=values["credit"],
        amount=values["amount"],
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The allocation is recorded."))


@post(BASE + "/{slug:str}/spending", guards=[GUARD], status_code=303)
def add_spending(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    site = state_of(request).site
    council = managed_council(request, db, slug)
    form = spending_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council, spending_form=form))
    values = form.require_valid()
    spending = services.decide_spending(
        db,
        site,
        council,
        title=values["title"],
        amount=values["amount"],
        decided_on=values["decided_on"],
        credit=Credit(values["credit"]),
    )
    audit.record_request(
        request,
        "neighbourhood_councils.budget.spending",
        target=council,
        credit=spending.credit.value,
        amount=spending.amount,
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The spending decision is recorded."))


@post(BASE + "/{slug:str}/spending/{spending:int}/expenses", guards=[GUARD], status_code=303)
def add_expense(
    request: Req, db: DB, slug: FromPath[str], spending: FromPath[int], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = db.scalar(select(Spending).where(Spending.id == spending, Spending.council_id == council.id))
    if found is None:
        raise not_found()
    form = expense_form().bind(data)
    on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, council))
    values = form.require_valid()
    services.record_expense(
        db, found, label=values["label"], amount=values["amount"], paid_on=values["paid_on"]
    )
    audit.record_request(
        request, "neighbourhood_councils.budget.expense", target=council, amount=values["amount"]
    )
    return redirect(request, f"{BASE}/{council.slug}", _("The expense is recorded."))


ROUTES: list[Any] = [
    set_allocation,
    add_spending,
    add_expense,
]
