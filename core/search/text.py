"""The one way Parvis folds, stems and splits text for searching, the same at index and query time.

- Latin words are lower-cased and their accents removed (``fold``: "Été" -> "ete", "œ" -> "oe"),
  then reduced by a *minimal* stemmer of their language: Lucene's French minimal stemmer (Savoy's
  rules: plural -s/-x, final -r, -e, -é and a doubled final letter, on words of 6 letters or more)
  or its English minimal stemmer (plural -s, -es, -ies). Minimal stemmers conflate plurals and
  little else, so "jardins" finds "jardin" and "libraries" finds "library" without turning unrelated
  words into one. A query word matches its French stem as a prefix or its English stem exactly
  (see ``query_terms``).
- Japanese (and other CJK) text has no spaces: each run of such characters is indexed as its
  overlapping bigrams ("市民参加" -> "市民 民参 参加", plus the run's last character), so a
  two-character word anywhere in a sentence is found, and a longer word is a phrase of bigrams.

Both engines (SQLite FTS5, PostgreSQL ``tsvector``) index the *output* of this module, so results
are identical on both and nothing depends on the server's dictionaries or extensions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Han, hiragana, katakana (and the iteration mark): scripts written without spaces between words.
CJK_RUN = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+")
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]+")

# Words too common to help a search (a query made only of them matches everything).
_STOP_WORDS_TEXT = """a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me
meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous d l j m n s t y the of and to in for on at by with an or"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
MAX_TERMS = 12


def _strip(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, full-width forms made plain and Latin accents removed ("Été" -> "ete",
    "œ" -> "oe"); Japanese kana keep their marks (が stays が)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return _LATIN_ACCENTED.sub(_strip, text)


def stem_fr(word: str) -> str:
    """Lucene's FrenchMinimalStemmer on a folded word."""
    if len(word) < 6:
        return word
    if word.endswith("x"):
        return word[:-3] + "al" if word.endswith("aux") else word[:-1]
    for ending in ("s", "r", "e", "e"):  # the second "e" is a folded "é"
        if word.endswith(ending):
            word = word[:-1]
    if len(word) > 1 and word[-1] == word[-2] and word[-1].isalpha():
        word = word[:-1]
    return word


def stem_en(word: str) -> str:
    """Lucene's EnglishMinimalStemmer on a folded word: plurals only."""
    if len(word) < 3 or word[-1] != "s" or word[-2] in "us":
        return word
    if word[-2] == "e":
        if len(word) > 3 and word[-3] == "i" and word[-4] not in "ae":
            return word[:-3] + "y"
        if word[-3] in "iaoe":
            return word
    return word[:-1]


def stem(word: str, language: str | None = None) -> str:
    """A folded word's stem in ``language`` (English for "en", French otherwise)."""
    return stem_en(word) if language == "en" else stem_fr(word)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def _pieces(word: str) -> Iterable[tuple[bool, str]]:
    """A word split into CJK runs (True) and the rest (False): "東京2026" -> 東京, 2026."""
    start = 0
    for run in CJK_RUN.finditer(word):
        if run.start() > start:
            yield False, word[start : run.start()]
        yield True, run.group()
        start = run.end()
    if start < len(word):
        yield False, word[start:]


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def tokens(text: str | None, language: str | None = None) -> list[str]:
    """What is indexed for ``text``: stems of Latin words, bigrams of CJK runs (and their last
    character, so a one-character query finds it)."""
    found: list[str] = []
    for word in words(text or ""):
        for cjk, piece in _pieces(word):
            if not cjk:
                found.append(stem(piece, language))
            elif len(piece) == 1:
                found.append(piece)
            else:
                found.extend(bigrams(piece))
                found.append(piece[-1])
    return found


def index_text(parts: Iterable[str | None], language: str | None = None) -> str:
    """The text an engine indexes: tokens separated by spaces."""
    return " ".join(t for part in parts if part for t in tokens(part, language))


def facet_token(tag: str, value: str) -> str:
    """A filter value (a kind, a district) as one index token: a tag letter and the value's bytes
    in hex, so any value (dots, dashes, accents) stays one token on both engines."""
    return tag + value.encode().hex()


def facet_tokens(kind: str, district: str | None) -> str:
    """The facets column of an indexed document: its kind and, if any, its district."""
    return " ".join([facet_token("k", kind)] + ([facet_token("d", district)] if district else []))


@dataclass(frozen=True, slots=True)
class Term:
    """One word of a query, matched by any of: a token beginning with one of ``prefixes`` (its
    French stem, so partial words match), a token equal to one of ``exact`` (its English stem when
    it differs: as a prefix, "repas" -> "repa" would find "repair"), or, for a CJK word, the
    ``phrase`` of its bigrams (consecutive tokens)."""

    word: str
    prefixes: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    phrase: tuple[str, ...] = ()

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.prefixes + self.exact


def query_terms(query: str, limit: int = MAX_TERMS) -> list[Term]:
    """A visitor's query as terms, every one of which a document must match (stop words dropped,
    unless only stop words were typed). Terms hold word characters only: no engine operator,
    quote or wildcard of the query survives."""
    pieces = [(cjk, piece) for word in words(query) for cjk, piece in _pieces(word)]
    kept = [(cjk, p) for cjk, p in pieces if cjk or p not in STOP_WORDS] or pieces
    terms: list[Term] = []
    for cjk, piece in kept[:limit]:
        if cjk:
            single = len(piece) == 1
            terms.append(Term(piece, (piece,)) if single else Term(piece, phrase=tuple(bigrams(piece))))
            continue
        french, english = stem_fr(piece), stem_en(piece)
        terms.append(Term(piece, (french,), (english,) if english != french else ()))
    return terms


def stem_terms(query: str, limit: int = MAX_TERMS) -> list[str]:
    """A query as French stems, without stop words (the volunteers catalogue's matching)."""
    found = words(query)
    kept = [w for w in found if w not in STOP_WORDS] or found
    return [stem_fr(w) for w in kept][:limit]
