"""``parvis plugin new NAME --dest DIR``: write a complete, installable plugin to start from.

The files are in ``template/``, each ending in ``.tmpl`` (so neither ruff, pytest nor message
extraction take them for Parvis's own); their text is a ``string.Template`` (``$name``,
``$package``...), and ``_package_`` / ``_name_`` in a path become the package's and the plugin's
names. The result imports only ``parvis.api`` (and ``parvis.testing`` in its tests), and its tests
pass as generated: tests/core/test_scaffold.py generates one and runs them.
"""

from __future__ import annotations

import keyword
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from string import Template

from parvis import __version__
from parvis.i18n import _

TEMPLATE = Path(__file__).parent / "template"
SUFFIX = ".tmpl"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class ScaffoldError(Exception):
    """A plugin that cannot be written (a bad name, a folder in the way); the message is translated."""


@dataclass(frozen=True, slots=True)
class Names:
    name: str  # the plugin's name: entry point, settings section, text domain, table prefix
    package: str  # the Python package
    dist: str  # the distribution (what pip installs)
    title: str  # its label until the author writes a better one
    class_prefix: str  # model and settings classes

    @classmethod
    def of(cls, name: str) -> Names:
        check_name(name)
        words = name.split("_")
        return cls(
            name=name,
            package=f"parvis_{name}",
            dist=f"parvis-{name.replace('_', '-')}",
            title=" ".join(words).capitalize(),
            class_prefix="".join(w.capitalize() for w in words),
        )


def check_name(name: str) -> None:
    """A plugin's name: a lower-case Python identifier (it names a package, tables and URLs)."""
    if not NAME.match(name) or keyword.iskeyword(name) or name.endswith("_"):
        raise ScaffoldError(
            _(
                "'{name}' cannot name a plugin: use lower-case letters, digits and underscores, "
                "starting with a letter (a Python identifier of at most 40 characters)."
            ).format(name=name)
        )


def render_path(relative: Path, names: Names) -> Path:
    parts = [p.replace("_package_", names.package).replace("_name_", names.name) for p in relative.parts]
    parts[-1] = parts[-1].removesuffix(SUFFIX)
    return Path(*parts)


def new_plugin(name: str, dest: Path) -> list[Path]:
    """Write plugin ``name`` into the folder ``dest`` (created; refused if it holds anything)."""
    names = Names.of(name)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(
            _("{folder} already exists and is not empty: choose another folder.").format(folder=dest)
        )
    values = {
        "name": names.name,
        "package": names.package,
        "dist": names.dist,
        "title": names.title,
        "Name": names.class_prefix,
        "revision": secrets.token_hex(6),  # a revision id of its own, like Alembic's
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "parvis_version": __version__,
    }
    written = []
    for source in sorted(TEMPLATE.rglob(f"*{SUFFIX}")):
        target = dest / render_path(source.relative_to(TEMPLATE), names)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(Template(source.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
        written.append(target)
    return written
