"""The one route that serves every plugin's photos: ``/photos/<public id>``.

A photo of content that core's moderation keeps from the public (pre-moderation, reported,
hidden) is served only to those who may see that content (its author, its moderators), never
stored by a shared cache; everyone else gets a 404, as for the content's page. A visible photo is
cached for a day, not longer, so a photo hidden later leaves shared caches soon. The bytes of a
public id never change, so its ETag is the public id and a revalidation costs no bytes.
"""

from __future__ import annotations

from litestar import Response, get
from litestar.exceptions import NotFoundException

from parvis.moderation.service import hidden_notice
from parvis.photos.service import photo_by_public_id
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.types import DB, AnyRequest, FromPath

PUBLIC = "public, max-age=86400"
PRIVATE = "private, no-store"


@get("/photos/{public_id:str}", guards=[public], name="photo", include_in_schema=False)
def photo(request: AnyRequest, db: DB, public_id: FromPath[str]) -> Response[bytes]:
    state = state_of(request)
    found = photo_by_public_id(db, public_id)
    if found is None:
        raise NotFoundException()
    # A 404 for whoever may not see the content it belongs to.
    hidden = hidden_notice(db, state.site, state.actor, found.owner) is not None
    etag = f'"{found.public_id}"'
    headers = {"cache-control": PRIVATE if hidden else PUBLIC, "x-content-type-options": "nosniff"}
    if not hidden:
        headers["etag"] = etag
        if request.headers.get("if-none-match") == etag:
            return Response(b"", status_code=304, headers=headers)
    return Response(found.data, media_type=found.content_type, headers=headers)


ROUTES = [photo]
