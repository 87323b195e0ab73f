"""Small typographic helpers: "Label: value" and percentages as each language writes them.

French puts a space before a colon and a percent sign ("Avancement : 35 %"), Japanese uses a
full-width colon ("進捗：35%"); hard-coding ": " or "%" would be wrong in one of them.
"""

from __future__ import annotations

from babel import numbers

from parvis.i18n import _, current_locale


def labelled(label: object, value: object) -> str:
    """ "Label: value" in the reader's language."""
    return _("{label}: {value}").format(label=label, value=value)


def percent(value: int | float) -> str:
    """A 0-100 figure as a percentage in the reader's language ("35 %", "35%")."""
    return numbers.format_percent(value / 100, locale=current_locale.get())


def colon(label: object) -> str:
    """ "Label:" before a value that carries its own markup."""
    return labelled(label, "").rstrip()
