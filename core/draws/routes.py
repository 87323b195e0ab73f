"""The public register of draws: ``/{lang}/draws`` (filter by body and kind) and one draw's page
with its files and a "how to check this draw" box."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter
from litestar.response import Template
from sqlalchemy import select

from parvis.draws import service
from parvis.draws.fairness import fairness
from parvis.draws.models import DrawEntry, DrawFile
from parvis.exports import download
from parvis.i18n import _
from parvis.jobs.models import StoredFile
from parvis.web.guards import public
from parvis.web.listing import paginate
from parvis.web.render import page as render
from parvis.web.types import DB, FromPath, FromQuery

AnyRequest = Request[Any, Any, Any]


def kind_label(kind: str) -> str:
    label = service.KIND_LABELS.get(kind)
    return _(label) if label else kind


def _entry_or_404(db: DB, public_id: str) -> DrawEntry:
    entry = service.by_public_id(db, public_id)
    if entry is None:
        raise NotFoundException()
    return entry


class DrawRegisterController(Controller):
    path = "/draws"
    guards = [public]

    @get("/", name="draws")
    def index(
        self,
        request: AnyRequest,
        db: DB,
        body_key: Annotated[str, QueryParameter(name="body")] = "",
        kind: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        bodies, kinds = service.facets(db)
        body = body_key if body_key in {k for k, _n in bodies} else ""
        kind = kind if kind in kinds else ""
        listing = paginate(db, service.listing(body, kind), page)
        return render(
            request,
            "draws/index.html",
            listing=listing,
            bodies=bodies,
            kinds=kinds,
            body=body,
            kind=kind,
            query={k: v for k, v in (("body", body), ("kind", kind)) if v},
            kind_label=kind_label,
            title=_("Register of draws"),
        )

    @get("/{public_id:str}", name="draw")
    def detail(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        entry = _entry_or_404(db, public_id)
        following, corrections = service.related(db, entry)
        pool = next((f for f in entry.files if f.role == "pool"), None)
        stored = db.get(StoredFile, pool.stored_file_id) if pool is not None else None
        explained = fairness(entry.record, stored.content if stored is not None else None)
        return render(
            request,
            "draws/detail.html",
            entry=entry,
            following=following,
            corrections=corrections,
            fairness=explained,
            kind_label=kind_label,
            title=entry.title,
        )

    @get("/{public_id:str}/files/{name:str}", name="draw-file")
    def file(self, db: DB, public_id: FromPath[str], name: FromPath[str]) -> Response[bytes]:
        entry = _entry_or_404(db, public_id)
        found = db.scalar(select(DrawFile).where(DrawFile.entry_id == entry.id, DrawFile.name == name))
        stored = db.get(StoredFile, found.stored_file_id) if found is not None else None
        if found is None or stored is None:
            raise NotFoundException()
        return download(stored.content, found.name, found.media_type)
