"""How the ``parvis`` command line is put together: core's commands on the group itself, plugins'
through ``register_commands`` from the configuration on the command line, the site built only for
commands that need it, and help that touches nothing."""

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from parvis.cli import cli
from parvis.cli.group import ParvisGroup
from parvis.config import BUNDLED_PROFILE

PARIS = BUNDLED_PROFILE.read_text(encoding="utf-8")
CORE = {"config", "db", "demo", "draw", "i18n", "mail", "plugin", "plugins", "privacy", "serve", "users"}


@pytest.fixture
def empty_folder(tmp_path, monkeypatch):
    """An official's empty folder, no configuration named anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PARVIS_CONFIG", raising=False)
    monkeypatch.delenv("PARVIS_DATABASE_URL", raising=False)
    monkeypatch.setenv("PARVIS_LANG", "en")
    return tmp_path


@pytest.fixture
def no_site(monkeypatch):
    """Fails any command that builds a site."""

    def refuse(*args, **kwargs):
        raise AssertionError("a site was built")

    monkeypatch.setattr("parvis.site.Site.__init__", refuse)


def run(arguments):
    return CliRunner().invoke(cli, arguments, prog_name="parvis")


def written(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def commands_listed(output: str) -> set[str]:
    listing = output.split("Commands:", 1)[1]
    return {line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.split()}


def only_budget(folder):
    config = folder / "budget-only.toml"
    config.write_text(
        re.sub(r"(?m)^enabled = \[.*\]$", 'enabled = ["budget"]', PARIS, count=1), encoding="utf-8"
    )
    return config


def test_core_commands_are_on_the_group_itself():
    assert isinstance(cli, ParvisGroup)
    assert CORE | {"worker"} <= set(cli.commands)
    # Not through core's own plugin hook any more: only plugins implement register_commands.
    from parvis import defaults

    assert not hasattr(defaults, "register_commands")


@pytest.mark.parametrize("arguments", [["--help"], ["draw", "--help"], ["draw", "lot", "--help"]])
def test_help_in_an_empty_folder_writes_nothing_and_builds_no_site(empty_folder, no_site, arguments):
    result = run(arguments)
    assert result.exit_code == 0, result.output
    assert "Usage: parvis" in result.output
    assert written(empty_folder) == []


def test_help_lists_core_and_the_enabled_plugins_commands(empty_folder, no_site):
    result = run(["--help"])
    assert commands_listed(result.output) >= CORE | {"assembly", "budget", "volunteers"}
    result = run(["--config", str(only_budget(empty_folder)), "--help"])
    listed = commands_listed(result.output)
    assert "budget" in listed
    assert not {"assembly", "volunteers"} & listed


@pytest.mark.hooks("register_commands")
def test_plugin_commands_come_from_the_configuration_parsed_not_from_argv(empty_folder, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["parvis", "--config", "/nowhere/else.toml"])
    config = only_budget(empty_folder)
    result = run(["--config", str(config), "budget", "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: parvis budget" in result.output
    result = run(["--config", str(config), "volunteers", "--help"])
    assert result.exit_code == 2
    assert "No such command 'volunteers'" in result.output
    # The same process, another configuration: its own plugins' commands.
    result = run(["volunteers", "--help"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def broken(empty_folder):
    config = empty_folder / "broken.toml"
    config.write_text(PARIS.replace('timezone = "Europe/Paris"', "timezone = 3"), encoding="utf-8")
    return str(config)


@pytest.mark.parametrize(
    "arguments",
    [["draw"], ["draw", "lot", "pool.csv", "--seats", "1", "-p", "x", "--record", "r.json"], ["budget"]],
)
def test_a_bad_configuration_is_reported_by_core_and_plugin_commands(broken, arguments):
    (Path(broken).parent / "pool.csv").write_text("id\n1\n2\n", encoding="utf-8")
    result = run(["--config", broken, *arguments])
    assert result.exit_code == 2, result.output
    assert "No such command" not in result.output
    assert "broken.toml" in result.output
    assert "site.timezone" in result.output


def test_a_bad_configuration_still_shows_help(broken):
    for arguments in (["--help"], ["draw", "--help"], ["draw", "lot", "--help"]):
        result = run(["--config", broken, *arguments])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output
    assert "draw" in commands_listed(run(["--config", broken, "--help"]).output)


def test_a_draw_needs_no_site(empty_folder, no_site):
    (empty_folder / "pool.csv").write_text("id\n1\n2\n3\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["draw", "lot", "pool.csv", "--seats", "1", "-p", "public", "--record", "r.json"]
    )
    assert result.exit_code == 0, result.output
    assert (empty_folder / "r.json").exists()
    assert not (empty_folder / "var").exists()


def test_the_site_is_built_once_for_a_command_that_needs_it(empty_folder, monkeypatch):
    from parvis.site import Site

    built = []
    original = Site.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Site, "__init__", counting)
    result = run(["--config", str(only_budget(empty_folder)), "plugins"])
    assert result.exit_code == 0, result.output
    assert len(built) == 1
    assert built[0].config.plugins.enabled == ["budget"]
