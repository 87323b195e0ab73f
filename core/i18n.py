"""Translation API used everywhere in Parvis (placeholder until the catalogs land).

`_` / `gettext` translate into the current request's (or CLI's) locale; `N_` only marks a string
for extraction, for module-level constants translated later with `_`.
"""

from __future__ import annotations


def gettext(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    return message


_ = gettext
