"""One unit of work per request: routes neither commit nor roll back.

After a handler returns, its database session is committed when the response is a success
(status below 400) and rolled back otherwise; a ``Refused`` raised anywhere in the handler or its
services rolls it back and is answered by ``parvis.web.errors``. Both run in a worker thread, so a
commit waiting on a lock never stalls the event loop. Mail the request queued is sent by a job
worker once the transaction commits (``parvis.mail``): web workers never talk to the mail server.

A handler whose form should be shown again on a refusal says so before calling its services::

    form = EDIT.bind(data)
    on_refusal(request, "decisions/admin/edit.html", form=form, decision=decision, title=...)
    form.require_valid()                 # raises Invalid: the form comes back with its messages
    update_decision(db, site, decision)  # may raise Refused(message, field="title")
    return redirect(request, "/admin/decisions", _("Saved."))
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from anyio.to_thread import run_sync

if TYPE_CHECKING:
    from litestar import Request, Response

    from parvis.refusals import Refused
    from parvis.web.context import RequestState
    from parvis.web.forms import BoundForm

current_request_state: ContextVar[RequestState | None] = ContextVar("current_request_state", default=None)

Renderer = Callable[["Refused"], "Response[Any]"]


async def finish_unit_of_work(response: Any) -> Any:
    """Litestar ``after_request`` hook: commit a successful handler's work, roll back the rest.

    ``response`` is a Response, or the plain data a handler returned (a dict for JSON): a success.
    """
    state = current_request_state.get()
    if state is None:
        return response
    if state.in_transaction():
        status = getattr(response, "status_code", None) or 200
        await run_sync(state.commit if status < 400 else state.rollback)
    return response


def on_refusal(
    request: Request[Any, Any, Any],
    template: str | Callable[[Refused | None], Response[Any]],
    *,
    form: BoundForm | None = None,
    fallback_field: str | None = None,
    status_code: int | None = None,
    **context: Any,
) -> None:
    """If this request is refused, render ``template`` again with ``form`` and ``context``.

    A refusal naming one of the form's fields is shown beside that field (``BoundForm.attach``),
    one naming none beside ``fallback_field`` if the handler gives one; any other is given to the
    template as ``error`` (its message) and ``refusal`` (with its ``details``). The page answers
    with ``status_code``, else the refusal's own.

    ``template`` may instead be a function that builds the answer itself, for a page whose context
    is costly to compute (only refused requests pay for it) or an answer that is not a page: it is
    called with the refusal (``None`` once shown beside its field) after the rollback; a page it
    answers with status 200 gets the status above, any other answer is sent as it is (a redirect
    with the message in a flash, say)::

        on_refusal(request, lambda refusal: back(request, mission, refusal.message, "error"))

    JSON clients get the refusal's status and reason instead; htmx requests too when the answer
    would be a redirect.
    """
    from parvis.web.context import state_of
    from parvis.web.render import page

    def render(refusal: Refused) -> Response[Any]:
        shown = form.attach(refusal, fallback_field) if form is not None else refusal
        status = status_code or refusal.status_code
        if callable(template):
            response = template(shown)
            if response.status_code == 200:  # not chosen by the function (a redirect stays one)
                response.status_code = status
            return response
        values = {"error": shown.message if shown else None, "refusal": shown, **context}
        if form is not None:
            values["form"] = form
        return page(request, template, status_code=status, **values)

    state_of(request).refusal_renderer = render
