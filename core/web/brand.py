"""The site's brand style sheet (``/brand.css``) and logo (``/brand/logo.<ext>``), outside the
language prefix like ``/static``: both come from ``[site.brand]`` (parvis.brand), are public, and
are cached by browsers for a year (their links carry a version, changed with their content)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from parvis.brand import LOGO_TYPES, logo_path, site_brand
from parvis.web.guards import public
from parvis.web.types import FromPath

CACHED = {"cache-control": "public, max-age=31536000, immutable"}


@get("/brand.css", guards=[public], include_in_schema=False, sync_to_thread=False)
def brand_css(request: Request[Any, Any, Any]) -> Response[str]:
    """The brand's custom properties (colours, font stack), read after ``parvis.css``."""
    css = site_brand(request.app.state.site.config).css
    return Response(css, media_type="text/css; charset=utf-8", headers=CACHED)


@get("/brand/{name:str}", guards=[public], include_in_schema=False, sync_to_thread=True)
def brand_logo(request: Request[Any, Any, Any], name: FromPath[str]) -> Response[bytes]:
    """The logo file named in ``[site.brand] logo``."""
    path = logo_path(request.app.state.site.config)
    if path is None or not path.is_file() or name != f"logo{path.suffix.lower()}":
        raise NotFoundException()
    headers = {**CACHED, "x-content-type-options": "nosniff"}
    if path.suffix.lower() == ".svg":  # an SVG opened on its own runs nothing
        headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return Response(path.read_bytes(), media_type=LOGO_TYPES[path.suffix.lower()], headers=headers)


ROUTES = [brand_css, brand_logo]
