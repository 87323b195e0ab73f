"""Matching terms of ``parvis.search.text`` with each engine's full-text index.

Both engines index tokens this package made (``text.index_text``), so a query is a plain
combination of those tokens: every term must match (AND); a Latin word matches its French stem as
the beginning of a token (``"jardin"*``, ``jardin:*``) or its English stem exactly, a CJK word the
phrase of its bigrams.
Terms hold word characters only, so nothing a visitor types becomes an operator (``NEAR``, ``*``,
quotes, parentheses are gone before this point).
"""

from __future__ import annotations

from parvis.search.text import Term


def _fts5_term(term: Term) -> str:
    if term.phrase:
        return '"' + " ".join(term.phrase) + '"'
    options = [f'"{prefix}"*' for prefix in term.prefixes] + [f'"{exact}"' for exact in term.exact]
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def fts5_query(terms: list[Term]) -> str:
    """An FTS5 ``MATCH`` expression: ``("jardin"* OR "jardins"*) AND "市民 民参"``."""
    return " AND ".join(_fts5_term(term) for term in terms)


def _tsquery_term(term: Term) -> str:
    if term.phrase:
        return "(" + " <-> ".join(term.phrase) + ")"
    options = [f"{prefix}:*" for prefix in term.prefixes] + list(term.exact)
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def tsquery(terms: list[Term]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` text: ``(jardin:* | jardins:*) & (市民 <-> 民参)``."""
    return " & ".join(_tsquery_term(term) for term in terms)
