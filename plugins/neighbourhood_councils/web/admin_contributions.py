"""Beautify contributions in the back office: moderating them."""

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
    lazy_gettext,
    on_refusal,
    redirect,
    state_of,
)
from parvis.plugins.neighbourhood_councils import beautify
from parvis.plugins.neighbourhood_councils.models import (
    Contribution,
    Moderation,
)
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    GUARD,
    PROGRAMME_TEMPLATE,
    PROGRAMMES,
    programme_context,
)
from parvis.plugins.neighbourhood_councils.web.common import (
    Req,
    managed_programme,
    not_found,
)


@post(PROGRAMMES + "/{slug:str}/contributions/{contribution:str}/moderate", guards=[GUARD], status_code=303)
def moderate(
    request: Req, db: DB, slug: FromPath[str], contribution: FromPath[str], data: FormData
) -> Redirect:
    site = state_of(request).site
    programme = managed_programme(request, db, slug)
    found = db.scalar(
        select(Contribution).where(
            Contribution.public_id == contribution, Contribution.programme_id == programme.id
        )
    )
    if found is None:
        raise not_found()
    form = Form(
        Field(
            "decision",
            lazy_gettext("Decision"),
            kind="select",
            choices=[("approve", "approve"), ("reject", "reject")],
        )
    ).bind(data)
    on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, programme))
    values = form.require_valid()
    beautify.moderate(site, found, values["decision"] == "approve")
    audit.record_request(
        request, "neighbourhood_councils.contribution.moderate", target=found, status=found.status.value
    )
    message = (
        _("The contribution is published.")
        if found.status == Moderation.APPROVED
        else _("The contribution will not be published.")
    )
    return redirect(request, f"{PROGRAMMES}/{programme.slug}", message)


ROUTES: list[Any] = [
    moderate,
]
