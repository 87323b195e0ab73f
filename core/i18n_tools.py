"""Developers' catalog tools: extract messages per domain, update the fr/en/ja catalogs, find gaps.

``parvis i18n update`` extracts every translatable string of core (domain ``parvis``) and of each
built-in plugin (its own domain) into ``locale/<lang>/LC_MESSAGES/<domain>.po``, keeping existing
translations (no fuzzy guessing: a changed message must be translated again). English catalogs
copy the message ids. ``parvis i18n todo`` prints what is missing as JSON; ``parvis i18n fill``
merges a JSON file ``{"message id": "translation"}`` into a catalog.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from parvis.words import problems_in

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
LOCALES = ("fr", "en", "ja")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "lazy_gettext": None}
# Pages (.html) and e-mails (.txt, see parvis.mail) are both Jinja templates.
METHODS = [
    ("**/static/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
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


def domains() -> list[Domain]:
    plugins = sorted((ROOT / "plugins").iterdir())
    return [Domain("parvis", ROOT / "core")] + [
        Domain(f.name, f) for f in plugins if (f / "__init__.py").exists()
    ]


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
    for filename, lineno, message, comments, context in extracted:
        path = (domain.source / filename).relative_to(ROOT).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def po_path(locale: str, domain: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


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
    for domain in domains():
        if only and domain.name != only:
            continue
        template = extract(domain)
        for locale in LOCALES:
            path = po_path(locale, domain.name)
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
            changed.append(str(path.relative_to(ROOT)))
    return changed


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(bool(s) for s in string)
    return bool(string)


def missing(locale: str, domain: str | None = None) -> dict[str, dict[str, str | list[str]]]:
    """Untranslated messages per domain: {domain: {msgid or "singular|plural": ""}}."""
    report: dict[str, dict[str, str | list[str]]] = {}
    for d in domains():
        if domain and d.name != domain:
            continue
        for message in read(po_path(locale, d.name), locale, d.name):
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
            message.string = tuple(value) if isinstance(message.id, tuple) else value  # type: ignore[assignment]
            count += 1
    write(path, catalog)
    return count


def problems() -> Iterator[str]:
    """Every gap a release must not have: missing, fuzzy or placeholder-mismatched translations,
    and messages in the code that are not in a catalog."""
    for d in domains():
        expected = {m.id for m in extract(d) if m.id}
        for locale in LOCALES:
            path = po_path(locale, d.name)
            catalog = read(path, locale, d.name)
            present = {m.id for m in catalog if m.id}
            for message_id in sorted(expected - present, key=str):
                yield f"{path.relative_to(ROOT)}: not extracted yet: {message_id!r}"
            for message in catalog:
                if not message.id:
                    continue
                if "fuzzy" in message.flags:
                    yield f"{path.relative_to(ROOT)}: fuzzy: {message.id!r}"
                if not _translated(message.string):
                    yield f"{path.relative_to(ROOT)}: untranslated: {message.id!r}"
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in (*ids, *strings):
                    for problem in problems_in(text):
                        yield f"{path.relative_to(ROOT)}: {problem} in {text!r}"
                wanted = set(PLACEHOLDER.findall(ids[-1]))
                for string in strings:
                    if set(PLACEHOLDER.findall(string)) - set(PLACEHOLDER.findall(" ".join(ids))) or (
                        wanted - set(PLACEHOLDER.findall(string)) and len(strings) == 1
                    ):
                        yield f"{path.relative_to(ROOT)}: placeholders differ: {message.id!r} -> {string!r}"


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
