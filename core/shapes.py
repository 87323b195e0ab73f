"""A city's district and neighbourhood shapes (``[map] shapes``): loading, checking, lookup.

The file is a GeoJSON FeatureCollection (WGS 84 longitude/latitude, as RFC 7946 says) whose
features carry ``properties.district`` or ``properties.neighbourhood``, a code of ``[[districts]]``
or ``[[neighbourhoods]]``; the geometry is a Polygon or a MultiPolygon. A district without its own
feature is the union of its neighbourhoods' shapes, when it has some. Geometry is shapely's (GEOS):
validity, point-in-polygon and simplification are never hand-written here.

``load_shapes(config)`` reads and checks the file once per modification (the configuration check
calls it, so a bad file fails at start-up with the file and the feature named); pages use
``district_at`` / ``neighbourhood_at`` (point lookup), ``geojson`` (a FeatureCollection for a
page's script) and parvis.shapes_svg (the same shapes drawn on the server).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from parvis.config_errors import ConfigError, config_error
from parvis.config_schema import Config
from parvis.i18n import _

KINDS = ("district", "neighbourhood")


@dataclass(slots=True)
class Shapes:
    """The shapes of one configuration: code -> geometry, per kind."""

    districts: dict[str, BaseGeometry] = field(default_factory=dict)
    neighbourhoods: dict[str, BaseGeometry] = field(default_factory=dict)
    # The file's own words about where the shapes come from (its "attribution" member, if any).
    attribution: str = ""
    # The file says its shapes are approximate ("approximate": true, the demo's): pages say so.
    approximate: bool = False

    def of(self, kind: str) -> dict[str, BaseGeometry]:
        if kind == "district":
            return self.districts
        return self.neighbourhoods if kind == "neighbourhood" else {}

    def __bool__(self) -> bool:
        return bool(self.districts or self.neighbourhoods)


_NONE = Shapes()
_cache: dict[tuple[Any, ...], Shapes] = {}


def shapes_path(config: Config) -> Path | None:
    """The shapes file: relative paths are looked up next to the configuration file, then among
    the bundled profiles (so a copy of the Paris profile still finds its shapes)."""
    if not config.map.shapes:
        return None
    path = Path(config.map.shapes)
    if path.is_absolute():
        return path
    beside = Path(config.path).parent / path if config.path else path
    if beside.is_file():
        return beside
    from parvis.config import BUNDLED_PROFILE

    bundled = BUNDLED_PROFILE.parent / path
    return bundled if bundled.is_file() else beside


def load_shapes(config: Config) -> Shapes:
    """The configuration's shapes (empty when ``[map] shapes`` is not set), checked; a bad file
    raises ``ConfigError`` naming the configuration key, the shapes file and the feature."""
    path = shapes_path(config)
    if path is None:
        return _NONE
    try:
        stamp = (
            str(path.resolve()),
            path.stat().st_mtime,
            tuple(d.code for d in config.districts),
            tuple((n.code, n.district) for n in config.neighbourhoods),
        )
    except OSError:
        raise _error(config, _("{file}: no such shapes file").format(file=path)) from None
    if stamp not in _cache:
        _cache[stamp] = _read(config, path)
    return _cache[stamp]


def shapes_of(site_or_config: Any) -> Shapes:
    """``load_shapes`` for a site (or a configuration)."""
    config = getattr(site_or_config, "config", site_or_config)
    return load_shapes(config)


def _error(config: Config, reason: str) -> ConfigError:
    return config_error(config.path, "map.shapes", reason)


def _read(config: Config, path: Path) -> Shapes:
    def refuse(reason: str) -> ConfigError:
        return _error(config, reason)

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise refuse(_("{file}: not valid GeoJSON: {reason}").format(file=path, reason=error)) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise refuse(_("{file}: not a GeoJSON FeatureCollection").format(file=path))
    known = {
        "district": {d.code for d in config.districts},
        "neighbourhood": {n.code for n in config.neighbourhoods},
    }
    found = Shapes(attribution=str(data.get("attribution", "")), approximate=data.get("approximate") is True)
    for index, feature in enumerate(data.get("features") or []):

        def bad(reason: str, index: int = index) -> ConfigError:
            return refuse(
                _("{file}, feature {index}: {reason}").format(file=path, index=index, reason=reason)
            )

        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise bad(_("not a GeoJSON Feature"))
        properties = feature.get("properties") or {}
        kinds = [k for k in KINDS if k in properties]
        if len(kinds) != 1:
            raise bad(_("give properties.district or properties.neighbourhood (one of them)"))
        kind = kinds[0]
        code = str(properties[kind])
        if code not in known[kind]:
            if kind == "district":
                raise bad(_("unknown district '{code}'").format(code=code))
            raise bad(_("unknown neighbourhood '{code}'").format(code=code))
        if code in found.of(kind):
            raise bad(_("a second shape for '{code}'").format(code=code))
        found.of(kind)[code] = _geometry(feature.get("geometry"), bad)
    for district in config.districts:
        if district.code in found.districts:
            continue
        parts = [
            found.neighbourhoods[n.code]
            for n in config.neighbourhoods
            if n.district == district.code and n.code in found.neighbourhoods
        ]
        if parts:
            found.districts[district.code] = shapely.union_all(parts)
    # Not prepared (shapely.prepare): GEOS builds a prepared geometry's index lazily, which is not
    # safe from several threads at once; a lookup happens only when a resident searches an address.
    return found


def _geometry(raw: Any, bad: Any) -> BaseGeometry:
    if not isinstance(raw, dict) or raw.get("type") not in {"Polygon", "MultiPolygon"}:
        raise bad(_("the geometry must be a Polygon or a MultiPolygon"))
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as error:
        raise bad(_("unreadable geometry: {reason}").format(reason=error)) from None
    if geometry.is_empty:
        raise bad(_("empty geometry"))
    west, south, east, north = geometry.bounds
    if not all(math.isfinite(v) for v in geometry.bounds) or not (
        -180 <= west <= east <= 180 and -90 <= south <= north <= 90
    ):
        raise bad(_("coordinates must be longitude and latitude in degrees (WGS 84)"))
    if not geometry.is_valid:
        raise bad(_("invalid geometry: {reason}").format(reason=shapely.is_valid_reason(geometry)))
    return geometry


def _at(found: dict[str, BaseGeometry], lat: float, lon: float) -> str | None:
    point = shapely.Point(lon, lat)
    return next((code for code, geometry in found.items() if geometry.covers(point)), None)


def district_at(site: Any, lat: float, lon: float) -> str | None:
    """The code of the district whose shape covers the point, or None (outside, or no shapes)."""
    shapes = shapes_of(site)
    code = _at(shapes.districts, lat, lon)
    if code is None and (hood := _at(shapes.neighbourhoods, lat, lon)) is not None:
        found = getattr(site, "config", site).neighbourhood(hood)
        code = found.district if found is not None else None
    return code


def neighbourhood_at(site: Any, lat: float, lon: float) -> str | None:
    """The code of the neighbourhood whose shape covers the point, or None."""
    return _at(shapes_of(site).neighbourhoods, lat, lon)


def has_shapes(site: Any, kind: str = "district") -> bool:
    return bool(shapes_of(site).of(kind))


def geojson(
    site: Any,
    kind: str = "district",
    codes: list[str] | None = None,
    properties: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A FeatureCollection of the shapes of one kind (all, or ``codes`` in that order), each with
    ``code``, ``name`` and the page's own ``properties[code]``; coordinates rounded to 5 decimals
    (about a metre)."""
    config = getattr(site, "config", site)
    found = shapes_of(site).of(kind)
    names = {d.code: d.name for d in config.districts} | {n.code: n.name for n in config.neighbourhoods}
    chosen = [c for c in (codes if codes is not None else list(found)) if c in found]
    features = []
    for code in chosen:
        geometry = json.loads(shapely.to_geojson(shapely.set_precision(found[code], 1e-5)))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": names.get(code, code),
                    **(properties or {}).get(code, {}),
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}
