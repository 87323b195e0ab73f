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
    audit,
    check_location,
    lazy_gettext,
    on_refusal,
    redirect,
)
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.models import (
    Category,
    Operation,
    OperationStatus,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    GUARD,
    PROGRAMME_TEMPLATE,
    PROGRAMMES,
    operation_form,
    programme_context,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_programme,
    not_found,
)


@post(PROGRAMMES + "/{slug:str}/operations", guards=[GUARD], status_code=303)
def add_operation(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
    programme = managed_programme(request, db, slug)
    form = operation_form().bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme, operation_form=form))
    latitude, longitude = check_location(form)
    values = form.require_valid()
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
    audit.record_request(request, "neighbourhood_councils.operation.create", target=operation)
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The operation is published."))


@post(PROGRAMMES + "/{slug:str}/operations/{operation:str}/status", guards=[GUARD], status_code=303)
def operation_status(
    request: Req, db: DB, slug: FromPath[str], operation: FromPath[str], data: FormData
) -> Redirect:
    programme = managed_programme(request, db, slug)
    found = db.scalar(
        select(Operation).where(Operation.public_id == operation, Operation.programme_id == programme.id)
    )
    if found is None:
        raise not_found()
    form = Form(
        Field(
            "status",
            lazy_gettext("Status"),
            kind="select",
            choices=[(s.value, s.value) for s in OperationStatus],
        )
    ).bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))
    values = form.require_valid()
    beautify.set_operation_status(found, OperationStatus(values["status"]))
    audit.record_request(
        request, "neighbourhood_councils.operation.status", target=found, status=values["status"]
    )
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", _("The operation's status is updated."))


ROUTES: list[Any] = [
    add_operation,
    operation_status,
]
