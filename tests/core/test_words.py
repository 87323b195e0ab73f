"""The site's words and its own translations: city-neutral messages that say "au Conseil de Paris"
in Paris and "au conseil municipal" elsewhere, with each language's grammar."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from parvis.cli import cli
from parvis.config import BUNDLED_PROFILE, ConfigError
from parvis.i18n import _, lazy_word, use_locale, word
from parvis.i18n_tools import LOCALE_DIR
from parvis.words import FORMS, WORDS, Vocabulary, Word, form_of, problems_in

ROOT = Path(__file__).resolve().parents[2]
PARIS = BUNDLED_PROFILE.read_text(encoding="utf-8")
EXAMPLE = BUNDLED_PROFILE.with_name("example.toml")


# -- grammar -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        (Word("Conseil de Paris"), "the", "le Conseil de Paris"),
        (Word("Conseil de Paris"), "of", "du Conseil de Paris"),
        (Word("Conseil de Paris"), "to", "au Conseil de Paris"),
        (Word("Conseil de Paris"), "The", "Le Conseil de Paris"),
        (Word("commune", gender="f"), "the", "la commune"),
        (Word("commune", gender="f"), "of", "de la commune"),
        (Word("commune", gender="f"), "to", "à la commune"),
        (Word("commune", gender="f"), "a", "une commune"),
        (Word("commune", gender="f"), "this", "cette commune"),
        (Word("commune", gender="f"), "all_pl", "toutes les communes"),
        (Word("arrondissement"), "the", "l'arrondissement"),
        (Word("arrondissement"), "of", "de l'arrondissement"),
        (Word("arrondissement"), "to", "à l'arrondissement"),
        (Word("arrondissement"), "in", "dans l'arrondissement"),
        (Word("arrondissement"), "this", "cet arrondissement"),
        (Word("arrondissement"), "of_kind", "d'arrondissement"),
        (Word("arrondissement"), "the_pl", "les arrondissements"),
        (Word("arrondissement"), "of_pl", "des arrondissements"),
        (Word("arrondissement"), "to_pl", "aux arrondissements"),
        (Word("arrondissement"), "All_pl", "Tous les arrondissements"),
        (Word("secteur"), "of_kind", "de secteur"),
        (Word("secteur"), "this", "ce secteur"),
        (Word("hameau"), "pl", "hameaux"),
        (Word("conseil municipal", plural="conseils municipaux"), "the_pl", "les conseils municipaux"),
        (Word("hall", elision=False), "the", "le hall"),  # an aspirated h
        (Word("Maire", gender="f"), "the", "la Maire"),
        (Word("Maire", gender="f"), "The", "La Maire"),
        (Word("Conseil de Paris", forms={"to": "devant le Conseil"}), "to", "devant le Conseil"),
    ],
)
def test_french_articles_contractions_and_elisions(word, form, expected):
    if form.islower():
        assert form_of(word, form, "fr") == expected
    assert Vocabulary("X", words={"fr": {"district": word}}).form("district", form, "fr") == expected


@pytest.mark.parametrize(
    ("city", "form", "expected"),
    [
        ("Paris", "of", "de Paris"),
        ("Paris", "in", "à Paris"),
        ("Avignon", "of", "d'Avignon"),
        ("Le Havre", "of", "du Havre"),
        ("Le Havre", "in", "au Havre"),
        ("Les Ulis", "of", "des Ulis"),
        ("Les Ulis", "to", "aux Ulis"),
        ("La Rochelle", "of", "de La Rochelle"),
        ("La Rochelle", "name", "La Rochelle"),
    ],
)
def test_french_city_names_take_no_article_but_contract_their_own(city, form, expected):
    assert Vocabulary(city).form("city", form, "fr") == expected


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        (Word("City Council"), "the", "the City Council"),
        (Word("City Council"), "The", "The City Council"),
        (Word("borough"), "a", "a borough"),
        (Word("arrondissement"), "a", "an arrondissement"),
        (Word("ward"), "all_pl", "all wards"),
        (Word("city"), "pl", "cities"),
        (Word("parish"), "pl", "parishes"),
        (Word("ward"), "of_kind", "ward"),
        (Word("the whole city", article=False), "of", "of the whole city"),
    ],
)
def test_english_articles_and_plurals(word, form, expected):
    assert Vocabulary("X", words={"en": {"district": word}}).form("district", form, "en") == expected


def test_english_names_take_no_article():
    assert Vocabulary("Paris").form("city", "of", "en") == "of Paris"
    assert Vocabulary("Paris").form("city", "in", "en") == "in Paris"
    assert Vocabulary("Paris").form("city", "the_pl", "en") == "Paris"


def test_languages_without_articles_keep_the_name_in_every_form():
    vocabulary = Vocabulary("Paris", {"ja": "パリ"}, {"ja": {"council": Word("パリ市議会")}})
    assert {vocabulary.form("council", form, "ja") for form in FORMS} == {"パリ市議会"}
    assert vocabulary.form("city", "of", "ja") == "パリ"


def test_neutral_defaults_for_words_a_site_leaves_out():
    vocabulary = Vocabulary("Lyonnelle")
    assert vocabulary.form("council", "to", "fr") == "au conseil municipal"
    assert vocabulary.form("council", "the", "en") == "the City Council"
    assert vocabulary.form("whole_city", "name", "fr") == "toute la ville"
    assert vocabulary.form("district", "a", "en") == "a district"
    assert vocabulary.form("city", "in", "fr") == "à Lyonnelle"
    # No German defaults or article rules: the English word as it is (a German site names its words).
    assert vocabulary.form("council", "the", "de") == "City Council"


def test_fill_replaces_every_word_and_leaves_other_placeholders():
    text = "Soumise {site.council:to} le {date}, {site.nowhere} {site.district:Pl}."
    assert (
        Vocabulary("X").fill(text, "fr") == "Soumise au conseil municipal le {date}, {site.nowhere} Secteurs."
    )
    assert problems_in(text) == ["unknown word 'nowhere'"]
    assert problems_in("{site.council:dative}") == ["unknown form 'dative'"]


# -- messages, on a site -------------------------------------------------------------------------


def test_messages_use_the_active_sites_words(make_site):
    paris = make_site([])
    example = make_site(config_path=str(EXAMPLE))
    message = "Submitted to {site.council:the}"
    for site, language, expected in (
        (paris, "fr", "Soumise au Conseil de Paris"),
        (paris, "en", "Submitted to the Council of Paris"),
        (paris, "ja", "パリ市議会に提出済み"),
        (example, "fr", "Soumise au conseil municipal"),
        (example, "en", "Submitted to the Municipal Council"),
    ):
        with site.activate(), use_locale(language):
            assert _(message) == expected
    with example.activate(), use_locale("en"):
        assert word("district", "Pl") == "Boroughs"
        assert str(lazy_word("neighbourhood", "the")) == "the district"
        with paris.activate():  # a site inside another: the inner one speaks
            assert word("district", "Pl") == "Arrondissements"
        assert _("For {site.whole_city} or for {site.district:a}?", domain="budget") == (
            "For the whole city or for a borough?"
        )


def test_pages_speak_of_the_city_in_its_words(client):
    assert "Participation citoyenne à Paris" in client.get("/fr/").text
    assert "Citizen participation in Paris" in client.get("/en/").text


# -- a site's own translations -------------------------------------------------------------------


def write_po(folder: Path, language: str, domain: str, entries: dict[str, str]) -> None:
    path = folder / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'\nmsgid "{k}"\nmsgstr "{v}"\n' for k, v in entries.items())
    header = f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
    path.write_text(header + body, encoding="utf-8")


def city_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    return path


def with_translations(text: str, folder: str) -> str:
    return re.sub(r'^translations = "paris"$', f'translations = "{folder}"', text, flags=re.MULTILINE)


def test_a_site_overrides_any_message_in_any_language(tmp_path, make_site):
    ours = tmp_path / "ours"
    write_po(
        ours, "fr", "parvis", {"Right to follow-up": "Suivi des décisions", "Sign in": "Se connecter ici"}
    )
    write_po(ours, "en", "parvis", {"Right to follow-up": "What became of it"})
    write_po(ours, "fr", "budget", {"Participatory budget": "Budget des habitants de {site.city}"})
    site = make_site(["budget"], config_path=str(city_file(tmp_path, with_translations(PARIS, "ours"))))
    paris = make_site(["budget"])
    with site.activate():
        with use_locale("fr"):
            assert _("Right to follow-up") == "Suivi des décisions"
            assert _("Participatory budget", domain="budget") == "Budget des habitants de Paris"
            assert _("My account") == "Mon compte"  # not overridden: Parvis's own
        with use_locale("en"):
            assert _("Right to follow-up") == "What became of it"
        with use_locale("ja"):
            assert _("Right to follow-up") != "What became of it"  # no Japanese override: Parvis's
    with paris.activate(), use_locale("fr"):
        assert _("Right to follow-up") != "Suivi des décisions"  # other sites keep their own text
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        page = client.get("/fr/")
        assert "Suivi des décisions" in page.text  # the menu entry
        assert "Budget des habitants de Paris" in client.get("/fr/budget").text


def test_the_paris_profile_names_its_youth_council_through_its_own_translations(make_site):
    site = make_site(["youth_council"])
    for language, name in (("fr", "Conseil parisien de la jeunesse"), ("en", "Paris Youth Council")):
        with site.activate(), use_locale(language):
            assert _("Youth Council", domain="youth_council") == name
    example_like = make_site(["youth_council"], config_path=str(EXAMPLE))
    with example_like.activate(), use_locale("fr"):
        assert _("Youth Council", domain="youth_council") == "Conseil de la jeunesse"


# -- refusals ------------------------------------------------------------------------------------

REFUSALS = [
    (
        "an unknown word",
        PARIS.replace('whole_city = "tout {city}"', 'whole_city = "tout {city}"\ncouncillor = "élu"'),
        "site.words.fr.councillor",
        "councillor = ",
        "unknown word",
        "mot inconnu",
    ),
    (
        "an unknown form",
        PARIS.replace('council = "Conseil de {city}"', 'council = { name = "C", forms = { dative = "x" } }'),
        "site.words.fr.council",
        "council = { name",
        "unknown form 'dative'",
        "forme inconnue «\u202fdative\u202f»",
    ),
    (
        "words for an unknown language",
        PARIS + '\n[site.words.zz]\ncouncil = "Stadtrat"\n',
        "site.words.zz",
        "[site.words.zz]",
        "'zz' is not a known language code",
        "«\u202fzz\u202f» n’est pas un code de langue connu",
    ),
    (
        "braces in a word",
        PARIS.replace('district = "arrondissement"', 'district = "arr{ondissement"', 1),
        "site.words.fr.district",
        'district = "arr{',
        "a word cannot contain braces",
        "un mot ne peut pas contenir d’accolades",
    ),
    (
        "a translations folder that does not exist",
        with_translations(PARIS, "nowhere"),
        "site.translations",
        'translations = "nowhere"',
        "no such folder",
        "ce dossier n’existe pas",
    ),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("text", "key", "line_text", "english", "french"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_wrong_words_and_translations_are_refused(
    tmp_path, monkeypatch, lang, text, key, line_text, english, french
):
    path = city_file(tmp_path, text)
    line = next(n for n, content in enumerate(text.splitlines(), start=1) if content.startswith(line_text))
    monkeypatch.setenv("PARVIS_LANG", lang)
    result = CliRunner().invoke(cli, ["config", "check", str(path)])
    assert result.exit_code == 2, result.output
    assert key in result.output
    assert (f"line {line}:" if lang == "en" else f"ligne {line}\u202f:") in result.output, result.output
    assert (english if lang == "en" else french) in result.output, result.output


def test_translations_for_a_language_the_site_does_not_offer_are_unused(tmp_path, make_site):
    write_po(tmp_path / "ours", "de", "parvis", {"My account": "Mein Konto"})
    site = make_site([], config_path=str(city_file(tmp_path, with_translations(PARIS, "ours"))))
    assert "de" not in site.text.overrides


def test_a_copy_of_the_paris_profile_keeps_no_paris_word(tmp_path, make_site):
    """Paris's words name the city through {city}: a copy for Lyonnelle says Lyonnelle."""
    text = PARIS.replace('city = "Paris"', 'city = "Lyonnelle"').replace('city_names = { ja = "パリ" }', "")
    site = make_site([], config_path=str(city_file(tmp_path, text)))
    for language, expected in (
        ("fr", "Soumise au Conseil de Lyonnelle"),
        ("ja", "Lyonnelle市議会に提出済み"),
    ):
        with site.activate(), use_locale(language):
            assert _("Submitted to {site.council:the}") == expected


@pytest.mark.parametrize(
    ("language", "domain", "entries", "reason"),
    [
        ("fr", "lyon_budget", {"Vote": "Voter"}, "no plugin has the text domain 'lyon_budget'"),
        ("fr", "parvis", {"Sign in": "Entrez, {name}"}, "has placeholders its message lacks: name"),
        ("fr", "parvis", {"Sign in": "Entrez {site.councillor}"}, "unknown word 'councillor'"),
    ],
)
def test_a_sites_translations_are_checked(tmp_path, make_site, language, domain, entries, reason):
    write_po(tmp_path / "ours", language, domain, entries)
    path = city_file(tmp_path, with_translations(PARIS, "ours"))
    with use_locale("en"), pytest.raises(ConfigError, match=re.escape(reason)) as refused:
        make_site([], config_path=str(path))
    assert refused.value.key == "site.translations"


# -- nothing city-specific outside the profiles ---------------------------------------------------

CITY_SPECIFIC = re.compile(r"paris|パリ", re.IGNORECASE)  # "parisien", "Conseil de Paris", "tout Paris"


def test_no_catalog_names_a_city_or_its_institutions():
    """Parvis's catalogs are city-neutral: the city's words come from its configuration."""
    from babel.messages.pofile import read_po

    found = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                texts = [*(message.id if isinstance(message.id, tuple) else (message.id,))]
                texts += [*(message.string if isinstance(message.string, tuple) else (message.string,))]
                found += [f"{po.relative_to(ROOT)}: {t!r}" for t in texts if t and CITY_SPECIFIC.search(t)]
    assert not found


def test_no_template_names_a_city():
    found = [
        str(path.relative_to(ROOT))
        for folder in (ROOT / "core", ROOT / "plugins")
        for path in folder.rglob("*.html")
        if CITY_SPECIFIC.search(path.read_text(encoding="utf-8"))
    ]
    assert not found


def test_every_word_and_form_is_documented():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in (*WORDS, *FORMS))
