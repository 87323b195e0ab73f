"""Configuration errors: a refusal that names the file, the line and the key, in the current language.

msgspec's validation messages are reworded here (``describe_validation_error``) and every check of
parvis.config raises through ``config_error``, so an operator reads one kind of message.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import msgspec

from parvis.i18n import _
from parvis.tomlkeys import KeyLocator


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file, the line and the key.

    Build one with `config_error(file, key, reason)`: it finds the key's line in the file and
    words the message in the current language (the CLI speaks the operator's).
    """

    def __init__(self, message: str, *, file: str = "", key: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.key = key
        self.line = line


_locators: dict[tuple[str, float], KeyLocator] = {}


def key_line(file: str | os.PathLike[str], key: str) -> int | None:
    """The line of ``key`` (``districts[2].code``, or the nearest enclosing table) in a TOML file."""
    try:
        path = Path(file)
        stamp = (str(path.resolve()), path.stat().st_mtime)
        if stamp not in _locators:
            _locators[stamp] = KeyLocator(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _locators[stamp].line(key)


def config_error(file: str | os.PathLike[str], key: str, reason: str) -> ConfigError:
    """A refusal of the value at ``key`` (dotted, as in ``districts[0].population``), with its line."""
    file = str(file)
    line = key_line(file, key) if file and key else None
    if line is None:
        message = _("{file}: invalid value at '{key}': {reason}").format(file=file, key=key, reason=reason)
    else:
        message = _("{file}, line {line}: invalid value at '{key}': {reason}").format(
            file=file, line=line, key=key, reason=reason
        )
    return ConfigError(message, file=file, key=key, line=line)


_PATH_IN_ERROR = re.compile(r"\s*-\s*at\s*`\$(?P<path>[^`]*)`$")


_UNKNOWN_FIELD = re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$")
_MISSING_FIELD = re.compile(r"^Object missing required field `(?P<name>[^`]*)`$")
_WRONG_TYPE = re.compile(r"^Expected `(?P<expected>[^`]*)`, got `(?P<got>[^`]*)`$")
_BAD_CHOICE = re.compile(r"^Invalid enum value (?P<value>.*)$")


def describe_validation_error(error: msgspec.ValidationError, prefix: str = "") -> tuple[str, str]:
    """Split msgspec's message into (dotted key, reason in the current language).

    ``$.districts[0].population`` becomes ``districts[0].population``; an unknown or missing key is
    named in the key itself (``site.colour``). Reasons from a settings struct's own checks
    (``__post_init__``) are kept as the plugin wrote them.
    """
    text = str(error)
    match = _PATH_IN_ERROR.search(text)
    path = match.group("path").lstrip(".") if match else ""
    reason = _PATH_IN_ERROR.sub("", text)
    if found := _UNKNOWN_FIELD.match(reason):
        path = ".".join(p for p in (path, found["name"]) if p)
        reason = _("unknown key (check its spelling and its table)")
    elif found := _MISSING_FIELD.match(reason):
        path = ".".join(p for p in (path, found["name"]) if p)
        reason = _("this key is required")
    elif found := _WRONG_TYPE.match(reason):
        reason = _("Expected `{expected}`, got `{got}`").format(expected=found["expected"], got=found["got"])
    elif found := _BAD_CHOICE.match(reason):
        reason = _("{value} is not one of the accepted values").format(value=found["value"])
    key = ".".join(p for p in (prefix, path) if p)
    return key.replace(".[", "["), reason


def convert_section(data: Any, schema: type, *, file: str, prefix: str = "") -> Any:
    """Validate one mapping against a struct, raising ConfigError with file, key and expectation."""
    try:
        return msgspec.convert(data, schema, strict=True)
    except msgspec.ValidationError as error:
        key, reason = describe_validation_error(error, prefix)
        raise config_error(file, key or prefix, reason) from None
