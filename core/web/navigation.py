"""What plugins put in the main menu and on the home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class MenuItem:
    label: str
    href: str
    order: int = 50
    area: str = "main"  # "main": the site's menu; "admin": the back office's home; "footer"
    lang: str | None = None  # the label's language, when it is not the page's (an untranslated title)


@dataclass(frozen=True, slots=True)
class HomePanel:
    """A card on the home page: a body, an open call for applications, a vote in progress."""

    title: str
    text: str
    href: str
    link_label: str
    # "body" (a way to take part), or what is open now, listed first: "call" (applications,
    # ideas), "vote" (a vote in progress), "meeting" (one coming up)
    kind: str = "body"
    deadline: datetime | None = None  # the moment it closes (a phase ends at midnight after its last day)
    order: int = 50
    starts_at: datetime | None = None  # a meeting's start (kind "meeting"), shown instead of a deadline

    @property
    def when(self) -> datetime | None:
        """The moment "Open now" sorts it by: its deadline, or a meeting's start."""
        return self.deadline or self.starts_at

    @property
    def last_day(self) -> date | None:
        """The last day it is open, in the site's time zone: a deadline at midnight is the end
        of the day before ("until 18 December" for a phase that ends at 19 December, 00:00)."""
        if self.deadline is None:
            return None
        from parvis.formatting import local

        return (local(self.deadline) - timedelta(microseconds=1)).date()
