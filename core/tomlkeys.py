"""Where each key of a TOML text is written: line numbers for configuration errors.

``tomllib`` parses but keeps no positions, and tomlkit (which round-trips a document) exposes no
line numbers either, so this small locator reads the text once: table headers (``[a.b]``), arrays
of tables (``[[districts]]``, counted so ``districts[3]`` is the fourth), dotted and quoted keys
(``a."b c".d = 1``), and values spanning several lines (arrays, inline tables, multi-line strings),
whose inner lines are never mistaken for keys. A value's end is found by asking ``tomllib`` whether
``x = <text so far>`` parses, so every TOML value form is handled without re-implementing TOML.

Paths are tuples of keys and array indexes: ``("districts", 3, "population")``. ``line(path)``
answers the line of the longest prefix of the path written in the text (a key inside an inline
table is reported on the line of that table's key), or None when nothing matches.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

Path = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+|\.\.\.)\]")


def parse_dotted(text: str) -> Path:
    """``"districts[0].population"`` -> ``("districts", 0, "population")`` (the form errors use).

    msgspec writes an unknown mapping key as ``[...]``: the path stops there.
    """
    path: list[str | int] = []
    for name, index in _PART.findall(text):
        if index == "...":
            break
        path.append(int(index) if index else name)
    return tuple(path)


def _read_keys(text: str, start: int) -> tuple[list[str], int] | None:
    """The dotted key at ``text[start:]``: (its parts, the position after it), or None."""
    keys: list[str] = []
    pos = start
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return None
        char = text[pos]
        if char == '"':
            end = pos + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if end >= len(text):
                return None
            try:
                keys.append(tomllib.loads(f"k = {text[pos : end + 1]}")["k"])
            except tomllib.TOMLDecodeError:
                return None
            pos = end + 1
        elif char == "'":
            end = text.find("'", pos + 1)
            if end < 0:
                return None
            keys.append(text[pos + 1 : end])
            pos = end + 1
        else:
            match = _BARE.match(text, pos)
            if match is None:
                return None
            keys.append(match.group())
            pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return keys, pos


def _complete(value: str) -> bool:
    try:
        tomllib.loads(f"x = {value}")
    except tomllib.TOMLDecodeError:
        return False
    return True


class KeyLocator:
    """The line (1-based) of every key, table and array-of-tables entry of a TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        counts: dict[Path, int] = {}
        table: Path = ()
        source = text.splitlines()
        number = 0
        while number < len(source):
            raw = source[number]
            number += 1
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                array = stripped.startswith("[[")
                found = _read_keys(stripped, 2 if array else 1)
                if found is not None:
                    keys = found[0]
                    if array:
                        base = (*self._resolve(keys[:-1], counts), keys[-1])
                        counts[base] = counts.get(base, -1) + 1
                        table = (*base, counts[base])
                    else:
                        table = self._resolve(keys, counts)
                    self._record(table, number)
                continue
            found = _read_keys(stripped, 0)
            if found is None or found[1] >= len(stripped) or stripped[found[1]] != "=":
                continue
            self._record((*table, *found[0]), number)
            value = stripped[found[1] + 1 :]
            # A value that does not parse on its own line goes on: swallow lines until it does.
            first = number
            while not _complete(value) and number < len(source):
                value += "\n" + source[number]
                number += 1
            if not _complete(value):
                number = first  # not valid TOML after all: keep reading keys line by line

    @staticmethod
    def _resolve(keys: Sequence[str], counts: dict[Path, int]) -> Path:
        """A header's path, with the current entry of every array of tables it goes through:
        ``[districts.extra]`` after the third ``[[districts]]`` is ``("districts", 2, "extra")``."""
        path: list[str | int] = []
        for key in keys:
            path.append(key)
            if tuple(path) in counts:
                path.append(counts[tuple(path)])
        return tuple(path)

    def _record(self, path: Path, number: int) -> None:
        for size in range(1, len(path) + 1):
            self.lines.setdefault(path[:size], number)

    def line(self, path: Path | str) -> int | None:
        """The line of ``path`` or of its longest prefix written in the text."""
        if isinstance(path, str):
            path = parse_dotted(path)
        for size in range(len(path), 0, -1):
            if path[:size] in self.lines:
                return self.lines[path[:size]]
        return None
