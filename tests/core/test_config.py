"""Site configuration: the Paris profile, and precise errors for bad files (nothing starts)."""

import pytest
from click.testing import CliRunner

from parvis.cli import cli
from parvis.config import BUNDLED_PROFILE, ConfigError, load_config


def test_paris_profile_has_the_arrondissements_and_qpop_neighbourhoods():
    config = load_config()
    assert config.site.city == "Paris"
    assert config.site.locales == ["fr", "en", "ja"]
    centre = config.district("centre")
    assert centre.arrondissements == [1, 2, 3, 4]
    covered = sorted(a for d in config.districts for a in (d.arrondissements or []))
    assert covered == list(range(1, 21))
    assert 2_000_000 < sum(d.population for d in config.districts) < 2_300_000
    assert any(n.qpop for n in config.neighbourhoods)
    assert all(config.district(n.district) for n in config.neighbourhoods)


def write(tmp_path, text):
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path


def paris_with(replace, by):
    text = BUNDLED_PROFILE.read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1)


def test_wrong_type_names_file_key_and_expected_type(tmp_path):
    path = write(tmp_path, paris_with("population = 100200", 'population = "lots"'))
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert str(path) in message
    assert "districts[0].population" in message
    assert "Expected `int`, got `str`" in message


def test_unknown_key_is_refused(tmp_path):
    path = write(tmp_path, paris_with('city = "Paris"', 'city = "Paris"\ncolour = "blue"'))
    with pytest.raises(ConfigError, match=r"site.*colour"):
        load_config(path)


def test_neighbourhood_in_unknown_district(tmp_path):
    path = write(tmp_path, paris_with('district = "centre"', 'district = "25"'))
    with pytest.raises(ConfigError, match=r"neighbourhoods\[0\]\.district.*unknown district '25'"):
        load_config(path)


def test_invalid_toml(tmp_path):
    path = write(tmp_path, "[site\ncity = 'x'")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_config_check_command_exits_non_zero_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("PARVIS_LANG", "en")
    bad = write(tmp_path, paris_with("population = 100200", "population = -"))
    result = CliRunner().invoke(cli, ["config", "check", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output
    good = CliRunner().invoke(cli, ["config", "check", str(BUNDLED_PROFILE)])
    assert good.exit_code == 0, good.output
    assert "valid" in good.output


def test_cli_messages_follow_the_site_language(tmp_path, monkeypatch):
    monkeypatch.delenv("PARVIS_LANG", raising=False)
    bad = write(tmp_path, paris_with('district = "centre"', 'district = "25"'))
    result = CliRunner().invoke(cli, ["config", "check", str(bad)])
    assert result.exit_code == 2
    assert "code de district inconnu" in result.output


def test_environment_overrides_the_database_url(monkeypatch):
    monkeypatch.setenv("PARVIS_DATABASE_URL", "postgresql://example/parvis")
    assert load_config().server.database_url == "postgresql://example/parvis"


@pytest.mark.parametrize(
    ("replace", "by", "match"),
    [
        (
            '"apply", "volunteer"]',
            '"apply", "volunter"]',
            r"accounts\.verified_address_for\[2\].*unknown action 'volunter'",
        ),
        (
            "argon2_memory_kib = 19456",
            "argon2_memory_kib = 4",
            r"accounts\.argon2_memory_kib.*8 KiB per lane",
        ),
        ("reset_link_minutes = 60", "reset_link_minutes = 0", r"accounts\.reset_link_minutes.*1 or more"),
    ],
)
def test_account_settings_are_checked(tmp_path, replace, by, match):
    with pytest.raises(ConfigError, match=match):
        load_config(write(tmp_path, paris_with(replace, by)))


def test_paris_hashes_passwords_as_owasp_recommends():
    accounts = load_config().accounts
    assert (accounts.argon2_time_cost, accounts.argon2_memory_kib, accounts.argon2_parallelism) == (
        2,
        19456,
        1,
    )
