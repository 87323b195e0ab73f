"""The TOML key locator behind configuration errors' line numbers."""

import tomllib

import pytest

from parvis.config import BUNDLED_PROFILE
from parvis.tomlkeys import KeyLocator, parse_dotted

TEXT = '''# a comment = not a key
title = "x"   # trailing comment

[site]
city = "Paris"
city_names = { ja = "パリ", en = "Paris" }
"quoted key" = 1
dotted.key.here = true
words.fr.council = { name = "Conseil de Paris", gender = "m" }

[ settings . budget ]
themes = [
  { code = "a", label = "A" },
  { code = "b", label = "B" },
]
text = """
not_a_key = 1
[not.a.table]
"""
rule = 'approval_greedy'

[[districts]]
code = "1"

[[districts]]
code = "2"
population = 3

[districts.extra]
note = "belongs to the second district"

[[districts]]
code = "3"

[[a.b]]
x = 1

[[a.b]]
x = 2

[a."key with . dot"]
y = 1
'''


@pytest.fixture
def locator():
    tomllib.loads(TEXT)  # the sample itself is valid TOML
    return KeyLocator(TEXT)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("title",), 2),
        (("site",), 4),
        (("site", "city"), 5),
        (("site", "city_names", "ja"), 6),  # inside an inline table: the table's key
        (("site", "quoted key"), 7),
        (("site", "dotted", "key", "here"), 8),
        (("site", "dotted"), 8),
        (("site", "words", "fr", "council", "gender"), 9),
        (("settings", "budget"), 11),
        (("settings", "budget", "themes", 1, "code"), 12),  # a multi-line array: its key
        (("settings", "budget", "text"), 16),
        (("settings", "budget", "rule"), 20),
        (("districts",), 22),
        (("districts", 0, "code"), 23),
        (("districts", 1), 25),
        (("districts", 1, "population"), 27),
        (("districts", 1, "extra", "note"), 30),
        (("districts", 2, "code"), 33),
        (("a", "b", 1, "x"), 39),
        (("a", "key with . dot", "y"), 42),
        (("site", "unknown"), 4),  # a key not written: its table's line
    ],
)
def test_lines_of_keys(locator, path, line):
    assert locator.line(path) == line


def test_lines_inside_multiline_values_are_not_keys(locator):
    assert ("not_a_key",) not in locator.lines
    assert ("settings", "budget", "not_a_key") not in locator.lines
    assert ("not",) not in locator.lines


def test_unknown_paths_have_no_line(locator):
    assert locator.line(("nowhere", "at", "all")) is None


def test_dotted_error_keys_are_parsed():
    assert parse_dotted("districts[0].population") == ("districts", 0, "population")
    assert parse_dotted("settings.budget.themes[2]") == ("settings", "budget", "themes", 2)
    assert parse_dotted("site.words[...].council") == ("site", "words")


def test_the_paris_profile_is_located():
    locator = KeyLocator(BUNDLED_PROFILE.read_text(encoding="utf-8"))
    text = BUNDLED_PROFILE.read_text(encoding="utf-8").splitlines()
    assert text[locator.line(("site", "timezone")) - 1].startswith("timezone")
    assert text[locator.line(("districts", 7, "population")) - 1] == "population = 142600"
    assert text[locator.line(("neighbourhoods", 0, "district")) - 1] == 'district = "centre"'
