"""Verifiable randomness: seed derivation and a deterministic, unbiased byte stream.

Nothing here uses Python's `random`: the whole procedure is specified in docs/sortition.md so that
anyone can re-implement it.

* ``canonical_json(obj)``: UTF-8 JSON with sorted keys, no whitespace, non-ASCII characters kept
  as is (RFC 8785 for the strings and integers used here).
* ``derive_seed(...)``: SHA-256 of ``canonical_json`` of an object holding the algorithm version,
  the purpose of the draw, the input hashes and the public inputs (each stripped, NFC-normalised).
* ``Stream(seed, label)``: SHA-256 in counter mode; block ``i`` is
  ``SHA-256(seed || UTF-8(label) || 0x00 || i as 8-byte big-endian)``, blocks concatenated.
* ``Stream.below(n)``: take ``b = bit_length(n - 1)`` bits as ``ceil(b / 8)`` big-endian bytes,
  keep the low ``b`` bits, reject and retry while the value is ``>= n``. ``below(1)`` reads nothing.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

ALGORITHM_VERSION = "parvis-sortition/1"


def normalise_text(value: str) -> str:
    """Strip surrounding whitespace and apply Unicode NFC: how every input string is compared."""
    return unicodedata.normalize("NFC", value.strip())


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def derive_seed(
    *,
    purpose: str,
    input_hashes: Mapping[str, str],
    public_inputs: Sequence[str],
    algorithm: str = ALGORITHM_VERSION,
) -> str:
    """The draw's seed (64 hex digits) from everything published before the draw.

    `input_hashes` maps names (``"pool"``, ``"quotas"``, ``"roll"``, ``"spec"``, ...) to the
    SHA-256 hex digests of the frozen input files; `public_inputs` are the values announced in
    advance and entered by the official (for example the numbers of a dated public lottery draw).
    """
    payload = {
        "algorithm": algorithm,
        "purpose": purpose,
        "inputs": {name: digest.lower() for name, digest in input_hashes.items()},
        "public_inputs": [normalise_text(v) for v in public_inputs],
    }
    return sha256_hex(canonical_json(payload))


class Stream:
    """A deterministic stream of bytes and integers: SHA-256 in counter mode."""

    def __init__(self, seed_hex: str, label: str) -> None:
        if "\x00" in label:
            raise ValueError("label must not contain NUL")
        self._prefix = bytes.fromhex(seed_hex) + label.encode("utf-8") + b"\x00"
        self._counter = 0
        self._buffer = b""
        self.bytes_read = 0

    def read(self, n: int) -> bytes:
        while len(self._buffer) < n:
            block = hashlib.sha256(self._prefix + self._counter.to_bytes(8, "big")).digest()
            self._buffer += block
            self._counter += 1
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        self.bytes_read += n
        return out

    def below(self, n: int) -> int:
        """A uniform integer in ``[0, n)``, by rejection sampling (no modulo bias)."""
        if n <= 0:
            raise ValueError("n must be positive")
        if n == 1:
            return 0
        bits = (n - 1).bit_length()
        nbytes = (bits + 7) // 8
        mask = (1 << bits) - 1
        while True:
            value = int.from_bytes(self.read(nbytes), "big") & mask
            if value < n:
                return value

    def sample(self, n: int, k: int) -> list[int]:
        """`k` distinct indices of ``range(n)`` in draw order (a partial Fisher-Yates shuffle).

        Step ``i`` (0-based) swaps position ``i`` with position ``i + below(n - i)`` of the virtual
        array ``[0, 1, ..., n - 1]`` and outputs the value now at position ``i``.
        """
        if not 0 <= k <= n:
            raise ValueError("need 0 <= k <= n")
        moved: dict[int, int] = {}
        out: list[int] = []
        for i in range(k):
            j = i + self.below(n - i)
            vi, vj = moved.get(i, i), moved.get(j, j)
            moved[j] = vi
            moved[i] = vj
            out.append(vj)
        return out

    def choose_weighted(self, weights: Sequence[int]) -> int:
        """Index ``j`` with probability ``weights[j] / sum(weights)`` (integer weights, exact)."""
        total = sum(weights)
        u = self.below(total)
        for j, w in enumerate(weights):
            if u < w:
                return j
            u -= w
        raise AssertionError("unreachable")
