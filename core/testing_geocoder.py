"""The ``geocoder`` fixture: a stub geocoder on a local port, so tests never reach the network.

``geocoder.answers["12 rue X"] = (lat, lon)`` gives an address a point (the stub answers a GeoJSON
FeatureCollection like the French BAN API; an unknown address gets an empty collection);
``geocoder.down = True`` makes it answer 503. The site's ``[geocoding] url`` points at the stub for
the test (and is restored after); ``geocoder.queries`` lists the addresses it was asked.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest


class StubGeocoder:
    def __init__(self) -> None:
        self.answers: dict[str, tuple[float, float]] = {}
        self.queries: list[str] = []
        self.down = False
        self.url = ""


def _handler(stub: StubGeocoder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
            stub.queries.append(query)
            if stub.down:
                self.send_response(503)
                self.end_headers()
                return
            features: list[dict[str, Any]] = []
            if query in stub.answers:
                lat, lon = stub.answers[query]
                features.append(
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": {"label": query.title()},
                    }
                )
            body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
            self.send_response(200)
            self.send_header("content-type", "application/geo+json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
            return  # quiet, and no address in the test output

    return Handler


@pytest.fixture
def geocoder(site: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[StubGeocoder]:
    stub = StubGeocoder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/search/?q={{query}}&limit=1"
    monkeypatch.setattr(site.config.geocoding, "url", stub.url)
    monkeypatch.setattr(site.config.geocoding, "timeout_seconds", 2.0)
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
