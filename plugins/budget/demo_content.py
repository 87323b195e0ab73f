"""Fictitious content of the budget's demo campaigns (invented projects, places and ideas)."""

from __future__ import annotations

SECOND_OFFICIAL = ("Samuel", "Second")  # a second official (official2@example.org): paper counts need two
CAMPAIGN_TITLE = "Budget participatif {year}"
CAMPAIGN_DESCRIPTION = (
    "{who} proposent des projets d'investissement pour leur quartier ou pour {where}, puis "
    "votent pour décider lesquels seront réalisés."
)
CAMPAIGN_WHO = ("Les Parisiennes et les Parisiens", "tout Paris")
CAMPAIGN_WHO_ELSEWHERE = ("Les habitants", "toute la ville")
CAMPAIGN_TOTAL_EUROS = 75_000_000
WORKSHOP_TITLE = "Atelier de co-construction — {where}"
WORKSHOP_CITY = "tous"  # the workshop of the city-wide projects
WORKSHOP_PLACE = "Maison de la vie associative"
COLLECTIVES = ("", "", "Conseil de quartier", "Association des parents d'élèves")  # who submits, in turn
STUDIES_MILESTONE = "Études et concertation"
WORKS_MILESTONE = "Travaux"
DEPARTMENT = "Direction des espaces verts"  # of the completed projects
PAST_VOTERS = 500  # online voters of the past campaign
CURRENT_VOTERS = 120  # online voters so far in the current campaign
# A campaign's phases: (phase, first day counted from the vote's first day, days it lasts)
PHASE_PLAN = (
    ("ideas", -115, 30),
    ("co_construction", -85, 30),
    ("study", -55, 55),
    ("vote", 0, 21),
    ("results", 21, 14),
    ("realisation", 35, 5 * 365),
)

# (title, description, theme, cost in euros, qpop)
CITY_PROJECTS = [
    (
        "Des cours d'écoles oasis",
        "Transformer dix cours d'écoles en îlots de fraîcheur ouverts au quartier le samedi.",
        "environment",
        4_000_000,
        False,
    ),
    (
        "Fontaines à boire dans tout Paris",
        "Installer cinquante nouvelles fontaines d'eau potable, dont des fontaines à brumisation.",
        "living",
        1_500_000,
        False,
    ),
    (
        "Des pistes cyclables plus sûres",
        "Séparer physiquement les pistes cyclables des grands axes et sécuriser les carrefours.",
        "mobility",
        5_000_000,
        False,
    ),
    (
        "Bains-douches rénovés",
        "Rénover les bains-douches municipaux et allonger leurs horaires d'ouverture.",
        "solidarity",
        2_500_000,
        True,
    ),
    (
        "Bibliothèques ouvertes le dimanche",
        "Équiper les bibliothèques pour ouvrir le dimanche : mobilier, automates de prêt.",
        "culture",
        1_200_000,
        False,
    ),
    (
        "Terrains de sport en accès libre",
        "Créer des terrains multisports en accès libre, éclairés le soir.",
        "sport",
        3_000_000,
        True,
    ),
    (
        "Toilettes publiques accessibles",
        "Installer des sanisettes accessibles aux personnes en fauteuil près des parcs.",
        "cleanliness",
        1_000_000,
        False,
    ),
]

# district code -> [(title, description, theme, cost in euros, qpop)]
DISTRICT_PROJECTS = {
    "11": [
        (
            "Végétaliser la rue Oberkampf",
            "Planter des arbres et des jardinières le long de la rue Oberkampf.",
            "environment",
            450_000,
            False,
        ),
        (
            "Un square pour les adolescents",
            "Aménager un espace de glisse et de rencontre dans le square Maurice-Gardette.",
            "education",
            300_000,
            False,
        ),
        (
            "Rénover le gymnase Jean-Aicard",
            "Refaire le sol et les vestiaires du gymnase.",
            "sport",
            600_000,
            False,
        ),
        (
            "Cuisine partagée à Fontaine-au-Roi",
            "Équiper une cuisine solidaire ouverte aux habitants et aux associations.",
            "solidarity",
            150_000,
            True,
        ),
        (
            "Composteurs de quartier",
            "Installer vingt composteurs collectifs dans les squares et cours d'immeubles.",
            "cleanliness",
            80_000,
            False,
        ),
    ],
    "18": [
        (
            "Jardin partagé à la Goutte d'Or",
            "Créer un jardin partagé sur une parcelle inoccupée, avec un local pour les outils.",
            "environment",
            250_000,
            True,
        ),
        (
            "Éclairer la rue Myrha",
            "Remplacer et ajouter des éclairages pour des trajets plus sûrs le soir.",
            "living",
            200_000,
            True,
        ),
        (
            "Un kiosque à musique à Montmartre",
            "Restaurer le kiosque du square et l'équiper pour des concerts gratuits.",
            "culture",
            350_000,
            False,
        ),
        (
            "Aire de jeux inclusive porte de Clignancourt",
            "Des jeux accessibles à tous les enfants, y compris en situation de handicap.",
            "education",
            400_000,
            True,
        ),
    ],
    "20": [
        (
            "Fresques participatives à Belleville",
            "Des murs peints avec les habitants et les écoles du quartier.",
            "culture",
            120_000,
            True,
        ),
        (
            "Escaliers fleuris de Ménilmontant",
            "Planter et entretenir des jardinières le long des escaliers.",
            "environment",
            180_000,
            False,
        ),
        (
            "Salle de sport de quartier aux Amandiers",
            "Équiper une salle de musculation en accès libre encadré.",
            "sport",
            300_000,
            True,
        ),
        (
            "Ruelle apaisée rue des Cascades",
            "Élargir les trottoirs et poser des bancs.",
            "mobility",
            500_000,
            False,
        ),
    ],
    "12": [
        (
            "Rives de la Seine plus vertes",
            "Planter une promenade arborée le long du quai de la Rapée.",
            "environment",
            700_000,
            False,
        ),
        (
            "Ludothèque à la Porte Dorée",
            "Aménager une ludothèque dans un local municipal.",
            "education",
            200_000,
            True,
        ),
        ("Stationnement vélo sécurisé", "Des abris vélos fermés près des gares.", "mobility", 250_000, False),
    ],
    "centre": [
        (
            "Ombrières au square du Temple",
            "Installer des voiles d'ombrage et des bancs.",
            "living",
            200_000,
            False,
        ),
        (
            "Fontaine rénovée place des Vosges",
            "Restaurer une fontaine et remettre l'eau en circulation.",
            "culture",
            300_000,
            False,
        ),
        (
            "Un local pour les associations de quartier",
            "Rénover un local partagé par les associations.",
            "solidarity",
            250_000,
            False,
        ),
    ],
}

# Ideas that did not become projects: (title, description, theme, district or None, failed criteria, reason)
REJECTED_IDEAS = [
    (
        "Subvention pour mon club de foot",
        "Financer les licences des joueurs du club.",
        "sport",
        "20",
        ["investment"],
        "Une subvention de fonctionnement n'est pas une dépense d'investissement.",
    ),
    (
        "Une ligne de métro vers Montreuil",
        "Prolonger une ligne de métro jusqu'à Montreuil.",
        "mobility",
        None,
        ["city_competence", "public_space"],
        "Les transports en commun relèvent d'Île-de-France Mobilités et demanderaient de lourds travaux.",
    ),
    (
        "Repeindre ma façade",
        "Aider à repeindre la façade de mon immeuble.",
        "living",
        "11",
        ["general_interest"],
        "Le projet concerne un bien privé et non l'intérêt général.",
    ),
    (
        "Embaucher des animateurs l'été",
        "Recruter des animateurs pour les centres de loisirs.",
        "education",
        "18",
        ["investment"],
        "Des salaires sont des dépenses de fonctionnement.",
    ),
    (
        "Couvrir le périphérique",
        "Couvrir le boulevard périphérique sur toute sa longueur.",
        "environment",
        None,
        ["public_space"],
        "Un aménagement lourd de l'espace public, hors du cadre du budget participatif.",
    ),
]

EXTRA_IDEAS = [
    ("Des bancs dans toutes les rues", "Installer un banc tous les deux cents mètres.", "living"),
    ("Nichoirs et hôtels à insectes", "Poser des nichoirs dans les parcs.", "environment"),
    ("Des boîtes à livres", "Installer des boîtes à livres dans chaque quartier.", "culture"),
    ("Ateliers de réparation de vélos", "Des ateliers en libre accès pour réparer son vélo.", "mobility"),
    ("Casiers solidaires", "Des casiers pour les personnes sans domicile.", "solidarity"),
    ("Potagers sur les toits", "Cultiver des potagers sur les toits des écoles.", "environment"),
    ("Tables de ping-pong", "Des tables de ping-pong dans les squares.", "sport"),
    ("Un cinéma en plein air l'été", "Équiper un square pour des projections gratuites.", "culture"),
]

BOXES = [
    # (name, kind, district, place, stops: [(place, day offset from the vote's start, hours)])
    ("Mairie du 11e", "fixed", "11", "12 place Léon-Blum", [("Hall de la mairie du 11e", 0, 24 * 20)]),
    (
        "Urne mobile du 18e",
        "mobile",
        "18",
        "",
        [("Marché Barbès", 2, 5), ("Square Léon", 6, 4), ("Porte de Clignancourt", 10, 5)],
    ),
    ("Mairie du 20e", "fixed", "20", "6 place Gambetta", [("Hall de la mairie du 20e", 0, 24 * 20)]),
]

# The same content for a city other than Paris: titles (and descriptions) without Paris's places.
# Items missing here have nothing Parisian in them.
ELSEWHERE: dict[str, tuple[str, str | None]] = {
    "Fontaines à boire dans tout Paris": ("Fontaines à boire dans toute la ville", None),
    "Végétaliser la rue Oberkampf": (
        "Végétaliser la rue commerçante",
        "Planter des arbres et des jardinières le long de la rue commerçante du quartier.",
    ),
    "Un square pour les adolescents": (
        "Un square pour les adolescents",
        "Aménager un espace de glisse et de rencontre dans le square du quartier.",
    ),
    "Rénover le gymnase Jean-Aicard": ("Rénover le gymnase municipal", None),
    "Cuisine partagée à Fontaine-au-Roi": ("Une cuisine partagée", None),
    "Jardin partagé à la Goutte d'Or": ("Un jardin partagé", None),
    "Éclairer la rue Myrha": ("Éclairer les rues du quartier", None),
    "Un kiosque à musique à Montmartre": ("Un kiosque à musique", None),
    "Aire de jeux inclusive porte de Clignancourt": ("Une aire de jeux inclusive", None),
    "Fresques participatives à Belleville": ("Des fresques participatives", None),
    "Escaliers fleuris de Ménilmontant": ("Des escaliers fleuris", None),
    "Salle de sport de quartier aux Amandiers": ("Une salle de sport de quartier", None),
    "Ruelle apaisée rue des Cascades": ("Une ruelle apaisée", None),
    "Rives de la Seine plus vertes": (
        "Des berges plus vertes",
        "Planter une promenade arborée le long des berges.",
    ),
    "Ludothèque à la Porte Dorée": ("Une ludothèque de quartier", None),
    "Ombrières au square du Temple": ("Des ombrières au square", None),
    "Fontaine rénovée place des Vosges": ("Une fontaine rénovée", None),
    "Une ligne de métro vers Montreuil": (
        "Une nouvelle ligne de métro",
        "Prolonger une ligne de métro jusqu'à la commune voisine.",
    ),
    "Couvrir le périphérique": (
        "Couvrir l'autoroute urbaine",
        "Couvrir l'autoroute qui traverse la ville sur toute sa longueur.",
    ),
}
REASONS_ELSEWHERE = {
    "Les transports en commun relèvent d'Île-de-France Mobilités et demanderaient de lourds travaux.": (
        "Les transports en commun ne relèvent pas de la Ville et demanderaient de lourds travaux."
    ),
}
# Ballot boxes elsewhere: named after the configured district ({district}); no street address.
BOXES_ELSEWHERE = [
    ("Mairie — {district}", "fixed", "11", "", [("Hall de la mairie — {district}", 0, 24 * 20)]),
    (
        "Urne mobile — {district}",
        "mobile",
        "18",
        "",
        [("Marché — {district}", 2, 5), ("Square — {district}", 6, 4), ("Centre social — {district}", 10, 5)],
    ),
    ("Mairie — {district}", "fixed", "20", "", [("Hall de la mairie — {district}", 0, 24 * 20)]),
]
