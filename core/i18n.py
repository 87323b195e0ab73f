"""Translations: one gettext domain for core and one per plugin, merged per locale at start-up.

`_` / `gettext` translate into the current locale, held in a context variable that the web layer
sets per request and the CLI sets from the site's default language (or $PARVIS_LANG). `N_` only
marks a string for extraction; translate it later with `_`. `lazy_gettext` makes a string that is
translated whenever it is rendered, for labels declared at import time. Catalogs are read straight
from the `.po` files, so there is no compile step to forget.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

import parvis

current_locale: ContextVar[str] = ContextVar("parvis_locale", default="en")
_catalogs: dict[str, NullTranslations] = {}
_domains: dict[str, TranslationDomain] = {}
_locales: list[str] = []


@dataclass(frozen=True, slots=True)
class TranslationDomain:
    """A plugin's catalogs: `<localedir>/<lang>/LC_MESSAGES/<name>.po`."""

    name: str
    localedir: Path


def default_localedir() -> Path:
    """The catalogs shipped with Parvis: `locale/` in a source tree, `parvis/locale` in a wheel."""
    package = Path(parvis.__file__).parent
    for candidate in (package.parent / "locale", package / "locale"):
        if candidate.is_dir():
            return candidate
    return package.parent / "locale"


def load_po(path: Path, locale: str, domain: str) -> Translations:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def install(locales: Iterable[str], domains: Iterable[TranslationDomain]) -> None:
    """Build one merged catalog per locale from every domain installed so far in this process.

    Installing is additive, so several sites in one process (test suites) share all catalogs;
    message ids are English sentences, identical wherever two domains share one.
    """
    for domain in domains:
        _domains[domain.name] = domain
    for locale in locales:
        if locale not in _locales:
            _locales.append(locale)
    _catalogs.clear()
    for locale in _locales:
        merged: NullTranslations | None = None
        for domain in _domains.values():
            po = domain.localedir / locale / "LC_MESSAGES" / f"{domain.name}.po"
            if not po.is_file():
                continue
            translations = load_po(po, locale, domain.name)
            if merged is None:
                merged = translations
            else:
                merged.merge(translations)  # type: ignore[attr-defined]
        _catalogs[locale] = merged or NullTranslations()


def installed_locales() -> list[str]:
    return list(_locales)


def gettext(message: str) -> str:
    catalog = _catalogs.get(current_locale.get())
    return catalog.gettext(message) if catalog else message


def ngettext(singular: str, plural: str, n: int) -> str:
    catalog = _catalogs.get(current_locale.get())
    if catalog:
        return catalog.ngettext(singular, plural, n)
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


def lazy_gettext(message: str) -> LazyProxy:
    return LazyProxy(gettext, message, enable_cache=False)


_ = gettext


@contextmanager
def use_locale(locale: str):
    """Run a block in another language (e-mails to a user, CLI output, tests)."""
    token = current_locale.set(locale)
    try:
        yield
    finally:
        current_locale.reset(token)


def babel_locale() -> Locale:
    return Locale.parse(current_locale.get())


def language_name(code: str) -> str:
    """A language's name in itself ("Français", "English", "日本語") for the language switcher."""
    return Locale.parse(code).get_display_name(code).capitalize()
