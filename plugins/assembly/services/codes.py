"""Response codes printed on the letters: unguessable, easy to type, single use, stored as hashes.

Alphabet: Crockford's base 32 (digits and capitals without I, L, O, U), so each character carries
5 bits and nothing looks alike; typing O for 0 or I/L for 1 is forgiven. Codes come from
``secrets`` (the operating system's CSPRNG). With the default 16 characters a code has 80 bits:
even with 10,000 valid codes an attacker would need about 2^67 guesses per hit, so a plain
SHA-256 is enough to store them (no key to lose, no slow hash needed), and the plain code exists
only in the letters produced in the same step.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FORGIVE = str.maketrans({"O": "0", "I": "1", "L": "1"})
GROUP = 4


def bits(length: int) -> int:
    return 5 * length


def new_code(length: int) -> str:
    """A fresh code of ``length`` characters (no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def display(code: str) -> str:
    """``ABCD-EFGH-JKMN-PQRS``: groups of four for reading aloud and typing."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(text: str) -> str | None:
    """What a person typed, as a code (upper case, no spaces or dashes), or None if it cannot be one."""
    cleaned = "".join(ch for ch in (text or "").upper() if not ch.isspace() and ch not in "-_.").translate(
        _FORGIVE
    )
    if not cleaned or len(cleaned) > 64 or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def digest(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()
