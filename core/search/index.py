"""Keeping the search index: incremental ``reindex`` after a change, full ``rebuild`` on a schedule.

Why both: a plugin calls ``reindex(db, site, ref)`` in the unit of work that changed an object
(published, edited, hidden, withdrawn), so the index is exact as soon as the change commits and a
search is one indexed query, never a scan of every plugin's tables. Changes no code path sees
(a mission whose end date passes, a plugin without calls yet, a row edited by hand) are caught by
the ``search.rebuild`` job, which runs every hour on the job queue and rewrites the index from
the ``search_documents`` hook in one transaction (``parvis search rebuild`` runs it at once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from parvis.content import ContentRef, kinds, load
from parvis.search.documents import SearchDocument
from parvis.search.models import BODY_LENGTH, TITLE_LENGTH, SearchEntry
from parvis.search.text import facet_tokens, index_text
from parvis.site import Site

BATCH = 500


def _values(site: Site, document: SearchDocument) -> dict[str, Any]:
    language = document.language or site.config.site.default_locale
    body = document.text[:BODY_LENGTH]
    return {
        "content_kind": document.ref.kind,
        "content_key": document.ref.key,
        "language": document.language,
        "title": document.title[:TITLE_LENGTH],
        "body": body,
        "path": document.path,
        "district": document.district,
        "dated": document.date,
        "title_stems": index_text([document.title], language),
        "stems": index_text([body], language),
        "facets": facet_tokens(document.ref.kind, document.district),
    }


def documents(db: Session, site: Site, kind: str | None = None) -> Iterator[SearchDocument]:
    """Every plugin's public documents (of ``kind`` only, if given) whose kind is declared."""
    known = kinds(site)
    for answer in site.hook.search_documents(db=db, site=site):
        for document in answer or ():
            if document.ref.kind in known and (kind is None or document.ref.kind == kind):
                yield document


def documents_of(db: Session, site: Site, kind: str, keys: Iterable[object]) -> Iterator[SearchDocument]:
    """The documents of ``keys`` of a content kind, each read through the kind's ``load`` (what
    ``reindex`` does for one object), public ones only: the usual body of a ``search_documents``."""
    declared = kinds(site).get(kind)
    if declared is None:
        return
    for key in keys:
        item = declared.load(db, site, str(key))
        if item is not None and item.public:
            yield SearchDocument.from_item(item)


def add_documents(db: Session, site: Site, found: Iterable[SearchDocument]) -> int:
    """Insert documents not yet indexed (a rebuild's, a benchmark's), in batches."""
    count = 0
    seen: set[ContentRef] = set()
    iterator = iter(found)
    while batch := list(islice(iterator, BATCH)):
        rows = []
        for document in batch:
            if document.ref not in seen:
                seen.add(document.ref)
                rows.append(_values(site, document))
        if rows:
            db.execute(insert(SearchEntry), rows)
            count += len(rows)
    return count


def reindex(db: Session, site: Site, target: ContentRef | str) -> int:
    """Bring the index up to date for one object (a ``ContentRef``: indexed again if it is public,
    removed otherwise) or a whole kind (its name: every document of that kind). Answers how many
    documents are now indexed for it. Call it in the unit of work of the change."""
    if isinstance(target, str):
        db.execute(delete(SearchEntry).where(SearchEntry.content_kind == target))
        return add_documents(db, site, documents(db, site, target))
    same = (SearchEntry.content_kind == target.kind) & (SearchEntry.content_key == target.key)
    item = load(db, site, target)
    if item is None or not item.public:
        db.execute(delete(SearchEntry).where(same))
        return 0
    values = _values(site, SearchDocument.from_item(item))
    entry = db.scalar(select(SearchEntry).where(same))
    if entry is None:
        db.add(SearchEntry(**values))
    else:
        for name, value in values.items():
            setattr(entry, name, value)
    db.flush()
    return 1


def rebuild(db: Session, site: Site) -> int:
    """Rewrite the whole index from the ``search_documents`` hook; answers the number of documents."""
    db.execute(delete(SearchEntry))
    return add_documents(db, site, documents(db, site))


def rebuild_job(job: Any) -> None:
    """The ``search.rebuild`` job (scheduled every hour)."""
    count = rebuild(job.db, job.site)
    job.result["documents"] = count
