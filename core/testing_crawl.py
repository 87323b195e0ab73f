"""Crawling a site's public pages by their links, for checks that must hold on every page.

``crawl(client, language, check)`` starts at ``/{language}/``, follows the links of that language
(up to ``per_kind`` pages of a kind: two missions, two decisions...), leaves downloads, exports
and page numbers alone, and returns the paths visited and what ``check(html)`` found, each fault
prefixed with its page's path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)')
LEFT_ALONE = re.compile(r"/(export|download|logout)|\.(csv|pdf|ics|json|pb)\b|[?&]page=")


def page_kind(path: str) -> str:
    """Pages of one kind: opaque ids and numbers count as one."""
    return re.sub(r"/[\w-]{10,}|\d+", "/*", path.split("?", 1)[0])


def crawl(
    client: Any, language: str, check: Callable[[str], Iterable[str]], *, per_kind: int = 2
) -> tuple[set[str], list[str]]:
    seen: set[str] = set()
    faults: list[str] = []
    visits: dict[str, int] = {}
    todo = [f"/{language}/"]
    while todo:
        path = todo.pop(0)
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        faults += [f"{path}: {fault}" for fault in check(response.text)]
        for href in LINK.findall(response.text):
            if (
                not href.startswith(f"/{language}/")
                or href in seen
                or href in todo
                or LEFT_ALONE.search(href)
            ):
                continue
            kind = page_kind(href)
            if visits.get(kind, 0) < per_kind:
                visits[kind] = visits.get(kind, 0) + 1
                todo.append(href)
    return seen, faults
