"""Receipt codes: shown once to the voter, stored only as a hash in the anonymous ballot.

A code has 12 characters of Crockford's base-32 alphabet (60 random bits), shown in groups of
four. Typing is forgiving: case, spaces and dashes are ignored, O reads as 0, I and L as 1.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one."""
    cleaned = code.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def digest(code: str) -> str:
    """The stored form: SHA-256 of the canonical code."""
    canonical = normalise(code)
    if canonical is None:
        raise ValueError("not a receipt code")
    return hashlib.sha256(canonical.encode()).hexdigest()
