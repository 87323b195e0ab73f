"""A promotion: one year's class of the Assembly, a core Term with the plugin's own calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.api import Base, PublicIdMixin, TimestampMixin
from parvis.api.bodies import Body, Term


class AssemblyPromotion(PublicIdMixin, TimestampMixin, Base):
    """The recruitment calendar of a term: when the questionnaire and the call for applications close.

    Members, colleges, groups and meetings stay core rows (memberships of the term); this row only
    says the term is an Assembly promotion and holds what core has no column for.
    """

    __tablename__ = "assembly_promotion"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("core_body.id", ondelete="CASCADE"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("core_term.id", ondelete="CASCADE"), unique=True)
    questionnaire_closes_on: Mapped[date | None]
    applications_close_on: Mapped[date | None]
    young_form_closes_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))

    body: Mapped[Body] = relationship()
    term: Mapped[Term] = relationship()

    @property
    def label(self) -> str:
        return self.term.label
