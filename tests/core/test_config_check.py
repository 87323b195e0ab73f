"""`parvis config check` (and every start-up) refuses what a city could get wrong, in the
operator's language, naming the file, the line and the key."""

import pytest
from click.testing import CliRunner

from parvis.cli import cli
from parvis.config import BUNDLED_PROFILE

PARIS = BUNDLED_PROFILE.read_text(encoding="utf-8")


def edited(*changes: tuple[str, str], append: str = "") -> str:
    text = PARIS
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + append


# (name, configuration text, key named, the line's text, what English says, what French says)
CASES = [
    (
        "locale without catalogs",
        edited(('locales = ["fr", "en", "ja"]', 'locales = ["fr", "en", "ja", "de"]')),
        "site.locales[3]",
        "locales = ",
        "no translations into 'de' for parvis, assembly, budget",
        "aucune traduction en «\u202fde\u202f» pour parvis, assembly, budget",
    ),
    (
        "unknown language code",
        edited(('locales = ["fr", "en", "ja"]', 'locales = ["fr", "en", "xx-nowhere"]')),
        "site.locales[2]",
        "locales = ",
        "not a known language code",
        "n’est pas un code de langue connu",
    ),
    (
        "unknown eligibility rule key",
        edited(("min_age = 16\nresidents_only = true", "min_aeg = 16\nresidents_only = true")),
        "eligibility.resident_16.min_aeg",
        "min_aeg = 16",
        "unknown key",
        "clé inconnue",
    ),
    (
        "unknown district in an eligibility rule",
        edited(("residents_only = true\n", 'residents_only = true\ndistricts = ["11", "99"]\n')),
        "eligibility.resident_16.districts[1]",
        "districts = ",
        "unknown district '99'",
        "code de district inconnu «\u202f99\u202f»",
    ),
    (
        "undefined eligibility rule named by a plugin setting",
        PARIS + '\n[settings.budget]\nvote_rule = "voters"\n',
        "settings.budget.vote_rule",
        'vote_rule = "voters"',
        "no [eligibility.voters] table defines this rule",
        "aucune table [eligibility.voters] ne définit cette règle",
    ),
    (
        "unknown plugin setting",
        PARIS + "\n[settings.budget]\ncolour = 1\n",
        "settings.budget.colour",
        "colour = 1",
        "unknown key",
        "clé inconnue",
    ),
    (
        "unknown plugin setting in a nested table",
        PARIS + '\n[settings.budget]\n\n[[settings.budget.themes]]\ncode = "a"\nlabel = "A"\ncolor = "g"\n',
        "settings.budget.themes[0].color",
        'color = "g"',
        "unknown key",
        "clé inconnue",
    ),
    (
        "unknown budget counting rule",
        PARIS + '\n[settings.budget]\nrule = "borda"\n',
        "settings.budget.rule",
        'rule = "borda"',
        "No participatory-budget rule is called 'borda'",
        "Aucune règle de budget participatif ne s’appelle «\u202fborda\u202f»",
    ),
    (
        "a counting rule that cannot apply the Qpop mode",
        PARIS + '\n[settings.budget]\nrule = "equal_shares"\n',
        "settings.budget.qpop_mode",
        "[settings.budget]",
        "the rule 'equal_shares' does not share money by Qpop",
        "la règle «\u202fequal_shares\u202f» ne répartit pas l’argent selon les Qpop",
    ),
    (
        "time zone that does not exist",
        edited(('timezone = "Europe/Paris"', 'timezone = "Europe/Lutece"')),
        "site.timezone",
        'timezone = "Europe/Lutece"',
        "'Europe/Lutece' is not a time zone",
        "«\u202fEurope/Lutece\u202f» n’est pas un fuseau horaire",
    ),
    (
        "currency that is not ISO 4217",
        edited(('currency = "EUR"', 'currency = "EURO"')),
        "site.currency",
        'currency = "EURO"',
        "'EURO' is not an ISO 4217 currency code",
        "«\u202fEURO\u202f» n’est pas un code de devise ISO 4217",
    ),
    (
        "settings of a blocked plugin",
        edited(("blocked = []", 'blocked = ["volunteers"]'), append="\n[settings.volunteers]\nslots = 3\n"),
        "settings.volunteers",
        "[settings.volunteers]",
        "the plugin 'volunteers' is blocked",
        "l’extension «\u202fvolunteers\u202f» est bloquée",
    ),
    (
        "plugin enabled but not installed",
        edited(('"budget", "volunteers"]', '"budget", "volunteers", "lyon_budget"]')),
        "plugins.enabled[7]",
        "enabled = ",
        "the plugin 'lyon_budget' is not installed",
        "l’extension «\u202flyon_budget\u202f» n’est pas installée",
    ),
    (
        "wrong type",
        edited(("population = 100200", 'population = "lots"')),
        "districts[0].population",
        'population = "lots"',
        "Expected `int`, got `str`",
        "attendu `int`, reçu `str`",
    ),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("text", "key", "line_text", "english", "french"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_config_check_refuses_with_file_line_and_key(
    tmp_path, monkeypatch, lang, text, key, line_text, english, french
):
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if content.startswith(line_text))
    if line_text == "locales = " or line_text == "enabled = ":
        line = next(n for n, c in enumerate(text.splitlines(), start=1) if c.startswith(line_text))
    monkeypatch.setenv("PARVIS_LANG", lang)
    result = CliRunner().invoke(cli, ["config", "check", str(path)])
    assert result.exit_code == 2, result.output
    output = result.output
    assert str(path) in output
    assert key in output
    assert (f"line {line}:" if lang == "en" else f"ligne {line}\u202f:") in output, output
    assert (english if lang == "en" else french) in output, output


def test_the_bundled_profiles_pass_the_check_which_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("PARVIS_LANG", "en")
    monkeypatch.chdir(tmp_path)  # where the profiles' SQLite file would go
    for profile in sorted(BUNDLED_PROFILE.parent.glob("*.toml")):
        result = CliRunner().invoke(cli, ["config", "check", str(profile)])
        assert result.exit_code == 0, result.output
    assert not list(tmp_path.iterdir())  # a check creates no folder, no database


def test_a_default_rule_name_without_a_table_is_the_plugins_fallback(make_site):
    """The budget's default rule names need no table: the plugin falls back to its own rule."""
    site = make_site(["budget"])
    assert "budget_vote" not in site.eligibility_rules
    from parvis.plugins.budget.services.participants import vote_rule

    assert vote_rule(site).min_age == site.settings("budget").min_age


def test_every_settings_struct_refuses_unknown_keys_at_every_depth(site):
    """Each plugin's settings, and every struct nested in them, forbid unknown fields."""
    import msgspec.inspect

    def structs(info, seen):
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls in seen:
                return
            seen.add(info.cls)
            yield info
            for field in info.fields:
                yield from structs(field.type, seen)
        for name in ("item_type", "value_type", "types"):
            inner = getattr(info, name, None)
            for item in inner if isinstance(inner, tuple) else (inner,) if inner is not None else ():
                yield from structs(item, seen)

    schemas = {}
    for declared in site.hook.register_settings():
        schemas.update(declared)
    lax = [
        f"{section}: {info.cls.__name__}"
        for section, schema in schemas.items()
        for info in structs(msgspec.inspect.type_info(schema), set())
        if not info.forbid_unknown_fields
    ]
    assert not lax


@pytest.mark.hooks("check_settings")
def test_a_plugin_refuses_its_settings_when_the_site_is_built(make_site, tmp_path):
    """``check_settings`` runs once every plugin is registered; its refusal names the line."""
    import types

    import msgspec

    from parvis import hookimpl
    from parvis.api import ConfigError, config_error

    class LabSettings(msgspec.Struct, forbid_unknown_fields=True):
        district: str = ""

    def check_settings(site):
        code = site.settings("lab").district
        if code and site.config.district(code) is None:
            raise config_error(site.config.path, "settings.lab.district", f"no district {code}")

    lab = types.SimpleNamespace(
        register_settings=hookimpl(lambda: {"lab": LabSettings}), check_settings=hookimpl(check_settings)
    )
    path = tmp_path / "city.toml"
    path.write_text(PARIS + '\n[settings.lab]\ndistrict = "99"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        make_site([], extra=(("lab", lab),), config_path=str(path))
    assert refused.value.key == "settings.lab.district"
    assert refused.value.line == len(PARIS.splitlines()) + 3
    assert "no district 99" in str(refused.value)
