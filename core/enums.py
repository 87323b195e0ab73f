"""Enumerations whose members carry their translatable label, declared together.

A ``LabelledEnum`` is a ``StrEnum`` (its members are their ``str`` values: stored by
``enum_type``, encoded by msgspec, compared with strings, rendered as is by Jinja) whose members
also carry a label, marked with ``N_`` so Babel extracts it::

    class Reason(LabelledEnum):
        SPAM = "spam", N_("Spam or advertising")
        ABUSE = "abuse", N_("Insult, harassment or hate")

``Reason.SPAM.label`` is the untranslated message: translate it where it is shown (``_(r.label)``
in Python or a template), so it finds the catalog of the code showing it, like any other message.
``Reason.choices()`` gives a form's ``(value, translated label)`` pairs in declaration order
(``choices=Reason.choices`` in a ``Field``).
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Callable
from typing import Self

from parvis.i18n import dgettext, domain_of_module


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are declared as ``NAME = "value", N_("Label")``."""

    _value_: str
    label: str

    # Only the declarations call this; ``Reason("spam")`` looks a member up by its value, which is
    # why type checkers must accept a call without a label.
    def __new__(cls, value: str, label: str | None = None) -> Self:
        if label is None:
            raise TypeError(f'{cls.__name__}: declare each member as NAME = "value", N_("Label")')
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Every member as a form choice, ``(value, label)``, in declaration order, the label
        translated now in the catalog its message was extracted to (the declaring module's)."""
        domain = domain_of_module(cls.__module__)
        return [(member.value, dgettext(domain, member.label)) for member in cls]


def deprecated_label_maps(
    module: str, **maps: type[LabelledEnum]
) -> Callable[[str], dict[LabelledEnum, str]]:
    """A module ``__getattr__`` answering the ``X_LABELS`` maps (member -> label) that ``module``
    exported before its enumerations carried their labels, with a ``DeprecationWarning``, so
    plugins written against those names keep working while they move to ``member.label``."""

    def __getattr__(name: str) -> dict[LabelledEnum, str]:  # noqa: N807 - a module's __getattr__
        enum_class = maps.get(name)
        if enum_class is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warnings.warn(
            f"{module}.{name} is deprecated (removed in 2.0): use {enum_class.__name__}.<member>.label",
            DeprecationWarning,
            stacklevel=2,
        )
        return {member: member.label for member in enum_class}

    return __getattr__
