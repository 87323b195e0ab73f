"""The back office of translations: the objects that need translating, and one page per object
with its original and every other site language side by side."""

from __future__ import annotations

from typing import Any

from babel import Locale
from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis import audit
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.context import state_of
from parvis.web.forms import BoundForm, Field, Form
from parvis.web.guards import allowed, back_office, check, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath
from parvis.web.unit_of_work import on_refusal

from . import service
from .registry import TranslatableKind, translatable_kinds, translation_languages

PATH = "/admin/translations"
MAX_ID = 2**31 - 1


def path_of(kind: TranslatableKind, obj: Any) -> str:
    """The language-neutral path of an object's translations page."""
    return f"{PATH}/{kind.name}/{obj.id}"


def display_name(language: str) -> str:
    """A language's name in the page's language ("English", "anglais", "英語")."""
    from parvis.i18n import current_locale

    return Locale.parse(language).get_display_name(current_locale.get()) or language


def field_name(name: str, language: str) -> str:
    return f"{name}__{language}"


def translation_form(site: Any, kind: TranslatableKind, original: str) -> Form:
    return Form(
        *(
            Field(
                field_name(name, language),
                _("{field} in {language}").format(field=label, language=display_name(language)),
                kind="textarea",
                required=False,
                max_length=service.MAX_TEXT,
            )
            for name, label in kind.fields.items()
            for language in translation_languages(site, original)
        )
    )


def original_form(site: Any) -> Form:
    """The language the original texts are typed in, among the site's languages."""
    return Form(
        Field(
            "language",
            _("Language of the original"),
            kind="select",
            choices=lambda: [(language, display_name(language)) for language in site.config.site.locales],
            help=_(
                "A translation into the language you choose is deleted: the original is in that language."
            ),
        )
    )


def object_or_404(
    request: AnyRequest, db: Session, kind_name: str, object_id: int
) -> tuple[TranslatableKind, Any]:
    """The kind and object of the path, which the visitor must be allowed to edit."""
    state = state_of(request)
    kind = translatable_kinds(state.site).get(kind_name)
    obj = db.get(kind.model, object_id) if kind is not None and 0 < object_id <= MAX_ID else None
    if kind is None or obj is None:
        raise NotFoundException()
    check(state, kind.action, kind.resource(obj))
    return kind, obj


def edit_page(
    request: AnyRequest,
    db: Session,
    kind: TranslatableKind,
    obj: Any,
    form: BoundForm,
    *,
    refusal: Refused | None = None,
    language_form: BoundForm | None = None,
) -> Template:
    site = state_of(request).site
    original = service.original_of(db, site, kind, obj)
    states = service.states(db, site, kind, obj)
    rows = [
        {
            "name": name,
            "label": label,
            "original": kind.original(obj, name),
            "columns": [
                {
                    "language": language,
                    "bound": form[field_name(name, language)],
                    "state": states[(name, language)],
                }
                for language in translation_languages(site, original)
            ],
        }
        for name, label in kind.fields.items()
    ]
    return page(
        request,
        "content_translations/edit.html",
        kind=kind,
        obj=obj,
        rows=rows,
        form=form,
        refusal=refusal,
        original_language=original,
        original_name=display_name(original),
        language_form=language_form or original_form(site).bind(initial={"language": original}),
        language_action=path_of(kind, obj) + "/original",
        name=kind.original(obj, kind.naming_field),
        edit_path=kind.edit_path(obj),
        action=path_of(kind, obj),
        title=_("Translations of {name}").format(name=kind.original(obj, kind.naming_field)),
    )


class TranslationsController(Controller):
    """The list is for staff; an object's page for whoever may edit the object (``check`` inside:
    an organisation's members translate its missions)."""

    path = PATH

    @get("/", guards=[back_office], name="admin-translations")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        kinds = list(translatable_kinds(state.site).values())
        found = [
            item
            for item in service.pending(db, state.site, kinds)
            if allowed(state, item.kind.action, item.kind.resource(item.obj))
        ]
        return page(
            request,
            "content_translations/index.html",
            pending=found,
            path_of=path_of,
            title=_("Translations to do"),
        )

    @get("/{kind:str}/{object_id:int}", guards=[signed_in])
    def edit(self, request: AnyRequest, db: DB, kind: FromPath[str], object_id: FromPath[int]) -> Template:
        found, obj = object_or_404(request, db, kind, object_id)
        site = state_of(request).site
        states = service.states(db, site, found, obj)
        initial = {field_name(name, language): s.text for (name, language), s in states.items()}
        form = translation_form(site, found, service.original_of(db, site, found, obj))
        return edit_page(request, db, found, obj, form.bind(initial=initial))

    @post("/{kind:str}/{object_id:int}", guards=[signed_in], status_code=303)
    def save(
        self, request: AnyRequest, db: DB, data: FormData, kind: FromPath[str], object_id: FromPath[int]
    ) -> Redirect:
        found, obj = object_or_404(request, db, kind, object_id)
        state = state_of(request)
        original = service.original_of(db, state.site, found, obj)
        form = translation_form(state.site, found, original).bind(data)
        on_refusal(
            request, lambda refusal: edit_page(request, db, found, obj, form, refusal=refusal), form=form
        )
        values = form.require_valid()
        texts = {
            (name, language): values.get(field_name(name, language)) or ""
            for name in found.fields
            for language in translation_languages(state.site, original)
        }
        changed = service.save(db, state.site, found, obj, texts, actor=state.actor)
        audit.record_request(request, "core.translations.save", target=obj, kind=found.name, changed=changed)
        return redirect(request, path_of(found, obj), _("The translations are saved."))

    @post("/{kind:str}/{object_id:int}/original", guards=[signed_in], status_code=303)
    def set_original(
        self, request: AnyRequest, db: DB, data: FormData, kind: FromPath[str], object_id: FromPath[int]
    ) -> Redirect:
        found, obj = object_or_404(request, db, kind, object_id)
        state = state_of(request)
        previous = service.original_of(db, state.site, found, obj)
        form = original_form(state.site).bind(data)
        on_refusal(
            request,
            lambda refusal: edit_page(
                request,
                db,
                found,
                obj,
                translation_form(state.site, found, previous).bind(
                    initial=_current(db, state.site, found, obj)
                ),
                refusal=refusal,
                language_form=form,
            ),
            form=form,
        )
        language = form.require_valid()["language"]
        if language == previous:
            return redirect(request, path_of(found, obj))
        dropped = service.set_original(db, state.site, found, obj, language)
        audit.record_request(
            request,
            "core.translations.original",
            target=obj,
            kind=found.name,
            language=language,
            previous=previous,
            dropped=dropped,
        )
        message = _("The original is now marked as written in {language}.").format(
            language=display_name(language)
        )
        return redirect(request, path_of(found, obj), message)


def _current(db: Session, site: Any, kind: TranslatableKind, obj: Any) -> dict[str, str]:
    """The translations form's values as stored."""
    return {
        field_name(name, language): s.text
        for (name, language), s in service.states(db, site, kind, obj).items()
    }
