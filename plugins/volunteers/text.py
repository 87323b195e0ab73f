"""Text normalisation for the SQLite search: case, accents and a light French stemming.

FTS5 has no French stemmer, so words are reduced here, the same way at index and at query
time: lower-cased, accents removed, then Lucene's *French minimal stemmer* (Savoy's rules:
plural -s/-x, final -r, -e, -é and a doubled final letter, on words of 6 letters or more), so
"jardins" finds "jardin" and "bénévoles" finds "bénévole" without conflating unrelated words.
PostgreSQL uses its own Snowball French stemmer instead (see ``search/postgres.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Words too common to help a search (a query made only of them matches everything).
_STOP_WORDS_TEXT = """a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me
meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une
vos votre vous d l j m n s t y the of and to in for on at by with an or"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def fold(text: str) -> str:
    """Lower-case and strip accents ("Été" -> "ete"), keeping ligatures readable ("œ" -> "oe")."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
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


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def stems(text: str) -> list[str]:
    """Every word of ``text``, folded and stemmed (stop words kept: they cost little to index)."""
    return [stem(w) for w in words(text)]


def index_text(parts: Iterable[str | None]) -> str:
    """The text stored for FTS5: stems separated by spaces."""
    return " ".join(s for part in parts if part for s in stems(part))


def query_terms(query: str, limit: int = 12) -> list[str]:
    """A visitor's query as stems, without stop words (unless only stop words were typed)."""
    found = words(query)
    kept = [w for w in found if w not in STOP_WORDS] or found
    return [stem(w) for w in kept][:limit]
