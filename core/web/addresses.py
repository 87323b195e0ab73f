"""The client's address, as seen through the proxies the site trusts.

``X-Forwarded-For`` is read only when the connection comes from a proxy listed in the
``[server] trusted_proxies`` setting (addresses or networks; none by default), and then the
rightmost address that is not itself a trusted proxy is the client: a visitor cannot choose the
address that rate limits and the audit log see by sending the header themselves.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from litestar.connection import ASGIConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _within(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    peer = connection.client.host if connection.client else ""
    site = connection.app.state.site
    trusted = networks(tuple(site.config.server.trusted_proxies))
    if not trusted or not _within(peer, trusted):
        return peer or "unknown"
    hops = [
        hop.strip()
        for header in connection.headers.getall("x-forwarded-for", [])
        for hop in header.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a malformed header from a trusted proxy: keep the proxy's address
    return peer
