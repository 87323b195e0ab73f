"""From an address typed by a resident to a point (``[geocoding] url``), then to their district.

The geocoder is a public service answering a GeoJSON FeatureCollection (the French BAN address
API and Photon do): ``geocode(site, address)`` asks it from the server with a short timeout and
returns the first feature's point, or None when it found nothing; a geocoder that is down, slow
or answers nonsense raises ``GeocoderUnavailable``, a refusal whose message tells the resident
to choose their district from the list instead. The address is personal data: it is sent to the
geocoder only, never logged nor stored.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from parvis.i18n import _
from parvis.refusals import Refused

logger = logging.getLogger("parvis.geocoding")

MAX_ADDRESS = 200
MAX_ANSWER = 1_000_000


class GeocoderUnavailable(Refused):
    """The geocoder did not answer usefully (down, timeout, not GeoJSON)."""

    status_code = 503

    def __init__(self) -> None:
        super().__init__(
            _("The address search is not available at the moment: choose your {site.district} in the list."),
            field="address",
        )


@dataclass(frozen=True, slots=True)
class Geocoded:
    latitude: float
    longitude: float
    label: str  # the geocoder's wording of the address it found (shown back to the resident)


def geocoding_enabled(site: Any) -> bool:
    return bool(site.config.geocoding.url)


def geocode(site: Any, address: str) -> Geocoded | None:
    """The point of ``address`` by the site's geocoder, or None if it found nothing (or no
    geocoder is configured). Raises ``GeocoderUnavailable`` when it fails."""
    settings = site.config.geocoding
    address = " ".join(address.split())[:MAX_ADDRESS]
    if not settings.url or not address:
        return None
    url = settings.url.replace("{query}", quote(address, safe=""))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked with the configuration
        url, headers={"accept": "application/geo+json, application/json", "user-agent": "Parvis"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout_seconds) as answer:  # noqa: S310
            data = json.loads(answer.read(MAX_ANSWER))
    except (urllib.error.URLError, OSError, ValueError) as error:
        # The reason only (never the URL: it holds the address).
        logger.warning("geocoder failed: %s", type(error).__name__)
        raise GeocoderUnavailable() from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        logger.warning("geocoder answered something other than a GeoJSON FeatureCollection")
        raise GeocoderUnavailable()
    for feature in data.get("features") or []:
        point = _point(feature)
        if point is not None:
            return point
    return None


def _point(feature: Any) -> Geocoded | None:
    try:
        geometry = feature["geometry"]
        if geometry["type"] != "Point":
            return None
        lon, lat = (float(v) for v in geometry["coordinates"][:2])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    properties = feature.get("properties") or {}
    label = properties.get("label") or properties.get("name") or ""
    return Geocoded(lat, lon, str(label)[:MAX_ADDRESS])


@dataclass(frozen=True, slots=True)
class Located:
    """Where an address is: the geocoder's point and the district / neighbourhood covering it."""

    found: Geocoded
    district: str | None
    neighbourhood: str | None


def locate(site: Any, address: str, *, client: str | None = None) -> Located | None:
    """``geocode`` then the shapes' lookup: None when the geocoder found nothing. Given the
    client's address (``client_address(request)``), searches are counted per client address
    (``[geocoding] searches_per_address_hour``), past which ``Throttled`` (a ``Refused``) says
    how long to wait: the geocoder's quota is the city's."""
    from parvis.shapes import district_at, neighbourhood_at

    if client is not None and geocoding_enabled(site) and address.strip():
        from parvis import ratelimit

        limit = ratelimit.per_window(
            f"geocode:{ratelimit.address_key(client)}",
            site.config.geocoding.searches_per_address_hour,
            timedelta(hours=1),
        )
        ratelimit.count_attempt(site, [limit])
    found = geocode(site, address)
    if found is None:
        return None
    return Located(
        found,
        district_at(site, found.latitude, found.longitude),
        neighbourhood_at(site, found.latitude, found.longitude),
    )
