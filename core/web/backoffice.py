"""Back-office resources: one pattern for listing, adding, editing and deleting rows.

Django's and Wagtail's admin in miniature, without a framework. A ``Resource`` names what the
handlers of one kind of row share (its audit actions, which of them are written), and its methods
are the steps every handler takes, so a back office reads the same in core and in every plugin::

    TERMS = backoffice.Resource("core.term", audited={"delete"})

    @post("/{slug:str}/terms", status_code=303)
    def add_term(self, request, db, slug, data):
        body = body_or_404(db, slug)
        form = TERM_FORM.bind(data)
        values = TERMS.submit(request, form, lambda refusal: terms_page(request, body, form, refusal))
        term = TERMS.save(db, lambda: services.add_term(db, body, **values))
        return TERMS.done(request, "add", f"/admin/bodies/{body.slug}/terms", _("Added."), target=term)

    @post("/{slug:str}/terms/{item_id:int}/delete", status_code=303)
    def delete_term(self, request, db, slug, item_id):
        term = ...
        return TERMS.delete(request, db, lambda: services.delete_term(db, term), back, target=term)

- ``submit``: if the request is refused, ``render(refusal)`` answers (status 400): a refusal
  naming one of the form's fields is shown beside it (``render`` gets ``None``), any other is
  given to the page as ``refusal`` (``refusal_notice`` in the templates); then the form's valid
  values, or ``Invalid``;
- ``save``: the service call, flushed, so a unique value another request took first is a
  refusal ("changed by someone else") rather than an error page;
- ``done``: the audit record (when the step is audited) and post/redirect/get with a message;
- ``delete``: the audit record, the deletion, back to the list with "Deleted."; a refusal goes
  back to the list with its message (``refuse_to``, also for action buttons without a form page).

Handlers neither commit nor roll back: the request's unit of work does (``parvis.web.unit_of_work``),
and a refusal rolls it back before the page above is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from litestar import Response
from litestar.response import Redirect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import audit
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import flash, redirect, url
from parvis.web.types import AnyRequest
from parvis.web.unit_of_work import on_refusal

T = TypeVar("T")
Render = Callable[[Refused | None], Response[Any]]

__all__ = ["Render", "Resource", "refuse_on_form", "refuse_to", "save", "submit"]


def refuse_on_form(
    request: AnyRequest,
    form: BoundForm | None,
    render: Render,
    *,
    status_code: int | None = 400,
    fallback_field: str | None = None,
) -> None:
    """If this request is refused, answer with ``render(refusal)`` and ``status_code`` (``None``:
    the status ``render`` chose), through ``on_refusal``.

    A refusal naming a field of ``form`` (without details) is shown beside that field and
    ``render`` gets ``None``, as it does for the ``Invalid`` of ``form.require_valid()`` (the
    form shows its own messages); so is one naming no field when ``fallback_field`` is given;
    any other refusal is given to ``render``.
    """

    # the one way (BoundForm.attach)
    on_refusal(request, render, form=form, status_code=status_code, fallback_field=fallback_field)


def submit(
    request: AnyRequest,
    form: BoundForm,
    render: Render,
    *,
    status_code: int = 400,
    fallback_field: str | None = None,
) -> dict[str, Any]:
    """Register ``render`` as the answer to a refusal (``refuse_on_form``), then the form's valid
    values (or ``Invalid``: the page comes back with one message per field)."""
    refuse_on_form(request, form, render, status_code=status_code, fallback_field=fallback_field)
    return form.require_valid()


def refuse_to(request: AnyRequest, path: str, **query: Any) -> None:
    """If this request is refused, go back to ``path`` with the refusal's message as an error."""

    def answer(refusal: Refused) -> Response[Any]:
        response = Redirect(path=url(request, path, **query), status_code=303)
        flash(response, refusal.message, "error")
        return response

    state_of(request).refusal_renderer = answer


def save(db: Session, action: Callable[[], T]) -> T:
    """Run a service call and flush it: a unique value taken meanwhile is a refusal, not a 500."""
    try:
        result = action()
        db.flush()
    except IntegrityError:
        raise Refused(_("This was changed by someone else; please try again.")) from None
    return result


class Resource:
    """One kind of row a back office adds, edits and deletes.

    ``audit``: the prefix of its audit-log actions (``"core.term"`` writes ``core.term.delete``);
    ``audited``: which steps (``"add"``, ``"update"``, ``"delete"``) are written to the log.
    """

    def __init__(self, audit: str | None = None, *, audited: Iterable[str] = ()) -> None:
        self.audit = audit
        self.audited = frozenset(audited)
        unknown = self.audited - {"add", "update", "delete"}
        if unknown or (self.audited and not audit):
            raise ValueError(f"audited steps {sorted(self.audited)} need an audit prefix and known steps")

    def submit(
        self, request: AnyRequest, form: BoundForm, render: Render, *, status_code: int = 400
    ) -> dict[str, Any]:
        """Register ``render`` as the answer to a refusal, then the form's valid values."""
        return submit(request, form, render, status_code=status_code)

    def save(self, db: Session, action: Callable[[], T]) -> T:
        return save(db, action)

    def record(self, request: AnyRequest, step: str, *, target: Any = None, **details: Any) -> None:
        """Write the audit log's entry for ``step`` when this resource audits it."""
        if self.audit and step in self.audited:
            audit.record_request(request, f"{self.audit}.{step}", target=target, **details)

    def done(
        self,
        request: AnyRequest,
        step: str,
        back: str,
        message: str | None = None,
        *,
        target: Any = None,
        query: dict[str, Any] | None = None,
        **details: Any,
    ) -> Redirect:
        """After a saved ``step``: its audit entry, then back to ``back`` with ``message``."""
        self.record(request, step, target=target, **details)
        return redirect(request, back, message or _("Your changes are saved."), **(query or {}))

    def delete(
        self,
        request: AnyRequest,
        db: Session,
        action: Callable[[], Any],
        back: str,
        *,
        target: Any = None,
        query: dict[str, Any] | None = None,
        **details: Any,
    ) -> Redirect:
        """Delete with ``action`` and go back to ``back``; a refusal goes back there with its message."""
        refuse_to(request, back, **(query or {}))
        self.record(request, "delete", target=target, **details)
        save(db, action)
        return redirect(request, back, _("Deleted."), **(query or {}))
