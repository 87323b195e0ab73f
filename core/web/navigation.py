"""What plugins put in the main menu and on the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class MenuItem:
    label: str
    href: str
    order: int = 50
    area: str = "main"  # "main": the site's menu; "admin": the back office's home


@dataclass(frozen=True, slots=True)
class HomePanel:
    """A card on the home page: a body, an open call for applications, a vote in progress."""

    title: str
    text: str
    href: str
    link_label: str
    kind: str = "body"  # "body" or "call": calls are listed first, under "Open now"
    deadline: datetime | None = None
    order: int = 50
