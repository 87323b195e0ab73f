"""Maps for plugins: the city's district and neighbourhood shapes, and finding them from an address.

- shapes (``[map] shapes``, parvis.shapes): ``has_shapes(site, kind)``, ``district_at(site, lat,
  lon)`` / ``neighbourhood_at(...)`` (point in polygon; None outside or without shapes),
  ``geojson(site, kind, codes, properties)`` (a FeatureCollection for a page's script);
- drawn on the server (parvis.shapes_svg): ``svg_map(site, [Region(...)], label=...)`` (an SVG
  that needs no script and prints), ``class_breaks`` / ``class_of`` / ``legend`` and the
  colour-blind-safe ``SEQUENTIAL`` palette for choropleths, ``NO_DATA``, ``CONTEXT``,
  ``HIGHLIGHT`` fills; the template macros are in ``macros/shapes.html``;
- addresses (``[geocoding]``, parvis.geocoding): ``geocoding_enabled(site)``, ``geocode(site,
  address)`` (a ``Geocoded`` point or None), ``locate(site, address)`` (the point with its district
  and neighbourhood; given ``client=client_address(request)``, searches are limited per client
  address and ``Throttled`` says how long to wait); both raise ``GeocoderUnavailable`` (a
  ``Refused``) when the geocoder fails: catch ``Refused`` and show its message.
"""

from __future__ import annotations

from parvis.geocoding import Geocoded, GeocoderUnavailable, Located, geocode, geocoding_enabled, locate
from parvis.shapes import Shapes, district_at, geojson, has_shapes, neighbourhood_at, shapes_of
from parvis.shapes_svg import (
    CONTEXT,
    HIGHLIGHT,
    NO_DATA,
    SEQUENTIAL,
    Region,
    class_breaks,
    class_of,
    legend,
    palette,
    svg_map,
)

__all__ = [
    "CONTEXT",
    "HIGHLIGHT",
    "NO_DATA",
    "SEQUENTIAL",
    "Geocoded",
    "GeocoderUnavailable",
    "Located",
    "Region",
    "Shapes",
    "class_breaks",
    "class_of",
    "district_at",
    "geocode",
    "geocoding_enabled",
    "geojson",
    "has_shapes",
    "legend",
    "locate",
    "neighbourhood_at",
    "palette",
    "shapes_of",
    "svg_map",
]
