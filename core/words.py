"""The site's words: its city, council, districts... with their grammar in each language.

Messages name them as placeholders that gettext fills from the site being served::

    _("Submitted to {site.council:the}")     # en: "Submitted to the City Council"
    # fr translation: "Soumise {site.council:to}" -> "Soumise au Conseil de Paris"

A placeholder is ``{site.<word>}`` or ``{site.<word>:<form>}``; a form written with a capital
(``{site.council:The}``) capitalises the result's first letter. The words are ``WORDS``; the
forms are ``FORMS``. French derives its articles, contractions and elisions (le/la/l'/les,
du/de la/de l'/des, au/à la/à l'/aux) from a word's gender and first letter; English adds "the"
and "a"/"an"; other languages (Japanese...) have no article forms: every form is the name, and
translators write particles around it ("{site.council}に提出"). Any form can be given outright in
the configuration when the rule does not fit (an aspirated h, an irregular plural).

A site gives its words per language in ``[site.words.<lang>]`` (see docs/configuration.md)::

    [site.words.fr]
    council = { name = "Conseil de Paris", gender = "m" }
    district = "arrondissement"
    whole_city = "tout Paris"

and every word it leaves out has a neutral default ("conseil municipal", "City Council"...).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

import msgspec

#: The words a site names, what they mean, and whether they take an article by default.
WORDS: dict[str, tuple[str, bool]] = {
    "city": ("the city's name (default: [site] city, or city_names for the language)", False),
    "council": ("the elected council that votes on decisions (Conseil de Paris, City Council)", True),
    "district": ("what [[districts]] are (arrondissement, ward, borough, secteur)", True),
    "neighbourhood": ("what [[neighbourhoods]] are (quartier, neighbourhood)", True),
    "whole_city": ("the all-city level, as a phrase (tout Paris, the whole city)", False),
    "mayor": ("the head of the city's executive (la Maire, the Mayor)", True),
}

#: Forms a message may ask for (English examples with "district"; French with "arrondissement").
FORMS: dict[str, str] = {
    "name": "district / arrondissement (as written)",
    "the": "the district / l'arrondissement",
    "a": "a district / un arrondissement",
    "this": "this district / cet arrondissement",
    "of": "of the district / de l'arrondissement",
    "to": "to the district / à l'arrondissement",
    "in": "in the district / dans l'arrondissement (à Paris for a name)",
    "of_kind": "district / d'arrondissement (a noun qualifying another: a district ballot)",
    "pl": "districts / arrondissements",
    "the_pl": "the districts / les arrondissements",
    "of_pl": "of the districts / des arrondissements",
    "to_pl": "to the districts / aux arrondissements",
    "in_pl": "in the districts / dans les arrondissements",
    "all_pl": "all districts / tous les arrondissements",
}

PLACEHOLDER = re.compile(r"\{site\.(?P<word>[a-z_]+)(?::(?P<form>[A-Za-z_]+))?\}")


class Word(msgspec.Struct, forbid_unknown_fields=True):
    """A word in one language: its name and what its grammar needs."""

    name: str
    plural: str = ""  # default: French and English rules ("arrondissements", "boroughs", "cities")
    gender: Literal["m", "f"] = "m"  # French articles and agreement (la Maire, le conseil)
    # Takes an article ("le conseil municipal") or not (a name: "Paris", "tout Paris"); default:
    # names and phrases (city, whole_city) do not, the others do.
    article: bool | None = None
    # French: l'/d' before the word; default: it starts with a vowel or a mute h.
    elision: bool | None = None
    # Forms given outright, which win over the rules: { to = "au Conseil de Paris" }.
    forms: dict[str, str] = {}
    # Any of these may contain {city}, the city's name in the language ("Conseil de {city}"), so
    # a profile copied for another city never keeps the first city's name.

    def __post_init__(self) -> None:
        from parvis.i18n import _

        if not self.name.strip():
            raise ValueError(_("a word cannot be empty"))
        for form in self.forms:
            if form not in FORMS:
                raise ValueError(
                    _("unknown form '{form}' (the forms are: {names})").format(
                        form=form, names=", ".join(FORMS)
                    )
                )
        texts = (self.name, self.plural, *self.forms.values())
        if any(c in text.replace("{city}", "") for text in texts for c in "{}"):
            raise ValueError(_("a word cannot contain braces, except {city}"))


#: Neutral words for a site that names none; Paris's are in its profile.
DEFAULTS: dict[str, dict[str, Word]] = {
    "fr": {
        "council": Word("conseil municipal"),
        "district": Word("secteur"),
        "neighbourhood": Word("quartier"),
        "whole_city": Word("toute la ville", article=False, elision=False),
        "mayor": Word("maire"),
    },
    "en": {
        "council": Word("City Council"),
        "district": Word("district"),
        "neighbourhood": Word("neighbourhood"),
        "whole_city": Word("the whole city", article=False),
        "mayor": Word("Mayor"),
    },
    "ja": {
        "council": Word("市議会"),
        "district": Word("区"),
        "neighbourhood": Word("地区"),
        "whole_city": Word("市全体"),
        "mayor": Word("市長"),
    },
}

_FR_VOWELS = "aâàäeéèêëiîïoôöuûùüyhœæ"
_PLURAL_FORMS = {"pl", "the_pl", "of_pl", "to_pl", "in_pl", "all_pl"}


def _plural(word: Word, language: str) -> str:
    if word.plural:
        return word.plural
    name = word.name
    if language == "fr":
        if name.endswith(("s", "x", "z")):
            return name
        if name.endswith(("au", "eu")):
            return name + "x"
        if name.endswith("al") and not name.endswith(("bal", "carnaval", "festival")):
            return name[:-2] + "aux"
        head, _, tail = name.partition(" ")
        return f"{_plural(Word(head), 'fr')} {tail}".strip() if tail else name + "s"
    if language == "en":
        if name.endswith(("s", "x", "z", "ch", "sh")):
            return name + "es"
        if name.endswith("y") and name[-2:-1] not in "aeiou":
            return name[:-1] + "ies"
        return name + "s"
    return name


def _french(word: Word, form: str, takes_article: bool) -> str:
    name = word.name
    elides = word.elision if word.elision is not None else name[:1].lower() in _FR_VOWELS
    if form == "of_kind":
        return ("d'" if elides else "de ") + name
    plural = form in _PLURAL_FORMS and takes_article  # a name has no plural
    text = _plural(word, "fr") if plural else name
    if not takes_article:
        # A name ("Paris", "tout Paris"), or one with its own article ("Le Havre", "Les Ulis").
        kind = "name" if form == "all_pl" else form.removesuffix("_pl")
        for article, of, to in (("Le ", "du ", "au "), ("Les ", "des ", "aux ")):
            if text.startswith(article):
                rest = text[len(article) :]
                return of + rest if kind == "of" else to + rest if kind in ("to", "in") else text
        if kind == "of":
            return ("d'" if elides else "de ") + text
        if kind in ("to", "in"):
            return "à " + text
        return text
    feminine = word.gender == "f"
    if plural:
        return {
            "pl": text,
            "the_pl": "les " + text,
            "of_pl": "des " + text,
            "to_pl": "aux " + text,
            "in_pl": "dans les " + text,
            "all_pl": ("toutes les " if feminine else "tous les ") + text,
        }[form]
    the = "l'" if elides else ("la " if feminine else "le ")
    return {
        "name": text,
        "the": the + text,
        "a": ("une " if feminine else "un ") + text,
        "this": ("cette " if feminine else "cet " if elides else "ce ") + text,
        "of": ("de l'" if elides else "de la " if feminine else "du ") + text,
        "to": ("à l'" if elides else "à la " if feminine else "au ") + text,
        "in": "dans " + the + text,
    }[form]


def _english(word: Word, form: str, takes_article: bool) -> str:
    plural = form in _PLURAL_FORMS and takes_article  # a name has no plural
    text = _plural(word, "en") if plural else word.name
    if form == "of_kind":
        return word.name
    if not takes_article:
        prefix = {"of": "of ", "to": "to ", "in": "in "}.get(form.removesuffix("_pl"), "")
        return prefix + text
    a = "an " if word.name[:1].lower() in "aeiou" else "a "
    return {
        "name": text,
        "the": "the " + text,
        "a": a + text,
        "this": "this " + text,
        "of": "of the " + text,
        "to": "to the " + text,
        "in": "in the " + text,
        "pl": text,
        "the_pl": "the " + text,
        "of_pl": "of the " + text,
        "to_pl": "to the " + text,
        "in_pl": "in the " + text,
        "all_pl": "all " + text,
    }[form]


def form_of(word: Word, form: str, language: str, *, article_by_default: bool = True) -> str:
    """One form of a word in a language (``form`` lower-case, one of ``FORMS``)."""
    if form in word.forms:
        return word.forms[form]
    if form not in FORMS:
        return word.name
    takes_article = word.article if word.article is not None else article_by_default
    base = language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0]
    if base == "fr":
        return _french(word, form, takes_article)
    if base == "en":
        return _english(word, form, takes_article)
    return _plural(word, base) if form in _PLURAL_FORMS else word.name


def _with_city(word: Word, city: str) -> Word:
    if "{city}" not in (word.name + word.plural + "".join(word.forms.values())):
        return word
    return msgspec.structs.replace(
        word,
        name=word.name.replace("{city}", city),
        plural=word.plural.replace("{city}", city),
        forms={k: v.replace("{city}", city) for k, v in word.forms.items()},
    )


class Vocabulary:
    """A site's words in every language: what ``[site.words.<lang>]`` gives, then defaults."""

    def __init__(
        self,
        city: str,
        city_names: Mapping[str, str] | None = None,
        words: Mapping[str, Mapping[str, Word]] | None = None,
    ) -> None:
        self.city = city
        self.city_names = dict(city_names or {})
        self.words = {lang: dict(found) for lang, found in (words or {}).items()}

    def word(self, name: str, language: str) -> Word:
        base = language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0]
        city = self.city_names.get(language, self.city_names.get(base, self.city))
        given = self.words.get(language, {}).get(name) or self.words.get(base, {}).get(name)
        if given is not None:
            return _with_city(given, city)
        if name == "city":
            return Word(city, article=False)
        defaults = DEFAULTS.get(base, DEFAULTS["en"])
        return defaults.get(name) or DEFAULTS["en"][name]

    def form(self, name: str, form: str, language: str) -> str:
        """``form`` of the word ``name`` in ``language``; a capitalised form capitalises the result."""
        if name not in WORDS:
            raise KeyError(name)
        text = form_of(self.word(name, language), form.lower(), language, article_by_default=WORDS[name][1])
        return text[:1].upper() + text[1:] if form[:1].isupper() else text

    def fill(self, text: str, language: str) -> str:
        """Replace every ``{site.<word>:<form>}`` of a message; unknown words stay as written."""
        if "{site." not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            try:
                return self.form(match["word"], match["form"] or "name", language)
            except KeyError:
                return match.group()

        return PLACEHOLDER.sub(replace, text)


def problems_in(text: str) -> list[str]:
    """Unknown words or forms in a message's ``{site...}`` placeholders (for catalog checks)."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        if match["word"] not in WORDS:
            found.append(f"unknown word '{match['word']}'")
        elif match["form"] and match["form"].lower() not in FORMS:
            found.append(f"unknown form '{match['form']}'")
    return found
