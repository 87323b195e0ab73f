"""A term that produced decisions keeps them: deleting it is refused with a reason, not a crash."""

import pytest

from parvis.bodies import services
from parvis.bodies.models import Term


def test_a_term_with_decisions_cannot_be_deleted(db, term, make_decision):
    make_decision()
    with pytest.raises(services.BodyError, match="decisions or other records"):
        services.delete_term(db, term)
    db.rollback()
    assert db.get(Term, term.id) is not None
