"""A plugin installed from its own folder (not under plugins/, not named parvis.plugins.*): its
text domain, catalogs and migrations come from its registration (issue 13.5); the hook API's
version and deprecations (13.4)."""

import importlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from parvis import api
from parvis.cli import cli
from parvis.i18n import use_locale

ROOT = Path(__file__).resolve().parents[2]

PLUGIN = """
from pathlib import Path

from parvis.api import TranslationDomain, _, hookimpl, ngettext

HERE = Path(__file__).parent


def greeting() -> str:
    return _("Hello from the greenhouse")


def seedlings(count: int) -> str:
    return ngettext("{count} seedling", "{count} seedlings", count).format(count=count)


@hookimpl
def register_translations():
    return TranslationDomain("greenhouse", HERE / "locale")


@hookimpl
def register_migrations():
    from greenhouse_pkg import models  # noqa: F401 - the tables its revisions describe

    return HERE / "migrations"
"""

MODELS = """
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from parvis.api import Base


class Seedling(Base):
    __tablename__ = "greenhouse_seedling"

    id: Mapped[int] = mapped_column(primary_key=True)
    planted_at: Mapped[datetime]
"""

FRENCH = {
    "Hello from the greenhouse": "Bonjour de la serre",
    "{count} seedling|{count} seedlings": ["{count} semis", "{count} de semis", "{count} semis"],
}
JAPANESE = {
    "Hello from the greenhouse": "温室からこんにちは",
    "{count} seedling|{count} seedlings": ["{count} 本の苗"],
}


@pytest.fixture(scope="module")
def greenhouse(tmp_path_factory):
    """A distribution installed in a folder of its own: package ``greenhouse_pkg``, entry point
    (and text domain, and migration branch) ``greenhouse``."""
    root = tmp_path_factory.mktemp("elsewhere")
    package = root / "greenhouse_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(textwrap.dedent(PLUGIN))
    (package / "models.py").write_text(textwrap.dedent(MODELS))
    dist = root / "greenhouse-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: greenhouse\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[parvis]\ngreenhouse = greenhouse_pkg.plugin\n")
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    yield root
    sys.path.remove(str(root))
    for name in [m for m in sys.modules if m.startswith("greenhouse_pkg")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def i18n(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["i18n", *args], env={"PARVIS_LANG": "en"})
    return result.exit_code, result.output


def test_catalogs_and_gettext_of_a_plugin_installed_elsewhere(greenhouse, make_site, tmp_path):
    catalogs = greenhouse / "greenhouse_pkg" / "locale"
    code, output = i18n("update", "--domain", "greenhouse")
    assert code == 0, output
    assert (catalogs / "fr" / "LC_MESSAGES" / "greenhouse.po").is_file()
    assert "Hello from the greenhouse" in (catalogs / "ja" / "LC_MESSAGES" / "greenhouse.po").read_text()
    code, output = i18n("check", "--domain", "greenhouse")
    assert code == 1
    assert "untranslated: 'Hello from the greenhouse'" in output
    for locale, words in (("fr", FRENCH), ("ja", JAPANESE)):
        (tmp_path / f"{locale}.json").write_text(json.dumps({"greenhouse": words}, ensure_ascii=False))
        assert i18n("fill", locale, str(tmp_path / f"{locale}.json"))[1] == "greenhouse: 2\n"
    assert i18n("check", "--domain", "greenhouse") == (0, "ok\n")
    assert not (ROOT / "locale" / "fr" / "LC_MESSAGES" / "greenhouse.po").exists()

    # _() in the plugin's code finds its catalog, though its module is not parvis.plugins.*.
    plugin = importlib.import_module("greenhouse_pkg.plugin")
    site = make_site(["budget", "greenhouse"])  # installed: an entry point in its own folder
    with site.activate(), use_locale("fr"):
        assert plugin.greeting() == "Bonjour de la serre"
        assert [plugin.seedlings(n) for n in (1, 2, 1_000_000)] == ["1 semis", "2 semis", "1000000 de semis"]
    with site.activate(), use_locale("ja"):
        assert plugin.greeting() == "温室からこんにちは"

    # Plural forms follow each language's rules (Babel: French has three, Japanese one): the
    # classic two-form French header is refused, and so is a missing form.
    french = catalogs / "fr" / "LC_MESSAGES" / "greenhouse.po"
    text = french.read_text(encoding="utf-8")
    header = re.search(r'"Plural-Forms: .*\n"', text).group(0)
    french.write_text(
        text.replace(header, '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"'), encoding="utf-8"
    )
    code, output = i18n("check", "--domain", "greenhouse")
    assert code == 1
    assert "greenhouse.po: the header says 2 plural forms, fr has 3" in output
    french.write_text(text.replace('msgstr[1] "{count} de semis"', 'msgstr[1] ""'), encoding="utf-8")
    code, output = i18n("check", "--domain", "greenhouse")
    assert "greenhouse.po: untranslated: ('{count} seedling', '{count} seedlings')" in output

    assert i18n("check", "--domain", "nosuchplugin")[0] == 1


def test_db_revision_writes_into_the_plugins_own_folder(greenhouse, tmp_path):
    profile = (ROOT / "core" / "profiles" / "example.toml").read_text(encoding="utf-8")
    profile = re.sub(r"(?m)^enabled = \[.*\]$", 'enabled = ["greenhouse"]', profile)
    profile = re.sub(
        r"(?m)^database_url = .*$", f'database_url = "sqlite:///{tmp_path}/site.sqlite3"', profile
    )
    (tmp_path / "site.toml").write_text(profile, encoding="utf-8")
    for locale in ("fr", "en", "ja"):  # a site refuses a plugin without catalogs for its languages
        folder = greenhouse / "greenhouse_pkg" / "locale" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "greenhouse.po").touch()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(greenhouse), os.environ.get("PYTHONPATH", "")]),
        "PARVIS_LANG": "en",
        "PARVIS_SECRET_KEY": "test-secret-key-not-for-production",
    }
    env.pop("PARVIS_CONFIG", None)

    def parvis(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "from parvis.cli import main; main()", "--config", "site.toml", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    parvis("db", "revision", "greenhouse", "-m", "seedlings")
    written = list((greenhouse / "greenhouse_pkg" / "migrations").glob("*_seedlings.py"))
    assert len(written) == 1
    revision = written[0].read_text()
    assert re.search(r"branch_labels: .* = \('greenhouse',\)", revision)  # its own branch, after core's
    assert re.search(r"depends_on: .* = '[0-9a-f]+'", revision)
    assert "greenhouse_seedling" in revision
    assert "parvis.api.UTCDateTime(timezone=True)" in revision  # a plugin imports only parvis.api
    assert "parvis.db" not in revision
    assert not list((ROOT / "core" / "migrations" / "versions").glob("*_seedlings.py"))
    parvis("db", "upgrade")
    with sqlite3.connect(tmp_path / "site.sqlite3") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "greenhouse_seedling" in tables


class OldStylePlugin:
    """Implements register_routes the hook API 1.0 way (no site)."""

    @api.hookimpl
    def register_routes(self):
        from litestar import get

        @get("/old-style", guards=[api.public], name="old-style", sync_to_thread=False)
        def old_style() -> str:
            return "still served"

        return [old_style]


@pytest.mark.hooks("register_routes", "register_template_dirs")
def test_a_deprecated_hook_form_still_works_with_a_warning(make_site):
    assert api.HOOK_API_VERSION == "1.1"
    assert "register_routes" in api.STABLE_HOOKS
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    with pytest.warns(DeprecationWarning, match=r"old-style: register_routes\(\) without site is deprecated"):
        site = make_site(["budget"], extra=[("old-style", OldStylePlugin())])
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        assert client.get("/en/old-style").text == "still served"


def test_template_folders_follow_the_order_of_enabled_plugins(make_site):
    def plugin_folders(site):
        return [d.parent.name for d in site.template_dirs if d.parent.name in {"budget", "volunteers"}]

    assert plugin_folders(make_site(["volunteers", "budget"])) == ["volunteers", "budget"]
    assert plugin_folders(make_site(["budget", "volunteers"])) == ["budget", "volunteers"]
    assert make_site(["budget"]).template_dirs[-1].parts[-2:] == ("core", "templates")  # core's last
