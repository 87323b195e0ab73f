"""Beautify works in the back office: adding an operation, updating its status."""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.response import Redirect
from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    check_location,
    lazy_gettext,
    one_or_404,
)
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.models import (
    Category,
    Operation,
    OperationStatus,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    GUARD,
    PROGRAMMES,
    operation_form,
)
from parvis.plugins.neighbourhood_councils.web.admin_steps import done, posted
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_programme,
)


@post(PROGRAMMES + "/{slug:str}/operations", guards=[GUARD], status_code=303)
def add_operation(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = operation_form().bind(data)
    latitude, longitude = check_location(form)  # its message joins the others'
    values = posted(request, db, programme, form, operation_form=form)
    operation = beautify.add_operation(
        db,
        programme,
        title=values["title"],
        place=values["place"],
        category=Category(values["category"]),
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        latitude=latitude,
        longitude=longitude,
    )
    return done(request, programme, "operation.create", _("The operation is published."), target=operation)


@post(PROGRAMMES + "/{slug:str}/operations/{operation:str}/status", guards=[GUARD], status_code=303)
def operation_status(
    request: Req, db: DB, slug: FromPath[str], operation: FromPath[str], data: FormData
) -> Redirect:
    programme = managed_programme(request, db, slug)
    found = one_or_404(
        db, select(Operation).where(Operation.public_id == operation, Operation.programme_id == programme.id)
    )
    form = Form(
        Field(
            "status",
            lazy_gettext("Status"),
            kind="select",
            choices=[(s.value, s.value) for s in OperationStatus],
        )
    ).bind(data)
    values = posted(request, db, programme, form)
    beautify.set_operation_status(found, OperationStatus(values["status"]))
    message = _("The operation's status is updated.")
    return done(request, programme, "operation.status", message, target=found, status=values["status"])


ROUTES: list[Any] = [
    add_operation,
    operation_status,
]
