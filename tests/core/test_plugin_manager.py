"""Loading plugins: enabled list, blocked plugins, typos reported, the `parvis plugins` listing."""

import re
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from parvis import hookimpl
from parvis.cli import cli
from parvis.config import ConfigError, load_config
from parvis.pluginmanager import build_plugin_manager, unspecified_hooks


def test_only_enabled_plugins_are_loaded():
    config = load_config()
    config.plugins.enabled = ["budget"]
    pm = build_plugin_manager(config)
    assert pm.get_plugin("budget") is not None
    assert pm.get_plugin("volunteers") is None


def test_blocked_plugin_is_not_loaded_even_if_enabled():
    config = load_config()
    config.plugins.enabled = ["budget", "volunteers"]
    config.plugins.blocked = ["volunteers"]
    pm = build_plugin_manager(config)
    assert pm.get_plugin("volunteers") is None
    assert pm.is_blocked("volunteers")


def test_enabling_a_plugin_that_is_not_installed_is_a_config_error():
    config = load_config()
    config.plugins.enabled = ["budget", "lyon-budget"]
    with pytest.raises(ConfigError, match=r"plugins\.enabled.*lyon-budget"):
        build_plugin_manager(config)


def test_a_misspelt_hook_is_reported():
    config = load_config()
    config.plugins.enabled = []

    def register_rotues() -> list:
        return []

    typo = types.SimpleNamespace(register_rotues=hookimpl(register_rotues))
    pm = build_plugin_manager(config, extra=[("typo", typo)])
    assert ("typo", "register_rotues") in unspecified_hooks(pm)


@pytest.mark.hooks("register_commands")
def test_parvis_plugins_lists_versions_states_and_hooks(monkeypatch, tmp_path):
    config = tmp_path / "city.toml"
    paris = Path(load_config().path).read_text(encoding="utf-8")
    config.write_text(
        re.sub(
            r"^enabled = \[.*?\]$",
            'enabled = ["budget"]\nblocked = ["volunteers"]',
            paris,
            count=1,
            flags=re.MULTILINE,
        ).replace("blocked = []\n", ""),
        encoding="utf-8",
    )
    monkeypatch.setenv("PARVIS_LANG", "en")
    result = CliRunner().invoke(cli, ["--config", str(config), "plugins"])
    assert result.exit_code == 0, result.output
    lines = {
        line.split()[0]: line for line in result.output.splitlines() if line and not line.startswith(" ")
    }
    assert "enabled" in lines["budget"]
    assert "blocked" in lines["volunteers"]
    assert "disabled" in lines["assembly"]
    assert "0.1.0" in lines["budget"] or lines["budget"].split()[1]
