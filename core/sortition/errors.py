"""Errors that carry a list of precise, translatable problems instead of a bare failure."""

from __future__ import annotations

from dataclasses import dataclass

from parvis.i18n import _


@dataclass(frozen=True)
class Problem:
    """One problem in an input file; `line` is 1-based (the header is line 1), 0 if not tied to a line."""

    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line {line}: {reason}").format(line=self.line, reason=self.message)
        return self.message


class SortitionError(Exception):
    """Base class of the engine's errors."""


class InputError(SortitionError):
    """An input file is invalid; nothing was imported. `problems` lists every problem found."""

    def __init__(self, source: str, problems: list[Problem], *, truncated: int = 0) -> None:
        self.source = source
        self.problems = problems
        self.truncated = truncated
        super().__init__(self.describe())

    def describe(self) -> str:
        head = _("{source}: {count} problem(s), nothing was imported.").format(
            source=self.source, count=len(self.problems) + self.truncated
        )
        lines = [head, *(f"  {p}" for p in self.problems)]
        if self.truncated:
            lines.append("  " + _("... and {count} more.").format(count=self.truncated))
        return "\n".join(lines)


class ProblemCollector:
    """Collects problems, keeping the first `limit` in full and counting the rest."""

    def __init__(self, limit: int = 100) -> None:
        self.limit = limit
        self.problems: list[Problem] = []
        self.extra = 0

    def add(self, line: int, message: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(Problem(line, message))
        else:
            self.extra += 1

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self, source: str) -> None:
        if self.problems:
            raise InputError(source, self.problems, truncated=self.extra)
