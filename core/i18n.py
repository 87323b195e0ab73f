"""Translations: one gettext domain for core and one per plugin, the site's words and overrides.

`_` / `gettext` translate into the current locale, held in a context variable that the web layer
sets per request and the CLI sets from the site's default language (or $PARVIS_LANG), and into the
domain of the calling code: code in the package of a plugin that registered a domain (wherever it
is installed: ``TranslationDomain.package``) uses that plugin's catalog, with core's and then the
others' as fallbacks; templates use the domain of their folder. `N_` only
marks a string for extraction; translate it later with `_`. `lazy_gettext` makes a string that is
translated whenever it is rendered, for labels declared at import time. Catalogs are read straight
from the `.po` files, so there is no compile step to forget.

The site being served (``site.activate()``: each request, command and test) adds two things, held
in a context variable so that sites of one process never mix: its own ``.po`` files
(``[site] translations``), whose translations win over the packaged catalogs, and its words,
which fill the ``{site.council:to}`` placeholders of every translated message (``parvis.words``);
`word("district", "pl")` gives one of its words alone.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

import parvis

CORE_DOMAIN = "parvis"
current_locale: ContextVar[str] = ContextVar("parvis_locale", default="en")
_catalogs: dict[str, dict[str, NullTranslations]] = {}  # locale -> domain -> catalog
_domains: dict[str, TranslationDomain] = {}
_locales: list[str] = []
_packages: dict[str, str] = {}  # module prefix -> domain, from the registered domains
_module_domains: dict[str, str] = {}  # module -> domain, computed once per module


@dataclass(frozen=True, slots=True)
class SiteText:
    """What a site adds to translation: its words (a ``parvis.words.Vocabulary``) and its own
    catalogs (locale -> domain -> catalog), which win over Parvis's."""

    vocabulary: Any
    overrides: dict[str, dict[str, NullTranslations]]


current_site_text: ContextVar[SiteText | None] = ContextVar("parvis_site_text", default=None)


@contextmanager
def use_site_text(text: SiteText):
    token = current_site_text.set(text)
    try:
        yield
    finally:
        current_site_text.reset(token)


def site_text() -> SiteText | None:
    """The active site's words and catalogs (``site.activate()``); None outside any site."""
    return current_site_text.get()


def fill_words(text: str) -> str:
    """Fill a message's ``{site.<word>:<form>}`` placeholders with the site's words."""
    if "{site." not in text:
        return text
    found = site_text()
    if found is None:
        from parvis.words import Vocabulary

        return Vocabulary("").fill(text, current_locale.get())
    return found.vocabulary.fill(text, current_locale.get())


def word(name: str, form: str = "name") -> str:
    """One of the site's words in the current language: ``word("district", "Pl")``."""
    return fill_words(f"{{site.{name}:{form}}}")


def lazy_word(name: str, form: str = "name") -> LazyProxy:
    """``word`` evaluated when shown, for labels declared at import time."""
    return LazyProxy(word, name, form, enable_cache=False)


def load_overrides(folder: Path, locales: Iterable[str]) -> dict[str, dict[str, NullTranslations]]:
    """A site's own catalogs: ``<folder>/<lang>/LC_MESSAGES/<domain>.po`` for the given languages."""
    found: dict[str, dict[str, NullTranslations]] = {}
    for locale in locales:
        for po in sorted((folder / locale / "LC_MESSAGES").glob("*.po")):
            found.setdefault(locale, {})[po.stem] = load_po(po, locale, po.stem)
    return found


@dataclass(frozen=True, slots=True)
class TranslationDomain:
    """A plugin's catalogs: `<localedir>/<lang>/LC_MESSAGES/<name>.po`.

    ``package``: the modules whose ``_()`` use this domain (a dotted prefix, ``"parvis_citylab"``);
    by default the package of the plugin that registered it. ``source``: the folder whose code and
    templates ``parvis i18n update`` extracts messages from; by default that package's folder.
    """

    name: str
    localedir: Path
    package: str | None = None
    source: Path | None = None


def default_localedir() -> Path:
    """The catalogs shipped with Parvis: `locale/` in a source tree, `parvis/locale` in a wheel."""
    package = Path(parvis.__file__).parent
    for candidate in (package.parent / "locale", package / "locale"):
        if candidate.is_dir():
            return candidate
    return package.parent / "locale"


def load_po(path: Path, locale: str, domain: str) -> Translations:
    """A catalog read from its ``.po`` file (parsed once per version of the file)."""
    return _load_po(path, path.stat().st_mtime_ns, locale, domain)


@lru_cache(maxsize=256)
def _load_po(path: Path, _version: int, locale: str, domain: str) -> Translations:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def install(locales: Iterable[str], domains: Iterable[TranslationDomain]) -> None:
    """Load every domain's catalog per locale (additive: sites of one process share them)."""
    for domain in domains:
        _domains[domain.name] = domain
        if domain.package:
            _packages[domain.package] = domain.name
    _module_domains.clear()
    for locale in locales:
        if locale not in _locales:
            _locales.append(locale)
    _catalogs.clear()
    for locale in _locales:
        loaded: dict[str, NullTranslations] = {}
        for domain in _domains.values():
            po = domain.localedir / locale / "LC_MESSAGES" / f"{domain.name}.po"
            if po.is_file():
                loaded[domain.name] = load_po(po, locale, domain.name)
        _catalogs[locale] = loaded


def installed_locales() -> list[str]:
    return list(_locales)


def domain_of_module(module: str) -> str:
    """The domain of code in a module: that of the registered package that contains it (the
    longest prefix), else its plugin's for ``parvis.plugins.<name>...``, else core's."""
    found = _module_domains.get(module)
    if found is None:
        prefixes = [p for p in _packages if module == p or module.startswith(p + ".")]
        if prefixes:
            found = _packages[max(prefixes, key=len)]
        elif module.startswith("parvis.plugins."):
            found = module.split(".")[2]
        else:
            found = CORE_DOMAIN
        _module_domains[module] = found
    return found


def _caller_domain(depth: int = 2) -> str:
    return domain_of_module(sys._getframe(depth).f_globals.get("__name__", ""))


def _translations(domain: str, key: object) -> NullTranslations | None:
    """The catalog that translates ``key``: the domain's own, else core's, else any other.

    Each plugin keeps its own wording (a budget "campaign" is not a volunteers' "campaign"),
    while messages defined in one place and shown in another still find their translation.
    """
    locale = current_locale.get()
    catalogs: dict[str, NullTranslations] = _catalogs.get(locale, {})
    text = site_text()
    overrides = text.overrides.get(locale, {}) if text is not None else {}

    def has(catalog: NullTranslations | None) -> bool:
        entries = getattr(catalog, "_catalog", {})
        return key in entries or (isinstance(key, str) and (key, 0) in entries)  # a plural's singular

    # The site's own translation of a message comes before Parvis's, domain by domain.
    for name in (domain, CORE_DOMAIN):
        for found in (overrides.get(name), catalogs.get(name)):
            if has(found):
                return found
    return next((c for c in (*overrides.values(), *catalogs.values()) if has(c)), None)


def dgettext(domain: str, message: str) -> str:
    catalog = _translations(domain, message)
    return fill_words(catalog.gettext(message) if catalog is not None else message)


def dngettext(domain: str, singular: str, plural: str, n: int) -> str:
    catalog = _translations(domain, (singular, 0))
    if catalog is not None:
        return fill_words(catalog.ngettext(singular, plural, n))
    return fill_words(singular if n == 1 else plural)


def gettext(message: str, domain: str | None = None) -> str:
    """Translate into the current language, in the calling plugin's domain (or ``domain``)."""
    return dgettext(domain or _caller_domain(), message)


def ngettext(singular: str, plural: str, n: int, domain: str | None = None) -> str:
    return dngettext(domain or _caller_domain(), singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


def lazy_gettext(message: str, domain: str | None = None) -> LazyProxy:
    """A string translated each time it is shown, in the domain of the module that declared it."""
    return LazyProxy(dgettext, domain or _caller_domain(), message, enable_cache=False)


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
    return (Locale.parse(code).get_display_name(code) or code).capitalize()
