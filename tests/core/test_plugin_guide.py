"""The plugin guide's example is what `parvis plugin new citylab` writes, installed as a real entry point."""

import importlib
import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from parvis.bodies.models import Body
from parvis.config import ConfigError
from parvis.pluginmanager import describe_plugins
from parvis.scaffold import new_plugin

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
BUILT_INS = ["assembly", "youth_council", "europeans_council", "budget", "volunteers"]


def guide_files() -> dict[str, str]:
    """Code blocks of the guide that start with a `file:` comment, keyed by path."""
    files = {}
    for block in re.findall(r"```[a-z]*\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL):
        first, _, rest = block.partition("\n")
        match = re.match(r"\s*(?:#|<!--)\s*file:\s*(\S+)", first)
        if match:
            files[match.group(1)] = rest
    return files


def test_the_guide_shows_exactly_what_the_scaffold_writes(tmp_path):
    new_plugin("citylab", tmp_path / "citylab")
    files = guide_files()
    assert {"pyproject.toml", "parvis_citylab/plugin.py", "parvis_citylab/web.py"} <= set(files)
    for name, content in files.items():
        assert (tmp_path / "citylab" / name).read_text(encoding="utf-8") == content, (
            f"docs/plugins.md shows an outdated {name}: copy it from `parvis plugin new citylab`"
        )


@pytest.fixture(scope="module")
def installed_citylab(tmp_path_factory):
    """The scaffold's plugin and a dist-info (what `pip install` would) on sys.path."""
    root = tmp_path_factory.mktemp("guide") / "citylab"
    new_plugin("citylab", root)
    entry = re.search(
        r"\[project\.entry-points\.parvis\]\n(.*?)(\n\n|$)", (root / "pyproject.toml").read_text(), re.DOTALL
    ).group(1)
    dist = root / "parvis_citylab-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: parvis-citylab\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text("[parvis]\n" + entry.strip().replace('"', "") + "\n")
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    yield root
    sys.path.remove(str(root))
    importlib.invalidate_caches()


@pytest.mark.hooks(
    "register_settings", "register_body_kinds", "register_template_dirs", "menu_items", "register_routes"
)
def test_guide_plugin_adds_a_body_kind_and_a_page_without_touching_core(installed_citylab, make_site, db):
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    site = make_site([*BUILT_INS, "citylab"], settings={"citylab": {"seats": 24}})
    assert "citylab" in site.body_kinds
    assert site.body_kinds["citylab"].colleges[0].seats == 24
    info = {i.name: i for i in describe_plugins(site.config, site.pm)}
    assert info["citylab"].enabled
    assert info["citylab"].version == "0.1.0"
    assert "register_routes" in info["citylab"].hooks
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        page = client.get("/fr/citylab")
        assert page.status_code == 200
        assert "<h1>Ateliers</h1>" in page.text  # its own French catalog
        assert 'href="/fr/citylab"' in client.get("/fr/").text  # its menu item
    # A body of the new kind is an ordinary body.
    from parvis.bodies.services import create_body

    body = create_body(db, site, kind="citylab", name="Lab du 11e")
    db.commit()
    assert db.scalar(select(Body.kind).where(Body.id == body.id)) == "citylab"


def test_guide_plugin_settings_are_validated(installed_citylab, make_site):
    with pytest.raises(ConfigError, match=r"settings\.citylab\.seats.*Expected `int`, got `str`"):
        make_site([*BUILT_INS, "citylab"], settings={"citylab": {"seats": "many"}})


def test_disabled_plugin_is_listed_but_never_imported(installed_citylab, make_site):
    sys.modules.pop("parvis_citylab.plugin", None)
    site = make_site(BUILT_INS)
    info = {i.name: i for i in describe_plugins(site.config, site.pm)}
    assert info["citylab"].enabled is False
    assert "parvis_citylab.plugin" not in sys.modules
