"""The Jinja environment: plugin template folders before core's, gettext and Babel filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from parvis import formatting, i18n


def progress_percent(done: int | float, total: int | float) -> int:
    if not total:
        return 0
    return max(0, min(100, round(100 * done / total)))


def build_environment(template_dirs: list[Path]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.globals.update(
        _=i18n.gettext,
        N_=i18n.N_,
        language_name=i18n.language_name,
        progress_percent=progress_percent,
    )
    env.filters.update(
        date=formatting.format_date,
        datetime=formatting.format_datetime,
        time=formatting.format_time,
        number=formatting.format_number,
        percent=formatting.format_percent,
        money=formatting.format_money,
        nl2br=_nl2br,
    )
    return env


def _nl2br(text: Any) -> Markup:
    escaped = Markup.escape(str(text or ""))
    return Markup("<br>\n").join(escaped.split("\n"))
