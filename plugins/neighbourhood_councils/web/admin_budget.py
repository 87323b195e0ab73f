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
    one_or_404,
    state_of,
)
from parvis.plugins.neighbourhood_councils import services
from parvis.plugins.neighbourhood_councils.models import Council, Credit, Spending
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    allocation_form,
    expense_form,
    spending_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import council_post, done, posted
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_council,
)


@council_post("/allocation", allocation_form)
def set_allocation(request: Req, db: DB, council: Council, values: dict[str, Any]) -> Redirect:
    services.set_allocation(db, council, values["year"], values["amount"], Credit(values["credit"]))
    return done(
        request,
        council,
        "budget.allocation",
        _("The allocation is recorded."),
        year=values["year"],
        credit=values["credit"],
        amount=values["amount"],
    )


@council_post("/spending", spending_form)
def add_spending(request: Req, db: DB, council: Council, values: dict[str, Any]) -> Redirect:
    site = state_of(request).site
    spending = services.decide_spending(
        db,
        site,
        council,
        title=values["title"],
        amount=values["amount"],
        decided_on=values["decided_on"],
        credit=Credit(values["credit"]),
    )
    return done(
        request,
        council,
        "budget.spending",
        _("The spending decision is recorded."),
        credit=spending.credit.value,
        amount=spending.amount,
    )


@post(BASE + "/{slug:str}/spending/{spending:int}/expenses", guards=[GUARD], status_code=303)
def add_expense(
    request: Req, db: DB, slug: FromPath[str], spending: FromPath[int], data: FormData
) -> Redirect:
    council = managed_council(request, db, slug)
    found = one_or_404(db, select(Spending).where(Spending.id == spending, Spending.council_id == council.id))
    values = posted(request, db, council, expense_form().bind(data))
    services.record_expense(
        db, found, label=values["label"], amount=values["amount"], paid_on=values["paid_on"]
    )
    return done(request, council, "budget.expense", _("The expense is recorded."), amount=values["amount"])


ROUTES: list[Any] = [
    set_allocation,
    add_spending,
    add_expense,
]
