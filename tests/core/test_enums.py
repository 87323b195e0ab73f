"""LabelledEnum: a StrEnum whose members carry their label, and the maps it replaced."""

from __future__ import annotations

import msgspec
import pytest
from jinja2 import Environment

from parvis.enums import LabelledEnum
from parvis.i18n import N_, use_locale


class Reason(LabelledEnum):
    SPAM = "spam", N_("Spam or advertising")
    ABUSE = "abuse", N_("Insult, harassment or hate")


def test_a_member_is_its_string_value_and_carries_its_label():
    assert Reason.SPAM == "spam" and Reason.SPAM.value == "spam" and str(Reason.SPAM) == "spam"
    assert f"{Reason.ABUSE}" == "abuse"
    assert Reason("abuse") is Reason.ABUSE  # looked up by value, as the database and forms give it
    assert Reason.SPAM.label == "Spam or advertising"
    assert list(Reason) == [Reason.SPAM, Reason.ABUSE]  # declaration order
    assert {"spam": 1}[Reason.SPAM] == 1


def test_a_member_round_trips_through_msgspec_and_renders_in_templates():
    assert msgspec.json.encode({"reason": Reason.SPAM}) == b'{"reason":"spam"}'
    assert msgspec.json.decode(b'"abuse"', type=Reason) is Reason.ABUSE
    page = Environment().from_string("{{ r }}: {{ r.label }}{% if r == 'spam' %}!{% endif %}")
    assert page.render(r=Reason.SPAM) == "spam: Spam or advertising!"


def test_the_column_type_stores_the_values():
    from parvis.db import enum_type

    assert enum_type(Reason).enums == ["spam", "abuse"]


def test_a_member_without_its_label_is_refused_at_declaration():
    with pytest.raises(TypeError, match="declare each member"):

        class Unlabelled(LabelledEnum):
            ONE = "one"


def test_choices_translate_in_the_catalog_of_the_declaring_plugin(site):
    """The assembly says "Publié" for a draw, core "Publiée": a form built anywhere shows the
    assembly's word for the assembly's enumeration."""
    from parvis.plugins.assembly.models import DrawStatus

    with use_locale("fr"):
        assert ("published", "Publié") in DrawStatus.choices()
        assert [value for value, _label in DrawStatus.choices()] == [s.value for s in DrawStatus]


def test_the_maps_plugins_imported_before_still_answer_with_a_warning():
    from parvis.api import moderation
    from parvis.moderation.models import Reason as ModerationReason

    with pytest.warns(DeprecationWarning, match="REASON_LABELS is deprecated"):
        labels = moderation.REASON_LABELS
    assert labels == {reason: reason.label for reason in ModerationReason}
    with pytest.raises(AttributeError):
        moderation.NO_SUCH_LABELS  # noqa: B018 - the attribute access is the test
