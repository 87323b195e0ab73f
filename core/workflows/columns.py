"""A state column that keeps the stored names and accepts the states a city adds.

Life cycles used to store their state in an enum column (``enum_type``), which refuses any value
its enum does not list: a state added in the city's configuration could not be saved. ``state_type``
stores the same text in the same column (no migration: the stored names do not change) and reads
a known value back as the enum member, an added one as plain text.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class StateType(TypeDecorator[Any]):
    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[enum.Enum], length: int = 32) -> None:
        super().__init__(length)
        self.enum_class = enum_class
        self._members = {m.value: m for m in enum_class}

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(value.value if isinstance(value, enum.Enum) else value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self._members.get(value, value)


def state_type(enum_class: type[enum.Enum], length: int = 32) -> StateType:
    """The column type of a life cycle's state: ``mapped_column(state_type(MissionStatus, 16))``."""
    return StateType(enum_class, length)
