"""Reading and saving translations, and what needs translating."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.site import Site

from .models import ContentOriginal, ContentTranslation
from .registry import TranslatableKind, original_language, translation_languages

MAX_TEXT = 20_000  # characters of one translated field


def fingerprint(text: str) -> str:
    """The hash a translation keeps of the original it was made from."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def load(
    db: Session, kind: str, ids: Iterable[int], languages: Sequence[str] | None = None
) -> list[ContentTranslation]:
    """The translations of objects ``ids`` of ``kind`` (in ``languages``, or all): one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = select(ContentTranslation).where(
        ContentTranslation.kind == kind, ContentTranslation.object_id.in_(wanted)
    )
    if languages is not None:
        query = query.where(ContentTranslation.language.in_(list(languages)))
    return list(db.scalars(query))


def originals(db: Session, kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The original language of those of objects ``ids`` of ``kind`` not typed in the site's
    default language (one query)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(ContentOriginal.object_id, ContentOriginal.language).where(
        ContentOriginal.kind == kind, ContentOriginal.object_id.in_(wanted)
    )
    return {row.object_id: row.language for row in db.execute(query)}


def original_of(db: Session, site: Site, kind: TranslatableKind, obj: Any) -> str:
    """The language ``obj``'s original texts were typed in (the site's default unless set)."""
    return originals(db, kind.name, [obj.id]).get(obj.id) or original_language(site)


@dataclass(frozen=True, slots=True)
class FieldState:
    """One field of an object in one language, for the back office."""

    field: str
    language: str
    text: str
    outdated: bool  # translated from an original that changed since

    @property
    def missing(self) -> bool:
        return not self.text


def states(db: Session, site: Site, kind: TranslatableKind, obj: Any) -> dict[tuple[str, str], FieldState]:
    """(field, language) -> its state, for every field and other language of the site."""
    rows = {(row.field, row.language): row for row in load(db, kind.name, [obj.id])}
    languages = translation_languages(site, original_of(db, site, kind, obj))
    found = {}
    for name in kind.fields:
        current = fingerprint(kind.original(obj, name))
        for language in languages:
            row = rows.get((name, language))
            found[(name, language)] = FieldState(
                name,
                language,
                row.text if row else "",
                bool(row and row.text and row.source_hash != current),
            )
    return found


def save(
    db: Session,
    site: Site,
    kind: TranslatableKind,
    obj: Any,
    texts: dict[tuple[str, str], str],
    *,
    actor: Actor | None = None,
) -> int:
    """Store the given (field, language) texts; an empty text deletes that translation. Texts that
    did not change keep their date and the hash they were made from, unless the original changed
    (saving them again says they still hold). Answers how many rows changed."""
    rows = {(row.field, row.language): row for row in load(db, kind.name, [obj.id])}
    languages = set(translation_languages(site, original_of(db, site, kind, obj)))
    changed = 0
    now = site.now()
    by = actor.account.id if actor is not None and actor.account is not None else None
    for (name, language), raw in texts.items():
        if name not in kind.fields or language not in languages:
            continue
        text = raw.replace("\r\n", "\n").strip()[:MAX_TEXT]
        current = fingerprint(kind.original(obj, name))
        row = rows.get((name, language))
        if not text:
            if row is not None:
                db.delete(row)
                changed += 1
            continue
        if row is None:
            db.add(
                ContentTranslation(
                    kind=kind.name,
                    object_id=obj.id,
                    field=name,
                    language=language,
                    text=text,
                    source_hash=current,
                    translated_at=now,
                    translated_by_id=by,
                )
            )
            changed += 1
        elif row.text != text or row.source_hash != current:
            row.text, row.source_hash, row.translated_at, row.translated_by_id = text, current, now, by
            changed += 1
    db.flush()
    return changed


@dataclass(frozen=True, slots=True)
class Pending:
    """An object some of whose texts lack a translation or have an outdated one."""

    kind: TranslatableKind
    obj: Any
    outdated: int
    missing: int
    language: str  # of its original texts


def pending(db: Session, site: Site, kinds: Iterable[TranslatableKind]) -> list[Pending]:
    """Objects of ``kinds`` with outdated translations first, then those with missing ones (one
    query for the objects and one for the translations of each kind)."""
    found: list[Pending] = []
    for kind in kinds:
        objects = list(db.scalars(select(kind.model).order_by(kind.model.id)))
        ids = [obj.id for obj in objects]
        rows: dict[tuple[int, str, str], ContentTranslation] = {
            (row.object_id, row.field, row.language): row for row in load(db, kind.name, ids)
        }
        origins = originals(db, kind.name, ids)
        for obj in objects:
            source = origins.get(obj.id) or original_language(site)
            languages = translation_languages(site, source)
            outdated = missing = 0
            for name in kind.fields:
                original = kind.original(obj, name)
                if not original.strip():
                    continue
                current = fingerprint(original)
                for language in languages:
                    row = rows.get((obj.id, name, language))
                    if row is None:
                        missing += 1
                    elif row.source_hash != current:
                        outdated += 1
            if outdated or missing:
                found.append(Pending(kind, obj, outdated, missing, source))
    found.sort(key=lambda p: (not p.outdated, p.kind.name, p.obj.id))
    return found


def set_original(db: Session, site: Site, kind: TranslatableKind, obj: Any, language: str) -> int:
    """Say ``obj``'s original texts are in ``language`` (one of the site's languages). A translation
    into that language is dropped: the original now holds the text in that language, and a second
    version in the same language would never show. Translations into other languages are kept,
    with the hash of the same original. Answers how many translations were dropped."""
    if language not in site.config.site.locales:
        raise ValueError(f"{language!r} is not one of the site's languages")
    row = db.scalar(
        select(ContentOriginal).where(ContentOriginal.kind == kind.name, ContentOriginal.object_id == obj.id)
    )
    if language == original_language(site):
        # The default needs no row: an object without one follows the site's default language.
        if row is not None:
            db.delete(row)
    elif row is None:
        db.add(ContentOriginal(kind=kind.name, object_id=obj.id, language=language))
    else:
        row.language = language
    dropped = load(db, kind.name, [obj.id], [language])
    for translation in dropped:
        db.delete(translation)
    db.flush()
    return len(dropped)


class InLanguage(str):
    """A plain text that knows its language, for a form choice's label: an ``<option>`` cannot
    hold an element that marks it, so the form's macro puts ``lang`` on the option itself."""

    lang: str = ""


def in_language(text: str, language: str) -> InLanguage:
    found = InLanguage(text)
    found.lang = language
    return found
