"""Body kinds: what a plugin declares about the bodies it provides (composition rules as data).

A plugin returns ``BodyKind`` objects from ``register_body_kinds``. When an official creates a
body of that kind, its colleges are created from the kind's ``CollegeTemplate`` list (officials
may change them afterwards). Member roles, group kinds and meeting kinds are codes stored in the
database; give each a label with a ``(code, lazy_gettext("Label"))`` pair, or a bare code when
core already knows its label (``COMMON_LABELS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parvis.bodies.models import FillMethod
from parvis.i18n import N_, _

Choice = str | tuple[str, Any]

# Labels of the codes most kinds use; a plugin's own (code, label) pairs take precedence.
COMMON_LABELS: dict[str, str] = {
    # member roles
    "member": N_("Member"),
    "chair": N_("Chair"),
    "vice_chair": N_("Vice-chair"),
    "secretary": N_("Secretary"),
    "rapporteur": N_("Rapporteur"),
    "substitute": N_("Substitute"),
    # group kinds
    "workshop": N_("Workshop"),
    "working_group": N_("Working group"),
    "commission": N_("Commission"),
    # meeting kinds
    "meeting": N_("Meeting"),
    "plenary": N_("Plenary session"),
    "hearing": N_("Hearing"),
    "training": N_("Training"),
    "public_meeting": N_("Public meeting"),
}

# Roles that grant powers over a body: never given through a membership, only by a RoleGrant.
RESERVED_ROLES = frozenset({"official", "admin"})


def label_for(code: str, declared: Sequence[Choice] = ()) -> str:
    """The translated label of a code, from the kind's declaration or core's common labels."""
    for item in declared:
        if isinstance(item, tuple) and item[0] == code:
            return str(item[1])
    return _(COMMON_LABELS[code]) if code in COMMON_LABELS else code


def _choices(declared: Sequence[Choice]) -> list[tuple[str, str]]:
    codes = [item[0] if isinstance(item, tuple) else item for item in declared]
    return [(code, label_for(code, declared)) for code in codes]


@dataclass(frozen=True, slots=True)
class CollegeTemplate:
    """A college a new body of this kind starts with; officials may change seats afterwards."""

    code: str
    name: Any  # a lazy translated string
    seats: int
    fill_method: FillMethod
    eligibility: str | None = None


@dataclass(frozen=True, slots=True)
class BodyKind:
    code: str
    label: Any  # lazy translated string, e.g. lazy_gettext("Citizens' Assembly")
    description: Any = ""
    plugin: str = ""
    colleges: Sequence[CollegeTemplate] = ()
    group_kinds: Sequence[Choice] = ("workshop", "working_group")
    member_roles: Sequence[Choice] = ("member",)
    meeting_kinds: Sequence[Choice] = ("meeting", "plenary", "workshop", "hearing")
    eligibility: str | None = None  # default rule name for the whole body
    # Extra facts a plugin wants shown (mandate length, renewal rule...), already translated lazily.
    facts: Sequence[Any] = field(default_factory=tuple)

    def role_choices(self) -> list[tuple[str, str]]:
        """(code, label) of the roles a membership may have; reserved roles are left out."""
        return [c for c in _choices(self.member_roles or ("member",)) if c[0] not in RESERVED_ROLES]

    def group_kind_choices(self) -> list[tuple[str, str]]:
        return _choices(self.group_kinds or ("workshop",))

    def meeting_kind_choices(self) -> list[tuple[str, str]]:
        return _choices(self.meeting_kinds or ("meeting",))

    def role_label(self, code: str) -> str:
        return label_for(code, self.member_roles)

    def group_kind_label(self, code: str) -> str:
        return label_for(code, self.group_kinds)

    def meeting_kind_label(self, code: str) -> str:
        return label_for(code, self.meeting_kinds)


def kind_of(site: Any, code: str) -> BodyKind:
    """The declared kind of a body, or a neutral stand-in when its plugin is disabled."""
    declared = site.body_kinds.get(code)
    return declared if declared is not None else BodyKind(code=code, label=code)
