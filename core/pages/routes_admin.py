"""Back office of pages (``/admin/pages``): list, new page, edit every language side by side,
preview, publish and unpublish, history. Behind the ``core.manage_pages`` action.

Handlers follow the shared back-office pattern (``parvis.web.backoffice``): a refusal rolls the
request back and shows the form again (status 400) with its message beside the field.
"""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis import audit
from parvis.i18n import _, language_name
from parvis.pages import defaults, forms, services, statement
from parvis.pages.models import Page, PageKind
from parvis.pages.routes_public import page_context
from parvis.refusals import Refused
from parvis.web.backoffice import Resource, refuse_to
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import can
from parvis.web.render import page as render_page
from parvis.web.render import redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath

MANAGE = "core.manage_pages"
PATH = "/admin/pages"
PAGES = Resource("core.page", audited={"add", "update"})


def page_or_404(db: Session, slug: str) -> Page:
    page = services.page_by_slug(db, slug)
    if page is None:
        raise NotFoundException()
    return page


def new_page(request: AnyRequest, form: BoundForm, refusal: Refused | None = None) -> Template:
    return render_page(request, "pages/admin/new.html", form=form, refusal=refusal, title=_("New page"))


def edit_page(request: AnyRequest, page: Page, form: BoundForm, refusal: Refused | None = None) -> Template:
    site = state_of(request).site
    columns = [
        {
            "code": code,
            "name": language_name(code),
            "fields": [form[f.name] for f in forms.language_fields(page, code)],
            "preview": f"/{code}{PATH}/{page.slug}/preview",
        }
        for code in site.locales
    ]
    placement = [form[f.name] for f in forms.placement_fields()]
    facts = [form[f.name] for f in statement.neutral_fields()] if page.kind is PageKind.ACCESSIBILITY else []
    return render_page(
        request,
        "pages/admin/edit.html",
        page_=page,
        form=form,
        columns=columns,
        placement=placement,
        facts=facts,
        status=_(page.status.label),
        changes=services.unpublished_changes(page),
        refusal=refusal,
        title=_("Edit the page {title}").format(title=page.title),
    )


class PagesAdminController(Controller):
    path = PATH
    guards = [can(MANAGE)]

    @get("/", name="admin-pages")
    def index(self, request: AnyRequest, db: DB) -> Template:
        pages = services.all_pages(db)
        return render_page(
            request,
            "pages/admin/index.html",
            pages=pages,
            statuses={page.id: _(page.status.label) for page in pages},
            changes={page.id: services.unpublished_changes(page) for page in pages},
            missing=[str(default.title()) for default in defaults.missing(db)],
            title=_("Pages"),
        )

    @post("/defaults", status_code=303)
    def add_defaults(self, request: AnyRequest, db: DB) -> Redirect:
        site = state_of(request).site
        added = defaults.ensure(db, site)
        if added:
            audit.record_request(request, "core.page.defaults", records=added)
        return redirect(request, PATH, _("The default pages are added."))

    @get("/new")
    def new_form(self, request: AnyRequest) -> Template:
        state = state_of(request)
        form = forms.new_form(state.site.locales, language_name).bind(initial={"language": state.locale})
        return new_page(request, form)

    @post("/new", status_code=303)
    def create(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = forms.new_form(state.site.locales, language_name).bind(data)
        values = PAGES.submit(request, form, lambda refusal: new_page(request, form, refusal))
        page = PAGES.save(
            db,
            lambda: services.create_page(
                db,
                state.site,
                slug=values["slug"],
                language=values["language"],
                title=values["title"],
                editor=state.actor.account,
            ),
        )
        return PAGES.done(
            request, "add", f"{PATH}/{page.slug}", _("The page is created, as a draft."), target=page
        )

    @get("/{slug:str}")
    def edit(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        page = page_or_404(db, slug)
        locales = state_of(request).site.locales
        form = forms.edit_form(page, locales).bind(initial=forms.edit_initial(page, locales))
        return edit_page(request, page, form)

    @post("/{slug:str}", status_code=303)
    def save(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        state = state_of(request)
        page = page_or_404(db, slug)
        form = forms.edit_form(page, state.site.locales).bind(data)
        values = PAGES.submit(request, form, lambda refusal: edit_page(request, page, form, refusal))
        editor = state.actor.account
        texts = {
            code: services.Text(
                title=values.get(f"title_{code}") or "",
                body=values.get(f"body_{code}") or "",
                fields=statement.worded_values(values, code) if page.kind is PageKind.ACCESSIBILITY else {},
            )
            for code in state.site.locales
        }

        def apply() -> list[str]:
            changed = services.save_texts(db, state.site, page, texts, editor)
            if services.place(
                db,
                state.site,
                page,
                in_menu=bool(values.get("in_menu")),
                in_footer=bool(values.get("in_footer")),
                position=values["position"],
                editor=editor,
            ):
                changed.append("placement")
            if page.kind is PageKind.ACCESSIBILITY and services.save_statement(
                db, state.site, page, values, editor
            ):
                changed.append("statement")
            return changed

        changed = PAGES.save(db, apply)
        message = (
            _("Your changes are saved. Visitors see them once you publish the page.")
            if changed
            else _("Nothing was changed.")
        )
        return PAGES.done(request, "update", f"{PATH}/{page.slug}", message, target=page, changed=changed)

    @get("/{slug:str}/preview")
    def preview(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        page = page_or_404(db, slug)
        locale = state_of(request).locale
        shown = services.show(page, locale, draft=True)
        return render_page(
            request,
            "pages/page.html",
            preview=True,
            **page_context(shown, locale),
            edit_path=f"{PATH}/{page.slug}",
            title=_("Preview: {title}").format(title=shown.title),
        )

    @post("/{slug:str}/publish", status_code=303)
    def publish(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Redirect:
        state = state_of(request)
        page = page_or_404(db, slug)
        refuse_to(request, f"{PATH}/{page.slug}")
        services.publish(db, state.site, page, state.actor.account)
        audit.record_request(request, "core.page.publish", target=page)
        return redirect(request, f"{PATH}/{page.slug}", _("The page is published."))

    @post("/{slug:str}/unpublish", status_code=303)
    def unpublish(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Redirect:
        state = state_of(request)
        page = page_or_404(db, slug)
        refuse_to(request, f"{PATH}/{page.slug}")
        services.unpublish(db, state.site, page, state.actor.account)
        audit.record_request(request, "core.page.unpublish", target=page)
        return redirect(request, f"{PATH}/{page.slug}", _("The page is no longer published."))

    @get("/{slug:str}/history")
    def history(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        page = page_or_404(db, slug)
        revisions = services.history(db, page)
        return render_page(
            request,
            "pages/admin/history.html",
            page_=page,
            revisions=revisions,
            labels={r.id: _(r.kind.label) for r in revisions},
            title=_("History of the page {title}").format(title=page.title),
        )
