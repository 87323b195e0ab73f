"""Fictitious content of the Citizens' Assembly's demo: the recruitment of a promotion, its
members' life, and the past promotions' recommendations with their follow-up.

The past topics are the Assembly's real ones (reading plan, energy renovation, Street Code,
homelessness, streets as gardens, new powers to decide, loneliness); the measures, responses,
dates and figures are invented, and elected officials appear by role only, never by name. Every
person is invented. Public inputs of draws are templates filled with the promotion's year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# -- recruitment ---------------------------------------------------------------------------------

ROLL_ROWS = 4000  # rows of the fictitious electoral roll (college A)
PREDRAWN = 1200  # pre-drawn from it and sent a letter
YOUNG_ROWS = 160  # rows of the fictitious list of Citizen Card holders (college C)
ROLL_FILE = "liste-electorale-extrait.csv"
ROLL_CITY = "Paris"  # the roll's postcodes are Paris's arrondissements' (750xx)
YOUNG_FILE = "carte-citoyenne-16-17.csv"
ANSWER_RATE = {"roll": 0.25, "young": 0.2}  # share of the letters answered, by college
STREETS = (
    "rue de la Roquette",
    "boulevard Voltaire",
    "avenue de Flandre",
    "rue de Belleville",
    "rue des Pyrénées",
    "rue de Vaugirard",
    "avenue d'Italie",
    "rue Ordener",
    "rue du Faubourg-Saint-Antoine",
    "rue de Charonne",
)
PREDRAW_INPUTS = "{year}-05-02 EuroMillions 4 18 23 37 45 * 2 9"
ROLL_DRAW_INPUTS = "{year}-06-27 EuroMillions 7 12 29 33 48 * 1 5"
LOT_DRAW_INPUTS = "{year}-06-27 Loto 3 11 26 38 44 * 6"
REPLACEMENT_INPUTS = "EuroMillions {today} 4 12 19 33 47 * 2 9"
DRAW_PLACE = "Hôtel de Ville, salon des Arcades"
RANDOMNESS_SOURCE = "Les numéros du tirage EuroMillions du vendredi précédant le tirage au sort."
DRAW_PRESENT = (
    "Deux agents de la direction de la participation citoyenne ; trois membres de la promotion précédente."
)
BAILIFF = "Maître Camille Exemple, huissière de justice (fictive)"
REPORT_REFERENCE = "PV-{year}-{college}"
# College B: applicants' countries outside the EU; every 14th applies from Italy by mistake.
NON_EU_COUNTRIES = ("DZ", "MA", "TN", "SN", "ML", "CN", "VN", "BR", "US", "GB", "TR", "CM", "CI", "LK", "UA")
EU_BY_MISTAKE = "IT"
NON_EU_APPLICANTS = 42
MOTIVATION = "Je vis ici depuis des années et je veux participer aux décisions de ma ville."
CODES_SHOWN = 3  # codes of unanswered letters printed for a visitor to try

# -- members' life -------------------------------------------------------------------------------

DECLINING = 3  # seats declined and refilled
MEMBER_BIO = (
    "Infirmière de nuit, j'habite le quartier depuis quinze ans. "
    "Curieuse de tout, surtout de ce qui touche aux enfants."
)
DELIBERATION_SHARE = 0.55  # of the members in the Deliberation workshop (the rest: Exploration)
MAYOR_TOPICS = (
    (
        "La place des enfants dans l'espace public",
        "Rues aux écoles, cours ouvertes, jeux : comment faire plus de place aux enfants ?",
    ),
    ("Bien manger à un prix juste", "L'accès de toutes et tous à une alimentation de qualité."),
    ("Le bruit dans la ville", "Réduire les nuisances sonores la nuit comme le jour."),
)
# (title, description, admissible)
MEMBER_TOPICS = (
    (
        "Les toits de Paris au service du climat",
        "Végétaliser et partager les toits des bâtiments de la Ville.",
        True,
    ),
    (
        "Le prix des transports en commun",
        "Les tarifs relèvent d'Île-de-France Mobilités, pas de la Ville.",
        False,
    ),
    (
        "Des fontaines et des toilettes publiques partout",
        "Un accès à l'eau et à des toilettes à moins de 300 m.",
        True,
    ),
)
INADMISSIBLE_NOTE = "Compétence d'Île-de-France Mobilités, pas de la Ville de Paris."
TOPIC_WEIGHTS = {"deliberation": (6, 3, 2), "exploration": (5, 3)}  # how the members' votes lean
TURNOUT = 0.9  # of the members who vote on their workshop's topic
HALL = "Hôtel de Ville, 5 rue de Lobau"
DELIBERATION_MONTHS = (0, 1, 3, 5, 7)  # months after the promotion starts
DELIBERATION_TITLE = "Atelier Délibération, session {number}"
FRIDAY_EVENING = " (vendredi soir)"
SATURDAY = " (samedi)"
FRIDAY_AGENDA = "Accueil, retour sur la session précédente, travail en sous-groupes."
SATURDAY_AGENDA = "Audition d'experts le matin ; rédaction des propositions l'après-midi."
EXPLORATION_TITLE = "Atelier Exploration, séance {number}"
EXPLORATION_PLACE = "Maison de la vie associative et citoyenne du 11e"
EXPLORATION_AGENDA = "Visite de terrain, rencontre avec la direction concernée, choix des pistes."
MONITORING_MONTHS = (0, 2, 4, 6, 8)
MONITORING_TITLE = "Espace Suivi et interpellation avant le Conseil de Paris"
MONITORING_AGENDA = "Échanges informels avec des élus sur les délibérations du prochain Conseil."
PLENARY_MONTHS = (0, 2, 5, 8)
PLENARY_TITLE = "Plénière n° {number}"
PLENARY_PLACE = "Hôtel de Ville, salle des fêtes"
PLENARY_AGENDA = "Point d'étape des ateliers ; examen et validation des recommandations."
ATTENDANCE = (0.82, 0.93)  # below the first: present; below the second: excused; else absent
MONITORING_ATTENDANCE = 0.3  # share of the members who come to a monitoring session


@dataclass(frozen=True, slots=True)
class Training:
    title: str
    description: str
    # (days after the start of the month ``month`` months into the promotion, or after the
    # promotion's first day when ``month`` is None; hour; capacity)
    sessions: tuple[tuple[int | None, int, int, int], ...]


TRAINING_PLACE = "Hôtel de Ville"
TRAININGS = (
    Training(
        "Prendre la parole en public",
        "Poser sa voix, structurer une intervention, oser interpeller.",
        ((None, 20, 18, 15), (3, 5, 18, 15)),
    ),
    Training(
        "Trouver sa place dans un processus participatif",
        "Comprendre qui décide quoi à la Ville et comment une recommandation devient une décision.",
        ((2, 10, 10, 20),),
    ),
)
# (workshop, title, summary): the texts put on the next plenary's agenda
OUTPUTS = (
    (
        "deliberation",
        "Des rues aux écoles dans chaque quartier d'ici 2030",
        "Fermer à la circulation, aux heures d'entrée et de sortie, la rue de chaque école qui le demande.",
    ),
    (
        "exploration",
        "Vœu pour des fontaines et des toilettes publiques à moins de 300 mètres de chacun",
        "Un plan pluriannuel d'installation, en priorité dans les quartiers populaires.",
    ),
)

# -- the past promotions and the follow-up of their recommendations -------------------------------

PAST_TERMS = (
    ("2021-23", date(2021, 10, 1), date(2023, 6, 30)),
    ("2023-24", date(2023, 9, 1), date(2024, 6, 30)),
    ("2024-25", date(2024, 9, 1), date(2025, 6, 30)),
)
PAST_MEMBER = ("Maëlle", "Membre", 34)  # given name, family name, age: the demo account of a past member
PAST_MEMBER_TERM = "2024-25"
PLENARY_VOTE = (100, 71, 9, 6)  # eligible, for, against, abstentions
COUNCIL_REFERENCE = "{year} DDCT {number}"
PROGRESS_NOTE = "Point d'étape transmis par la direction."
PROGRESS_ON = date(2025, 10, 15)
COMMENTS_ON = date(2025, 11, 2)
LAST_IMPLEMENTED = date(2025, 10, 1)  # no measure is implemented later than this
REVIEW_MEETING = "Réunion publique de suivi des recommandations 2021-2024"
REVIEW_ON = date(2025, 11, 20)
REVIEW_PLACE = "Hôtel de Ville, salle des fêtes"
REVIEW_NOTE = "Point d'étape présenté par la direction concernée."
REVIEWED = 8  # measures reviewed at the meeting


@dataclass(frozen=True, slots=True)
class Measure:
    """One recommendation and how far it got (``stop``: the last state of the built-in "council"
    workflow it reached); milestones are (title, planned on, done on)."""

    term: str
    ref: str
    kind: str
    topic: str
    title: str
    summary: str
    stop: str
    status: str = "not_started"
    progress: int = 0
    response: str = ""
    department: str = ""
    official: str = ""
    expected: date | None = None
    milestones: tuple[tuple[str, date | None, date | None], ...] = ()
    comment: str = ""


# The past promotions' outputs as the City's presentation lists them (one decision per output):
# 2021-23, three vœux (reading plan, energy renovation, Street Code); 2023-24, a citizens'
# deliberation on homelessness and the vœu "Streets as gardens"; 2024-25, a deliberation on new
# powers to decide and a vœu on loneliness.
MEASURES = (
    Measure(
        term="2021-23",
        ref="AC-2022-02",
        kind="voeu",
        topic="Culture",
        title="Un plan parisien de la lecture",
        summary=(
            "Ouvrir les bibliothèques le dimanche dans chaque arrondissement, et installer et "
            "entretenir des boîtes à livres dans les jardins publics et les cours Oasis."
        ),
        stop="in_implementation",
        status="in_progress",
        progress=60,
        response=(
            "Vœu adopté. Une bibliothèque par arrondissement ouvre le dimanche depuis septembre "
            "2023 ; 120 boîtes à livres sont prévues, installées par vagues avec les conseils de "
            "quartier."
        ),
        department="Direction des affaires culturelles",
        official="Adjointe à la Maire chargée de la culture",
        expected=date(2025, 12, 31),
        comment=(
            "Plusieurs boîtes du 19e sont vides depuis l'été : prévoir un réassort avec les bibliothèques ?"
        ),
        milestones=(
            (
                "Ouverture le dimanche dans tous les arrondissements",
                date(2023, 9, 30),
                date(2023, 9, 24),
            ),
            ("Première vague : 40 boîtes", date(2023, 10, 1), date(2023, 11, 3)),
            ("Deuxième vague : 40 boîtes", date(2024, 10, 1), date(2024, 12, 12)),
            ("Troisième vague : 40 boîtes", date(2025, 10, 1), None),
        ),
    ),
    Measure(
        term="2021-23",
        ref="AC-2022-05",
        kind="voeu",
        topic="Logement",
        title="Accélérer la rénovation énergétique des logements privés",
        summary=(
            "Un guichet unique pour accompagner les copropriétés du diagnostic aux travaux, et une "
            "aide qui limite à 10 % le reste à charge des ménages modestes."
        ),
        stop="in_implementation",
        status="partially_done",
        progress=50,
        response=(
            "Vœu adopté. Le guichet « Éco-rénovons » est ouvert ; l'aide aux ménages modestes est à "
            "l'étude avec les partenaires de la Ville."
        ),
        department="Direction du logement et de l'habitat",
        official="Adjoint à la Maire chargé du logement",
        expected=date(2024, 12, 31),
        milestones=(
            ("Ouverture du guichet", date(2023, 3, 1), date(2023, 3, 15)),
            ("Accompagnement de 500 copropriétés", date(2024, 12, 31), None),
        ),
    ),
    Measure(
        term="2021-23",
        ref="AC-2023-01",
        kind="voeu",
        topic="Mobilités",
        title="Rédiger un Code de la rue partagé",
        summary=(
            "Un Code de la rue écrit avec les habitants, qui fixe les règles de partage entre "
            "piétons, vélos et voitures."
        ),
        stop="implemented",
        status="done",
        progress=100,
        response=(
            "Vœu adopté. Le Code de la rue a été adopté par le Conseil de Paris et diffusé dans "
            "tous les arrondissements."
        ),
        department="Direction de la voirie et des déplacements",
        official="Adjoint à la Maire chargé des mobilités",
        expected=date(2024, 12, 31),
        milestones=(
            ("Ateliers d'écriture avec les habitants", date(2024, 3, 1), date(2024, 3, 28)),
            ("Adoption au Conseil de Paris", date(2024, 11, 30), date(2024, 11, 19)),
        ),
    ),
    Measure(
        term="2023-24",
        ref="AC-2024-01",
        kind="deliberation",
        topic="Solidarités",
        title="Sans-abrisme : mettre à l'abri et accompagner les personnes à la rue",
        summary=(
            "Ouvrir des haltes de nuit dans les bâtiments municipaux vacants et des bagageries "
            "solidaires dans chaque secteur, avec des associations."
        ),
        stop="in_implementation",
        status="in_progress",
        progress=45,
        response=(
            "Délibération adoptée. Cinq haltes ont ouvert l'hiver dernier et quatre bagageries "
            "supplémentaires avec des associations partenaires."
        ),
        department="Direction des solidarités",
        official="Adjointe à la Maire chargée des solidarités",
        expected=date(2026, 3, 31),
        milestones=(
            ("Recensement des locaux vacants", date(2024, 10, 1), date(2024, 11, 30)),
            ("Cinq haltes ouvertes pour l'hiver", date(2024, 12, 1), date(2024, 12, 10)),
            ("Dix haltes pérennes", date(2026, 3, 31), None),
        ),
    ),
    Measure(
        term="2023-24",
        ref="AC-2024-02",
        kind="voeu",
        topic="Environnement",
        title="Des rues jardins",
        summary=(
            "Transformer 100 rues en rues jardins : pleine terre, arbres, bancs et circulation apaisée."
        ),
        stop="in_implementation",
        status="in_progress",
        progress=35,
        response=(
            "Vœu adopté : 100 rues jardins prévues ; 35 livrées, les suivantes choisies avec les "
            "conseils de quartier."
        ),
        department="Direction des espaces verts et de l'environnement",
        official="Adjoint à la Maire chargé de la végétalisation",
        expected=date(2026, 12, 31),
        comment="Pensez à associer les écoles du quartier à l'entretien des bacs.",
        milestones=(
            ("Appel à propositions des habitants", date(2024, 11, 1), date(2024, 11, 30)),
            ("35 premières rues jardins", date(2025, 10, 1), date(2025, 10, 17)),
            ("100 rues jardins", date(2026, 12, 31), None),
        ),
    ),
    Measure(
        term="2024-25",
        ref="AC-2025-01",
        kind="deliberation",
        topic="Démocratie",
        title="De nouveaux pouvoirs de décider",
        summary=(
            "Un droit d'interpellation du Conseil de Paris par pétition, et un budget propre pour "
            "que l'Assemblée commande études et expertises."
        ),
        stop="adopted",
        response=(
            "La Ville proposera un montant au budget primitif et un règlement pour le droit d'interpellation."
        ),
        department="Direction de la démocratie, des citoyen·nes et des territoires",
        official="Adjointe à la Maire chargée de la démocratie participative",
        expected=date(2025, 12, 31),
    ),
    Measure(
        term="2024-25",
        ref="AC-2025-02",
        kind="voeu",
        topic="Solidarités",
        title="Rompre la solitude",
        summary=(
            "Un réseau de voisins volontaires formés pour repérer et accompagner les personnes "
            "isolées, et des cafés de quartier ouverts à tous."
        ),
        stop="submitted",
    ),
)
