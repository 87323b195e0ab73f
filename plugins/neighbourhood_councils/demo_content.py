"""Fictitious content of the neighbourhood councils' demo: councils written for three Paris
arrondissements (names of real neighbourhoods, invented life), with place-neutral wording for
another city's districts. Texts are English message ids, translated when seeded.
"""

from __future__ import annotations

from dataclasses import dataclass

from parvis.api import N_
from parvis.plugins.neighbourhood_councils.models import Category, Credit, Filling, Phase


@dataclass(frozen=True, slots=True)
class DemoMeeting:
    title: str
    place: str
    agenda: str
    minutes: str = ""


COUNCILS = {
    "11": ("Belleville – Fontaine-au-Roi", "Nation – Alexandre-Dumas", "République – Saint-Ambroise"),
    "14": ("Montparnasse – Raspail", "Pernety", "Porte de Vanves"),
    "20": ("Gambetta", "Saint-Fargeau", "Amandiers"),
}
CHARTER = N_(
    "The neighbourhood council is open to everyone who lives, works, studies or is active in an "
    "association in {site.district:the}, from the age of 16, whatever their nationality.\n"
    "Members debate in public plenary meetings, work in commissions and address vœux to the "
    "council {site.district:of}.\n"
    "Members respect one another, the neutrality of the council and the privacy of residents."
)
VOEUX = (
    (N_("More benches along the avenue"), N_("The council asks for benches every 200 metres.")),
    (
        N_("A car-free school street"),
        N_("The council asks that the street of the school be closed to cars at school times."),
    ),
)
SPENDING = (
    (N_("Neighbourhood party"), 120_000, 95_000, Credit.OPERATING),
    (N_("Plants for the shared garden"), 45_000, 45_000, Credit.OPERATING),
    (N_("Two benches for the square"), 310_000, 0, Credit.INVESTMENT),
)
CONTRIBUTIONS = (
    (Category.GREENERY, N_("Corner of the square"), N_("Plant trees where the pavement is wide.")),
    (
        Category.PEDESTRIANS,
        N_("In front of the school"),
        N_("Widen the pavement: children walk on the road."),
    ),
    (Category.PLAY, N_("The small garden"), N_("A play area for the youngest.")),
    (Category.CLEANLINESS, N_("Under the bridge"), N_("More bins and regular cleaning.")),
)
OPERATIONS = (
    (N_("Planting twelve trees"), Category.GREENERY, N_("Corner of the square")),
    (N_("Widened pavement"), Category.PEDESTRIANS, N_("In front of the school")),
)
PHASE_OF = (Phase.CONTRIBUTIONS, Phase.WORKS, Phase.DONE, Phase.DIAGNOSTIC)
COUNCIL_ELSEWHERE = N_("{district}, neighbourhood council {number}")  # a council's name in another city
COUNCIL_DESCRIPTION = N_("A fictitious demo council.")
DISTRICT_OFFICIAL = ("Dominique", "District", 41)  # given name, family name, age
# The first council of the first district has colleges: (name, seats, how they are filled).
COLLEGES = ((N_("Residents drawn by lot"), 2, Filling.LOT), (N_("Associations"), 3, Filling.OPEN))
PAST_PLENARY = DemoMeeting(
    N_("Plenary meeting"),
    N_("Town hall"),
    N_("Budget of the year; the vœux; questions from residents."),
    N_("Thirty residents attended. The council adopted two vœux."),
)
NEXT_PLENARY = DemoMeeting(
    N_("Plenary meeting"), N_("School hall"), N_("Beautify your neighbourhood; the shared garden.")
)
WALK = DemoMeeting(
    N_("Diagnostic walk"),
    N_("In front of the school"),
    N_("We walk the neighbourhood together and note what should change."),
)
PROGRAMME_TITLE = N_("Beautify {neighbourhood} {year}")
PROGRAMME_DESCRIPTION = N_("A fictitious demo programme.")
PHOTO_ALT = N_("A bare corner of the street, where trees could grow")
