"""Body kinds: what a plugin declares about the bodies it provides (composition rules as data)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parvis.bodies.models import FillMethod


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
    group_kinds: Sequence[str] = ()
    member_roles: Sequence[str] = ("member",)
    eligibility: str | None = None  # default rule name for the whole body
    # Extra facts a plugin wants shown (mandate length, renewal rule...), already translated lazily.
    facts: Sequence[Any] = field(default_factory=tuple)
