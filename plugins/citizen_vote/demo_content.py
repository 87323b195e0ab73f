"""Fictitious content of the citizen votes' demo: a vote held today, a past one and a consultative
one to come. Texts are English message ids, translated when seeded; the questions are modelled on
Paris's votes (parking tariff of heavy cars, self-service e-scooters) without their figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from parvis.api import N_


@dataclass(frozen=True, slots=True)
class DemoVote:
    slug: str
    texts: tuple[str, str, str]  # question (also the title), arguments for, arguments against
    options: tuple[str, ...]
    days_from_today: int = 0  # negative: in the past


TODAY = DemoVote(
    "tariff-heavy-cars",
    (
        N_("Should the heaviest, bulkiest cars pay a higher parking tariff?"),
        N_(
            "Heavier cars take more room, wear the streets and pollute more; a specific tariff would "
            "make their drivers pay for it."
        ),
        N_("Families and tradespeople who need a large car would pay more, and the tariff is complex."),
    ),
    (N_("Yes"), N_("No")),
)
PAST = DemoVote(
    "self-service-e-scooters",
    (
        N_("Should self-service e-scooters stay in the streets?"),
        N_("They offer a quick way to move without a car."),
        N_("They clutter the pavements and cause accidents."),
    ),
    (N_("For"), N_("Against")),
    days_from_today=-300,
)
CONSULTATIVE = DemoVote(
    "parks-open-at-night",
    (
        N_("Should the parks stay open at night in summer?"),
        N_("Residents without a garden could enjoy the cool evenings."),
        N_("Neighbours fear noise, and keeping the parks open costs staff."),
    ),
    (N_("Yes"), N_("No")),
    days_from_today=21,
)
# Today's vote asks a local question in the first three districts, with today's options.
LOCAL = N_("Should the main street of this {site.district} become a pedestrian street on Sundays?")
PLACE = N_("Town hall, {district}")  # a district's voting place
