"""The back office of newsletters: write (a version per language), choose recipients, preview,
send through the queue, and see delivery figures."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis import audit
from parvis.bodies.models import Body
from parvis.content_translations import service
from parvis.content_translations.registry import original_language
from parvis.content_translations.service import in_language
from parvis.i18n import _, language_name, lazy_word
from parvis.jobs.launch import job_path
from parvis.notifications import newsletters
from parvis.notifications.models import Newsletter, NewsletterStatus
from parvis.notifications.plugin import SEND_NEWSLETTERS
from parvis.site import Site
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import can
from parvis.web.render import page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath
from parvis.web.unit_of_work import on_refusal


def _form(site: Site, db: DB) -> Form:
    fields: list[Field] = []
    default = site.config.site.default_locale
    for locale in site.locales:
        name = language_name(locale)
        fields.append(
            Field(
                f"subject_{locale}",
                _("Subject ({language})").format(language=name),
                required=locale == default,
                max_length=200,
            )
        )
        fields.append(
            Field(
                f"body_{locale}",
                _("Text ({language})").format(language=name),
                kind="textarea",
                required=locale == default,
                max_length=20000,
            )
        )
    found = list(db.scalars(select(Body).where(Body.active).order_by(Body.name)))
    # Each body's name in the language it was typed in, marked on its option.
    origins = service.originals(db, "core.body", [b.id for b in found])
    bodies = [(str(b.id), in_language(b.name, origins.get(b.id) or original_language(site))) for b in found]
    fields.append(
        Field(
            "districts",
            lazy_word("district", "Pl"),
            kind="checkboxes",
            required=False,
            choices=[(d.code, d.name) for d in site.config.districts],
            help=_("None chosen: everyone who asked for the newsletters."),
        )
    )
    fields.append(
        Field(
            "body",
            _("Only the members of a body"),
            kind="select",
            required=False,
            choices=bodies,
        )
    )
    return Form(*fields)


def _initial(db: DB, site: Site, letter: Newsletter) -> dict[str, Any]:
    values: dict[str, Any] = {"districts": letter.districts.split(), "body": str(letter.body_id or "")}
    for locale, version in newsletters.versions(db, letter).items():
        values[f"subject_{locale}"] = version.subject
        values[f"body_{locale}"] = version.body
    return values


def _find(db: DB, public_id: str) -> Newsletter:
    letter = db.scalar(select(Newsletter).where(Newsletter.public_id == public_id))
    if letter is None:
        raise NotFoundException()
    return letter


class NewsletterAdminController(Controller):
    path = "/admin/newsletters"
    guards = [can(SEND_NEWSLETTERS)]

    @get("/", name="newsletters")
    def index(self, request: AnyRequest, db: DB) -> Template:
        letters = list(db.scalars(select(Newsletter).order_by(Newsletter.created_at.desc()).limit(200)))
        subjects = {
            letter.id: newsletters.versions(db, letter).get(state_of(request).site.config.site.default_locale)
            for letter in letters
        }
        return page(
            request,
            "notifications/newsletters.html",
            letters=letters,
            subjects=subjects,
            title=_("Newsletters"),
        )

    @get("/new")
    def new(self, request: AnyRequest, db: DB) -> Template:
        site = state_of(request).site
        return self._edit_page(request, _form(site, db).bind(), None)

    @post("/new", status_code=303)
    def create(self, request: AnyRequest, db: DB, data: FormData) -> Redirect:
        return self._save(request, db, data, None)

    @get("/{public_id:str}")
    def show(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        site = state_of(request).site
        letter = _find(db, public_id)
        form = _form(site, db).bind(initial=_initial(db, site, letter))
        return self._edit_page(request, form, letter)

    @post("/{public_id:str}", status_code=303)
    def update(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        return self._save(request, db, data, _find(db, public_id))

    @post("/{public_id:str}/send", status_code=303)
    def send(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Redirect:
        state = state_of(request)
        letter = _find(db, public_id)
        job = newsletters.send(db, state.site, letter, state.actor)
        audit.record_request(
            request, "core.newsletter.send", target=letter, records=newsletters.recipient_count(db, letter)
        )
        return redirect(request, job_path(job))

    def _save(self, request: AnyRequest, db: DB, data: FormData, letter: Newsletter | None) -> Redirect:
        state = state_of(request)
        site = state.site
        form = _form(site, db).bind(data)
        on_refusal(request, lambda refusal: self._edit_page(request, form, letter), form=form)
        values = form.require_valid()
        texts = {
            locale: (
                (values.get(f"subject_{locale}") or "").strip(),
                (values.get(f"body_{locale}") or "").strip(),
            )
            for locale in site.locales
        }
        body = values.get("body")
        saved = newsletters.save(
            db,
            site,
            letter,
            state.actor,
            texts=texts,
            districts=list(values.get("districts") or []),
            body_id=int(body) if body else None,
        )
        audit.record_request(request, "core.newsletter.save", target=saved)
        return redirect(request, f"/admin/newsletters/{saved.public_id}", _("The newsletter is saved."))

    def _edit_page(self, request: AnyRequest, form: Any, letter: Newsletter | None) -> Template:
        state = state_of(request)
        db = state.db
        previews = []
        count = figures = None
        if letter is not None:
            for locale, version in newsletters.versions(db, letter).items():
                previews.append(
                    {
                        "locale": locale,
                        "language": language_name(locale),
                        "subject": version.subject,
                        "body": version.body,
                    }
                )
            count = newsletters.recipient_count(db, letter)
            figures = newsletters.figures(db, letter) if letter.status != NewsletterStatus.DRAFT else None
        return page(
            request,
            "notifications/newsletter.html",
            form=form,
            letter=letter,
            previews=previews,
            recipients=count,
            figures=figures,
            draft=letter is None or letter.status == NewsletterStatus.DRAFT,
            locales=state.site.locales,
            title=_("Newsletter") if letter is not None else _("New newsletter"),
        )
