"""The steps of a form posted from a council's or a programme's back-office page: ``posted`` (the
page comes back with the form on a refusal, else the form's valid values), the change, then
``done`` (its audit entry, back to the page with a message). ``council_post`` declares the route
of a council's form that needs nothing else from the URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import post
from litestar.response import Redirect

from parvis.api import DB, BoundForm, Form, FormData, FromPath, audit, on_refusal, redirect
from parvis.plugins.neighbourhood_councils.models import Council, Programme
from parvis.plugins.neighbourhood_councils.web.admin_common import (
    BASE,
    GUARD,
    MANAGE_TEMPLATE,
    PROGRAMME_TEMPLATE,
    PROGRAMMES,
    manage_context,
    programme_context,
)
from parvis.plugins.neighbourhood_councils.web.common import Req, managed_council

Owner = Council | Programme  # what a back-office page is about (and what meetings belong to)


def owner_path(owner: Owner) -> str:
    """The back-office page of a council or of a Beautify programme."""
    return f"{BASE}/{owner.slug}" if isinstance(owner, Council) else f"{PROGRAMMES}/{owner.slug}"


def posted(request: Req, db: DB, owner: Owner, form: BoundForm, **shown: Any) -> dict[str, Any]:
    """The valid values of ``form``, posted from the owner's back-office page. A refusal shows that
    page again, with ``shown`` in its context: the form in place of its blank copy
    (``meeting_form=form``: what was typed, the messages), or what else the page marks."""
    if isinstance(owner, Council):
        on_refusal(request, MANAGE_TEMPLATE, **manage_context(request, db, owner, **shown))
    else:
        on_refusal(request, PROGRAMME_TEMPLATE, **programme_context(request, db, owner, **shown))
    return form.require_valid()


def done(
    request: Req, owner: Owner, action: str, message: str, *, target: Any = None, **details: Any
) -> Redirect:
    """After a change: its audit entry (``neighbourhood_councils.<action>``, about ``target``, else
    the owner), then back to the owner's page with ``message``."""
    audit.record_request(
        request, f"neighbourhood_councils.{action}", target=owner if target is None else target, **details
    )
    return redirect(request, owner_path(owner), message)


Step = Callable[[Req, DB, Council, dict[str, Any]], Redirect]


def council_post(path: str, form: Callable[[], Form]) -> Callable[[Step], Any]:
    """Declare the route of a form posted from a council's back-office page (``path`` below it).

    The route finds the council of the URL (district checked) and takes the form's valid values
    (``posted``), then ``step(request, db, council, values)`` makes the change and answers
    (``done``). A refused form comes back on the page in place of its blank copy, which the page's
    context names like the function that builds it (``allocation_form``)."""

    def route(step: Step) -> Any:
        def handler(request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
            council = managed_council(request, db, slug)
            bound = form().bind(data)
            values = posted(request, db, council, bound, **{form.__name__: bound})
            return step(request, db, council, values)

        handler.__name__ = handler.__qualname__ = step.__name__
        handler.__doc__ = step.__doc__
        return post(BASE + "/{slug:str}" + path, guards=[GUARD], status_code=303)(handler)

    return route


def draw_details(record: Any) -> dict[str, Any]:
    """What the audit entry of a draw by lot keeps of its record: enough to re-run and check it."""
    return {
        "seed": record.seed,
        "inputs": record.inputs,
        "public_inputs": record.public_inputs,
        "panel": record.panel,
        "algorithm": record.algorithm,
    }
