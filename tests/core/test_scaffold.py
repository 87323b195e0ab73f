"""`parvis plugin new`: the plugin it writes installs, migrates, lints and passes its own tests.

The generated package is "installed" the way pip would (a dist-info with its entry point, on the
path of subprocesses), so nothing is added to the test environment itself.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from parvis.cli import cli
from parvis.scaffold import ScaffoldError, check_name, new_plugin

BIN = Path(sys.executable).parent


def install(root: Path, name: str) -> dict[str, str]:
    """What `pip install -e` leaves: a dist-info naming the entry point; returns the environment
    of a subprocess that sees it (and no xdist worker name or site configuration of ours)."""
    dist = root / f"parvis_{name}-0.1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: parvis-{name}\nVersion: 0.1.0\n")
    (dist / "entry_points.txt").write_text(f"[parvis]\n{name} = parvis_{name}.plugin\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PARVIS_"))}
    env |= {"PYTHONPATH": str(root), "PARVIS_LANG": "en", "PARVIS_SECRET_KEY": "test-secret"}
    if base := os.environ.get("PARVIS_TEST_DATABASE_URL"):
        # A database server of its own name: the plugin's test run drops and creates its databases.
        url = make_url(base)
        env["PARVIS_TEST_DATABASE_URL"] = url.set(database=f"{url.database}_plugin").render_as_string(False)
    return env


def run(args: list[str], env: dict[str, str], cwd: Path, timeout: int = 240) -> str:
    done = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout


@pytest.mark.parametrize("name", ["", "Citylab", "city-lab", "9lab", "class", "lab_", "é", "x" * 41])
def test_a_plugin_name_is_a_lower_case_identifier(name):
    with pytest.raises(ScaffoldError, match="cannot name a plugin"):
        check_name(name)


def test_the_command_refuses_a_bad_name_in_the_operators_language(tmp_path, monkeypatch):
    monkeypatch.setenv("PARVIS_LANG", "fr")
    result = CliRunner().invoke(cli, ["plugin", "new", "City-lab", "--dest", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "ne peut pas nommer un plugin" in result.output
    assert not (tmp_path / "x").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.setenv("PARVIS_LANG", "en")
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "mine.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["plugin", "new", "lab", "--dest", str(tmp_path / "lab")])
    assert result.exit_code == 2
    assert "already exists and is not empty" in result.output
    assert sorted(p.name for p in (tmp_path / "lab").iterdir()) == ["mine.txt"]
    # An empty folder (mktemp -d) is fine.
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["plugin", "new", "lab", "--dest", str(tmp_path / "empty")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "empty" / "parvis_lab" / "plugin.py").is_file()


def test_the_plugin_imports_only_the_public_api(tmp_path):
    root = tmp_path / "citylab"
    written = new_plugin("citylab", root)
    assert {p.relative_to(root).as_posix() for p in written} >= {
        "pyproject.toml",
        "parvis_citylab/plugin.py",
        "parvis_citylab/models.py",
        "parvis_citylab/locale/fr/LC_MESSAGES/citylab.po",
        "parvis_citylab/locale/ja/LC_MESSAGES/citylab.po",
        "tests/conftest.py",
    }
    assert (
        '[project.entry-points.parvis]\ncitylab = "parvis_citylab.plugin"'
        in (root / "pyproject.toml").read_text()
    )
    for source in root.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        allowed = ("parvis.api", "parvis.testing") if "tests" in source.parts else ("parvis.api",)
        for module in modules:
            if module == "parvis" or module.startswith("parvis."):
                assert module.startswith(allowed), f"{source.relative_to(root)} imports {module}"


def test_the_generated_plugin_migrates_lints_and_passes_its_tests(tmp_path, empty_database):
    root = tmp_path / "citylab"
    new_plugin("citylab", root)
    env = install(root, "citylab")
    config = root / "tests" / "site.toml"
    # Its migration applies with core's (the real command line, as an operator runs it) and
    # gives exactly its model's table.
    run(
        [str(BIN / "parvis"), "--config", str(config), "db", "upgrade"],
        env | {"PARVIS_DATABASE_URL": empty_database},
        tmp_path,
    )
    check = """
import sys
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from parvis.config import load_config
from parvis.db import Base
from parvis.site import Site


def ours(obj, name, type_, reflected, compare_to):
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
    return str(table).startswith("citylab_")


site = Site.create(load_config(sys.argv[1]))
with site.engine.connect() as connection:
    options = {"include_object": ours, "compare_type": True}
    print(compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata))
    print(sorted(Base.metadata.tables["citylab_workshop"].columns.keys()))
"""
    output = run(
        [sys.executable, "-c", check, str(config)], env | {"PARVIS_DATABASE_URL": empty_database}, tmp_path
    )
    assert output.splitlines() == ["[]", "['description', 'district', 'id', 'seats', 'title']"]
    # Lint-clean with its own settings.
    run([str(BIN / "ruff"), "check", "."], env, root)
    run([str(BIN / "ruff"), "format", "--check", "."], env, root)
    # Its own tests pass as generated, on this run's engine.
    output = run(
        [sys.executable, "-m", "pytest", str(root / "tests"), "-q", "-p", "no:cacheprovider"], env, tmp_path
    )
    assert " passed" in output and "failed" not in output
