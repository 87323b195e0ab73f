"""``Council``: what a plugin declares to make one of its body kinds a participatory council.

The base class gives every council the shared behaviour; a plugin subclasses it and overrides only
what differs (its extra application questions, its draw). Core finds the council of a body through
``council_for(site, body.kind)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from weakref import WeakKeyDictionary

from parvis.councils.settings import CouncilSettings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from parvis.bodies.models import Body
    from parvis.councils.draws import DrawOutcome, DrawRequest
    from parvis.councils.models import Call
    from parvis.identity import Person
    from parvis.site import Site
    from parvis.web.forms import Field


S = TypeVar("S", bound=CouncilSettings)


class Council(Generic[S]):
    """A body kind that works as a council; ``S`` is the type of its settings.

    ``kind`` is its body kind code, which also names its settings section (validated against
    ``settings_type``), its translation domain and its templates' folder; ``title`` and
    ``summary`` (lazy translated strings) head its presentation page at ``path`` and its card on
    the home page (``parvis.councils.kit``).
    """

    kind: ClassVar[str] = ""
    settings_type: ClassVar[type[CouncilSettings]]
    title: ClassVar[Any] = ""
    summary: ClassVar[Any] = ""
    order: ClassVar[int] = 30

    @property
    def section(self) -> str:
        return self.kind

    @property
    def path(self) -> str:
        return "/" + self.kind.replace("_", "-")

    @property
    def template(self) -> str:
        return f"{self.kind}/index.html"

    def settings(self, site: Site) -> S:
        return site.settings(self.section)

    def home_context(self, db: Session, site: Site, body: Body) -> dict[str, Any]:
        """What the presentation page shows besides the common facts."""
        return {}

    # -- the application form ----------------------------------------------------------------

    def application_fields(self, site: Site) -> Sequence[Field]:
        """Questions added to the common part of the form (name, date of birth, gender, motivation)."""
        return ()

    def application_details(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """What of the form's cleaned values to keep on the application (JSON), for officials."""
        return {}

    def update_person(self, person: Person, values: Mapping[str, Any]) -> None:
        """Copy answers that are facts about the person (a nationality) onto the Person."""

    def describe_details(self, details: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(label, value) pairs of an application's details, translated, for the review page."""
        return []

    def extra_failures(
        self, db: Session, site: Site, body: Body, person: Person, details: Mapping[str, Any]
    ) -> list[str]:
        """Reasons, beyond the eligibility rule and the mandate limit, to refuse an application."""
        return []

    # -- the draw ----------------------------------------------------------------------------

    def draw_plan(self, db: Session, site: Site, call: Call) -> list[tuple[str, int]]:
        """(translated label, seats) of what the next draw fills, shown before it runs."""
        return []

    def draw(self, request: DrawRequest) -> DrawOutcome:
        """Draw the seats among ``request.pool`` through the core sortition engine."""
        raise NotImplementedError


_councils: WeakKeyDictionary[Site, dict[str, Council[Any]]] = WeakKeyDictionary()


def councils(site: Site) -> dict[str, Council[Any]]:
    """{body kind code: council} declared by the enabled plugins (gathered once per site)."""
    found = _councils.get(site)
    if found is None:
        declared = getattr(site.hook, "register_councils", None)
        answers = declared() if declared is not None else []
        found = _councils[site] = {c.kind: c for group in answers for c in group or ()}
    return found


def council_for(site: Site, kind: str) -> Council[Any] | None:
    return councils(site).get(kind)
