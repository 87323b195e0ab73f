"""Response codes: unguessable, unambiguous, forgiving to type, stored as hashes only."""

import pytest

from parvis.plugins.assembly.services import codes


def test_codes_have_at_least_sixty_bits_and_no_ambiguous_characters():
    code = codes.new_code(16)
    assert len(code) == 16
    assert codes.bits(16) == 80
    assert not set(code) & set("ILOU")
    assert len({codes.new_code(16) for _ in range(2000)}) == 2000


def test_typing_is_forgiving():
    assert codes.normalise(" abcd-efgh jkmn.pqrs ") == "ABCDEFGHJKMNPQRS"
    assert codes.normalise("O0I1l") == "00111"
    assert codes.display("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


@pytest.mark.parametrize("text", ["", "   ", "ÀBCD", "U" * 16, "x" * 65, "<script>"])
def test_what_cannot_be_a_code(text):
    assert codes.normalise(text) is None


def test_digest_is_stable_and_hex():
    assert codes.digest("ABCD") == codes.digest(codes.normalise("abcd"))
    assert len(codes.digest("ABCD")) == 64


def test_settings_refuse_codes_under_sixty_bits(make_site):
    from parvis.config import ConfigError

    with pytest.raises(ConfigError, match="code_length"):
        make_site(["assembly"], settings={"assembly": {"code_length": 10}})
