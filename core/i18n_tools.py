"""Developers' catalog tools: extract messages per domain, update the fr/en/ja catalogs, find gaps.

``parvis i18n update`` extracts every translatable string of core (domain ``parvis``) and of each
built-in plugin (its own domain) into ``locale/<lang>/LC_MESSAGES/<domain>.po``, keeping existing
translations (no fuzzy guessing: a changed message must be translated again). English catalogs
copy the message ids. ``parvis i18n todo`` prints what is missing as JSON; ``parvis i18n fill``
merges a JSON file ``{"message id": "translation"}`` into a catalog.

A plugin installed from anywhere else (its own folder, site-packages) is reached with
``--domain NAME``: its domain, catalog folder and source folder come from its own
``register_translations`` (``parvis.api.TranslationDomain``), not from where it lives. Plural
forms are checked against each language's rules as Babel knows them (French has three).
"""

from __future__ import annotations

import copy
import io
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from parvis.words import problems_in

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
LOCALES = ("fr", "en", "ja")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy_gettext": None}


def workflow_labels(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel's extraction method for a ``workflows.toml`` (``parvis.workflows``): every ``label``
    (of a workflow, a state, a transition) is an English message id, as if marked with ``N_``."""
    lines = fileobj.read().decode("utf-8").splitlines()
    for lineno, line in enumerate(lines, start=1):
        key, equals, value = line.partition("=")
        if equals and key.strip() == "label":
            yield lineno, "N_", tomllib.loads(f"label ={value}")["label"], []


# Pages (.html) and e-mails (.txt, see parvis.mail) are both Jinja templates; workflow files hold
# the labels of states and transitions.
METHODS = [
    ("**/static/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**/workflows.toml", "parvis.i18n_tools:workflow_labels"),
]
JINJA = {"extensions": "jinja2.ext.do,jinja2.ext.i18n", "silent": "false"}
OPTIONS = {"**/templates/**.html": JINJA, "**/templates/**.txt": JINJA}
# A placeholder, by name: "{count}", "%(count)s", or one of the site's words, "{site.council}",
# whatever its form ({site.council:to}): each translation picks the forms its grammar needs.
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)s|\{site\.[a-z_]+(?=[:}])")


@dataclass(frozen=True)
class Domain:
    name: str
    source: Path
    localedir: Path = LOCALE_DIR

    @property
    def locales(self) -> tuple[str, ...]:
        """Parvis's languages, and any other the domain already has a catalog for."""
        found = {p.parent.parent.name for p in self.localedir.glob(f"*/LC_MESSAGES/{self.name}.po")}
        return (*LOCALES, *sorted(found - set(LOCALES)))


class UnknownDomainError(LookupError):
    pass


def domains(only: str | None = None) -> list[Domain]:
    """Parvis's own domains (core and the plugins of this source tree); with ``only``, that
    domain alone, looked for among the installed plugins' registrations if it is not Parvis's."""
    plugins = sorted((ROOT / "plugins").iterdir()) if (ROOT / "plugins").is_dir() else []
    found = [Domain("parvis", ROOT / "core")] + [
        Domain(f.name, f) for f in plugins if (f / "__init__.py").exists()
    ]
    if only is None:
        return found
    chosen = [d for d in found if d.name == only] or registered_domains(only)
    if not chosen:
        raise UnknownDomainError(only)
    return chosen


def registered_domains(plugin: str) -> list[Domain]:
    """The domain(s) the installed plugin named ``plugin`` registers (``register_translations``),
    with the folder its messages are extracted from (its package's, unless it says otherwise)."""
    from importlib.metadata import entry_points

    import pluggy

    from parvis import hookspecs
    from parvis.i18n import TranslationDomain
    from parvis.pluginmanager import ENTRY_POINT_GROUP, with_plugin_package

    points = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == plugin]
    if not points:
        return []
    pm = pluggy.PluginManager("parvis")
    pm.add_hookspecs(hookspecs)
    pm.register(points[0].load(), plugin)
    pm.hook.add_hookspecs.call_historic(kwargs={"pm": pm})
    found = []
    for impl in pm.hook.register_translations.get_hookimpls():
        registered = cast("TranslationDomain | None", impl.function())
        if registered is None:
            continue
        registered = with_plugin_package(registered, impl.plugin)
        if registered.source is None:
            continue  # a single-module plugin must say where its messages are (source=...)
        found.append(Domain(registered.name, Path(registered.source), Path(registered.localedir)))
    return [d for d in found if d.name == plugin] or found


def shown(path: Path) -> str:
    """A catalog's path as printed: relative to Parvis's source tree when in it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def extract(domain: Domain) -> Catalog:
    template = Catalog(domain=domain.name, project="Parvis", msgid_bugs_address="", fuzzy=False)
    extracted = extract_from_dir(
        str(domain.source),
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    base = ROOT if domain.source.is_relative_to(ROOT) else domain.source.parent
    for filename, lineno, message, comments, context in extracted:
        path = (domain.source / filename).relative_to(base).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def po_path(locale: str, domain: str | Domain) -> Path:
    if isinstance(domain, str):
        domain = domains(domain)[0]
    return domain.localedir / locale / "LC_MESSAGES" / f"{domain.name}.po"


def read(path: Path, locale: str, domain: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, domain=domain, project="Parvis", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=domain)


_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: .*\n', re.MULTILINE)


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalog sorted by message, locations without line numbers, and only if a message
    changed: catalogs then change only with their messages, and parallel branches merge cleanly."""
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=100,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=False,
        include_lineno=False,
    )
    text = buffer.getvalue()
    if path.exists() and _CREATION_DATE.sub(b"", path.read_bytes()) == _CREATION_DATE.sub(b"", text):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)


def update(only: str | None = None) -> list[str]:
    changed = []
    for domain in domains(only):
        template = extract(domain)
        for locale in domain.locales:
            path = po_path(locale, domain)
            catalog = read(path, locale, domain.name)
            # Catalog.update shares the template's message objects: give each locale its own copy,
            # or the English pass below would write into the other catalogs too.
            catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_header_comment=False)
            catalog.fuzzy = False
            for message in catalog:
                if message.id and locale == "en" and not _translated(message.string):
                    message.string = message.id
                message.flags.discard("fuzzy")
            write(path, catalog)
            changed.append(shown(path))
    return changed


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(bool(s) for s in string)
    return bool(string)


def missing(locale: str, domain: str | None = None) -> dict[str, dict[str, str | list[str]]]:
    """Untranslated messages per domain: {domain: {msgid or "singular|plural": ""}}."""
    report: dict[str, dict[str, str | list[str]]] = {}
    for d in domains(domain):
        for message in read(po_path(locale, d), locale, d.name):
            if message.id and not _translated(message.string):
                key = message.id if isinstance(message.id, str) else "|".join(message.id)
                report.setdefault(d.name, {})[key] = ""
    return report


def fill(locale: str, domain: str, translations: dict[str, str | list[str]]) -> int:
    path = po_path(locale, domain)
    catalog = read(path, locale, domain)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else "|".join(message.id)
        if translations.get(key):
            value = translations[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            count += 1
    write(path, catalog)
    return count


def plural_forms(locale: str) -> tuple[int, str]:
    """The number of plural forms of a language and its gettext expression, from Babel's
    (CLDR's) rules: fr 3, en 2, ja 1."""
    rules = Catalog(locale=locale)
    return rules.num_plurals, rules.plural_expr


def problems(only: str | None = None) -> Iterator[str]:
    """Every gap a release must not have: missing, fuzzy or placeholder-mismatched translations,
    plural forms that do not follow the language's rules, and messages in the code that are not in
    a catalog."""
    for d in domains(only):
        expected = {m.id for m in extract(d) if m.id}
        for locale in d.locales:
            path = po_path(locale, d)
            where = shown(path)
            if not path.is_file():
                yield f"{where}: missing (run parvis i18n update --domain {d.name})"
                continue
            catalog = read(path, locale, d.name)
            forms, expression = plural_forms(locale)
            if catalog.num_plurals != forms:
                yield (
                    f"{where}: the header says {catalog.num_plurals} plural forms, {locale} has {forms}: "
                    f"Plural-Forms: nplurals={forms}; plural={expression};"
                )
            present = {m.id for m in catalog if m.id}
            for message_id in sorted(expected - present, key=str):
                yield f"{where}: not extracted yet: {message_id!r}"
            for message in catalog:
                if not message.id:
                    continue
                if "fuzzy" in message.flags:
                    yield f"{where}: fuzzy: {message.id!r}"
                if not _translated(message.string):
                    yield f"{where}: untranslated: {message.id!r}"
                    continue
                ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
                strings = (
                    (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
                )
                if isinstance(message.id, tuple) and len(strings) != forms:
                    yield f"{where}: {len(strings)} plural forms, {locale} has {forms}: {message.id!r}"
                for text in (*ids, *strings):
                    for problem in problems_in(text):
                        yield f"{where}: {problem} in {text!r}"
                wanted = set(PLACEHOLDER.findall(ids[-1]))
                for string in strings:
                    if set(PLACEHOLDER.findall(string)) - set(PLACEHOLDER.findall(" ".join(ids))) or (
                        wanted - set(PLACEHOLDER.findall(string)) and len(strings) == 1
                    ):
                        yield f"{where}: placeholders differ: {message.id!r} -> {string!r}"


def merge(base: Path, ours: Path, theirs: Path, locale: str) -> list[str]:
    """A git merge driver for catalogs: both sides' messages, and for a message both sides
    translated, the side that changed it (a conflict only if both changed it differently).

    Writes the result into ``ours`` and returns the conflicting message ids (ours is kept for
    them). Locations are refreshed by the next ``parvis i18n update``.
    """
    catalogs = [read(path, locale, "merge") for path in (base, ours, theirs)]
    old, mine, other = ({m.id: m for m in c if m.id} for c in catalogs)
    result = catalogs[1]
    conflicts = []
    for key, message in other.items():
        if key not in mine:
            if key not in old:  # added on their side
                result[key] = message
            continue
        before = old[key].string if key in old else None
        if message.string != mine[key].string and message.string != before:
            if mine[key].string == before or not _translated(mine[key].string):
                result[key].string = message.string
            elif _translated(message.string):
                conflicts.append(str(key))
    for key in list(mine):
        if key in old and key not in other:  # removed on their side
            del result[key]
    write(ours, result)
    return conflicts


def dump_missing(locale: str, domain: str | None) -> str:
    return json.dumps(missing(locale, domain), ensure_ascii=False, indent=1)
