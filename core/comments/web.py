"""The routes of comments and supports: posting (htmx answers the thread, a plain form a redirect
to the object's page), agreeing, editing, deleting, the official-answer mark, supporting."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis import ratelimit
from parvis.comments import service, supports
from parvis.comments.content import anchor
from parvis.comments.models import Comment
from parvis.comments.view import build, build_support
from parvis.content import ContentRef
from parvis.i18n import _, lazy_gettext
from parvis.refusals import Refused
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import flash, is_htmx, page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath, FromQuery
from parvis.web.unit_of_work import on_refusal

# At most this many comments an account posts in the window (then a wait): spam and floods.
POSTS_PER_WINDOW = 10
POST_WINDOW = timedelta(minutes=10)

EDIT_FORM = Form(Field("body", lazy_gettext("Your comment"), kind="textarea", max_length=service.MAX_LENGTH))


def _ref(kind: str, key: str) -> ContentRef:
    return ContentRef.parse(f"{kind}:{key}")


def thread_page(
    request: AnyRequest, db: Any, ref: ContentRef, *, status_code: int = 200, **extra: Any
) -> Template:
    """The thread alone: a page of its own without JavaScript, the fragment htmx swaps in."""
    thread = build(db, request, ref, sort=extra.pop("sort", None), **extra)
    title = _("Comments on: {title}").format(title=thread.item.title)
    return page(request, "comments/thread.html", thread=thread, title=title, status_code=status_code)


def _answer(request: AnyRequest, db: Any, comment: Comment, message: str, *, focus: bool = True) -> Any:
    ref = service.ref_of(comment)
    if is_htmx(request):
        return thread_page(request, db, ref, focus=comment.public_id if focus else "")
    item = service.item_of(db, state_of(request).site, ref)
    return redirect(
        request, anchor(service.thread_path(state_of(request).site, item), comment.public_id), message
    )


def _refused_thread(request: AnyRequest, db: Any, ref: ContentRef, **extra: Any) -> None:
    """On a refusal, the thread again with the reason (and the text typed, kept)."""

    def render(refusal: Refused | None) -> Any:
        return thread_page(
            request,
            db,
            ref,
            status_code=refusal.status_code if refusal else 400,
            error=refusal.message if refusal else None,
            **extra,
        )

    on_refusal(request, render)


class CommentController(Controller):
    @get("/comments/{kind:str}/{key:str}", guards=[public])
    def show(
        self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str], sort: FromQuery[str] = ""
    ) -> Template:
        return thread_page(request, db, _ref(kind, key), sort=sort)

    @post("/comments/{kind:str}/{key:str}", guards=[signed_in], status_code=303)
    def post_comment(
        self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        ref = _ref(kind, key)
        text = str(data.get("body") or "")
        reply_key = str(data.get("reply_to") or "")
        _refused_thread(request, db, ref, draft=text, draft_reply_to=reply_key)
        reply_to = service.comment_by_public_id(db, reply_key) if reply_key else None
        assert state.actor.account is not None
        ratelimit.count_in(
            db,
            state.site,
            [ratelimit.per_window(f"comments.post:{state.actor.account.id}", POSTS_PER_WINDOW, POST_WINDOW)],
            message=_("You have posted many comments in a short time: please wait a little."),
        )
        comment = service.post_comment(
            db,
            state.site,
            state.actor,
            ref,
            text,
            reply_to=reply_to,
            official=bool(data.get("official")),
            language=state.locale,
        )
        return _answer(request, db, comment, _("Your comment is published."))

    @post("/comments/c/{public_id:str}/vote", guards=[signed_in], status_code=303)
    def vote(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        comment = service.comment_by_public_id(db, public_id)
        _refused_thread(request, db, service.ref_of(comment))
        choice = {"agree": True, "disagree": False}.get(str(data.get("vote") or ""))
        service.vote(db, state.site, state.actor, comment, choice)
        return _answer(request, db, comment, _("Your opinion is recorded."), focus=False)

    @get("/comments/c/{public_id:str}/edit", guards=[signed_in])
    def edit_form(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        comment = service.comment_by_public_id(db, public_id)
        return self._edit_page(request, db, comment, EDIT_FORM.bind(initial={"body": comment.body}))

    def _edit_page(
        self, request: AnyRequest, db: Any, comment: Comment, form: Any, **context: Any
    ) -> Template:
        state = state_of(request)
        item = service.item_of(db, state.site, service.ref_of(comment))
        return page(
            request,
            "comments/edit.html",
            comment=comment,
            item=item,
            form=form,
            may_edit=service.may_edit(state.actor, comment, state.site.now()),
            title=_("Change my comment"),
            **context,
        )

    @post("/comments/c/{public_id:str}/edit", guards=[signed_in], status_code=303)
    def edit(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        comment = service.comment_by_public_id(db, public_id)
        form = EDIT_FORM.bind(data)
        on_refusal(
            request,
            lambda refusal: self._edit_page(
                request, db, comment, form, refusal=refusal, error=refusal.message if refusal else None
            ),
            form=form,
        )
        values = form.require_valid()
        service.edit_comment(db, state.site, state.actor, comment, values["body"])
        item = service.item_of(db, state.site, service.ref_of(comment))
        return redirect(
            request,
            anchor(service.thread_path(state_of(request).site, item), comment.public_id),
            _("Your comment is changed."),
        )

    @post("/comments/c/{public_id:str}/delete", guards=[signed_in], status_code=303)
    def delete(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template | Redirect:
        state = state_of(request)
        comment = service.comment_by_public_id(db, public_id)
        _refused_thread(request, db, service.ref_of(comment))
        service.delete_comment(db, state.site, state.actor, comment)
        return _answer(request, db, comment, _("Your comment is deleted."), focus=False)

    @post("/comments/c/{public_id:str}/official", guards=[signed_in], status_code=303)
    def official(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        comment = service.comment_by_public_id(db, public_id)
        _refused_thread(request, db, service.ref_of(comment))
        marked = str(data.get("official") or "") == "1"
        service.set_official(db, state.site, state.actor, comment, marked)
        message = _("Marked as the official answer.") if marked else _("No longer the official answer.")
        return _answer(request, db, comment, message, focus=False)


class SupportController(Controller):
    @post("/supports/{kind:str}/{key:str}", guards=[signed_in], status_code=303)
    def support(
        self, request: AnyRequest, db: DB, kind: FromPath[str], key: FromPath[str], data: FormData
    ) -> Template | Redirect:
        state = state_of(request)
        ref = _ref(kind, key)
        item = supports.supported_item(db, state.site, ref)

        def refused(refusal: Refused | None) -> Any:
            if is_htmx(request):
                view = build_support(db, request, ref, error=refusal.message if refusal else None)
                status = refusal.status_code if refusal else 400
                return page(
                    request, "comments/support.html", support=view, title=item.title, status_code=status
                )
            response = redirect(request, item.path)
            if refusal is not None:
                flash(response, refusal.message, "error")
            return response

        on_refusal(request, refused)
        if data.get("withdraw"):
            supports.withdraw(db, state.site, state.actor, ref)
            message = _("Your support is withdrawn.")
        else:
            supports.support(db, state.site, state.actor, ref)
            message = _("Thank you for your support.")
        if is_htmx(request):
            view = build_support(db, request, ref, message=message)
            return page(request, "comments/support.html", support=view, title=item.title)
        return redirect(request, item.path, message)
