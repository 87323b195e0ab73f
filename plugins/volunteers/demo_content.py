"""Fictitious content for the demo and the benchmark: associations, places and mission ideas.

Names are invented; places are generic municipal facilities named after their district.
"""

from __future__ import annotations

from dataclasses import dataclass

ORGANISATIONS = [
    (
        "les-amis-du-canal",
        "Les Amis du Canal",
        "Nous prenons soin des berges et des quais du canal, avec les riverains.",
        "10",
    ),
    (
        "solidarite-menilmontant",
        "Solidarité Ménilmontant",
        "Épicerie solidaire, maraudes et repas partagés dans l'est parisien.",
        "20",
    ),
    (
        "entraide-seniors-paris",
        "Entraide Seniors Paris",
        "Rompre l'isolement des personnes âgées par des visites et des appels.",
        "15",
    ),
    (
        "velo-solidaire-13",
        "Vélo Solidaire 13",
        "Atelier participatif de réparation de vélos et balades pour tous.",
        "13",
    ),
    (
        "lire-et-grandir",
        "Lire et Grandir",
        "Lecture et aide aux devoirs pour les enfants et les adolescents.",
        "19",
    ),
    (
        "jardins-de-belleville",
        "Les Jardins de Belleville",
        "Jardins partagés, compost et biodiversité en ville.",
        "20",
    ),
    (
        "repas-du-partage",
        "Le Repas du Partage",
        "Des repas chauds préparés et servis par des bénévoles.",
        "18",
    ),
    (
        "sport-pour-tous-paris",
        "Sport pour Tous Paris",
        "Le sport comme lien social, pour tous les âges et tous les corps.",
        "12",
    ),
    (
        "culture-en-partage",
        "Culture en Partage",
        "Médiation culturelle et sorties pour celles et ceux qui en sont éloignés.",
        "centre",
    ),
    (
        "ecrivains-publics-associes",
        "Écrivains Publics Associés",
        "Aide gratuite aux démarches et aux courriers administratifs.",
        "11",
    ),
    (
        "zero-dechet-paris-est",
        "Zéro Déchet Paris Est",
        "Réduire, réparer, réemployer : ateliers et sensibilisation.",
        "11",
    ),
    ("numerique-solidaire", "Numérique Solidaire", "Accompagner chacun vers l'autonomie numérique.", "14"),
    (
        "accueil-exiles-paris",
        "Accueil Exilés Paris",
        "Cours de français, accompagnement et convivialité avec les personnes exilées.",
        "18",
    ),
    (
        "donneurs-benevoles",
        "Les Donneurs Bénévoles",
        "Nous accueillons les donneurs lors des collectes de sang.",
        "15",
    ),
    (
        "voisins-attentifs",
        "Les Voisins Attentifs",
        "Un réseau d'entraide entre voisins, immeuble par immeuble.",
        "17",
    ),
    (
        "recyclerie-des-batignolles",
        "La Recyclerie des Batignolles",
        "Collecte, tri et revente solidaire d'objets du quotidien.",
        "17",
    ),
    (
        "gestes-qui-sauvent",
        "Les Gestes qui Sauvent",
        "Initiations aux premiers secours pour le grand public.",
        "9",
    ),
    (
        "musique-au-coeur",
        "Musique au Cœur",
        "Concerts solidaires et ateliers de musique dans les quartiers.",
        "10",
    ),
    (
        "emploi-tremplin",
        "Tremplin Emploi",
        "Parrainage et ateliers pour les personnes en recherche d'emploi.",
        "19",
    ),
]

CITY = ("ville", "Ville de Paris", "Les missions proposées par les services de la Ville.", None)

PLACES = [
    "Maison des associations",
    "Centre Paris Anim'",
    "Bibliothèque du quartier",
    "Gymnase municipal",
    "Jardin partagé",
    "Épicerie solidaire",
    "Salle polyvalente de la mairie",
    "Square du quartier",
    "Centre social",
    "École élémentaire",
]

STREETS = [
    "rue des Lilas",
    "rue du Marché",
    "avenue des Tilleuls",
    "rue de la Fontaine",
    "boulevard des Écoles",
    "rue du Moulin",
    "passage des Artisans",
    "rue de l'Espérance",
    "allée des Platanes",
    "rue du Canal",
]

# theme -> [(title, description, skills)]
MISSIONS = {
    "solidarity": [
        (
            "Distribution de repas chauds",
            "Préparer et servir un repas chaud aux personnes sans abri, dans la bonne humeur.",
            "cuisine, écoute",
        ),
        (
            "Maraude solidaire du soir",
            "Aller à la rencontre des personnes à la rue avec une boisson chaude et un kit d'hygiène.",
            "écoute, travail en équipe",
        ),
        (
            "Accueil dans une épicerie solidaire",
            "Accueillir les bénéficiaires, ranger les rayons et tenir la caisse.",
            "accueil, organisation",
        ),
        (
            "Collecte alimentaire en supermarché",
            "Présenter la collecte aux clients et trier les dons à la sortie du magasin.",
            "contact, manutention",
        ),
        (
            "Tri de vêtements pour une vestiboutique",
            "Trier, plier et étiqueter les vêtements donnés pour la boutique solidaire.",
            "organisation",
        ),
        (
            "Visites de convivialité à des personnes âgées",
            "Rendre visite chaque semaine à une personne âgée isolée de votre quartier.",
            "écoute, patience",
        ),
        (
            "Permanence d'écrivain public",
            "Aider à remplir des formulaires et à rédiger des courriers administratifs.",
            "rédaction, démarches administratives",
        ),
    ],
    "environment": [
        (
            "Nettoyage des berges",
            "Ramasser et trier les déchets le long des quais, avec gants et pinces fournis.",
            "bonne humeur, travail en équipe",
        ),
        (
            "Entretien d'un jardin partagé",
            "Désherber, arroser et planter avec les jardiniers du quartier.",
            "jardinage",
        ),
        (
            "Plantation d'arbres en ville",
            "Participer à la plantation de jeunes arbres dans une cour d'école.",
            "jardinage, travail en équipe",
        ),
        (
            "Repair café : réparer plutôt que jeter",
            "Aider les habitants à réparer leurs petits appareils et objets du quotidien.",
            "bricolage, électronique",
        ),
        (
            "Inventaire de la biodiversité urbaine",
            "Compter les oiseaux et les insectes d'un square avec un protocole simple.",
            "observation",
        ),
        (
            "Animation d'un site de compostage",
            "Accueillir les habitants qui apportent leurs épluchures et entretenir le compost.",
            "pédagogie",
        ),
        (
            "Atelier de réparation de vélos",
            "Accompagner les cyclistes qui réparent eux-mêmes leur vélo.",
            "mécanique vélo",
        ),
    ],
    "education": [
        (
            "Aide aux devoirs pour collégiens",
            "Accompagner des collégiens dans leurs devoirs après la classe.",
            "pédagogie, mathématiques, français",
        ),
        (
            "Lecture avec des enfants de CP",
            "Lire des histoires et accompagner les premiers pas en lecture.",
            "lecture, patience",
        ),
        (
            "Initiation au numérique pour seniors",
            "Apprendre à utiliser une tablette, les e-mails et les démarches en ligne.",
            "informatique, pédagogie",
        ),
        (
            "Conversation en français avec des apprenants",
            "Animer un groupe de conversation pour des personnes qui apprennent le français.",
            "langues, animation",
        ),
        (
            "Accompagnement vers l'emploi",
            "Relire des CV et préparer des entretiens d'embauche.",
            "ressources humaines, rédaction",
        ),
    ],
    "culture": [
        (
            "Accueil du public d'un festival de quartier",
            "Orienter le public, tenir le stand d'information et aider à l'installation.",
            "accueil, langues",
        ),
        ("Lecture à voix haute en bibliothèque", "Lire des contes aux enfants le samedi matin.", "lecture"),
        (
            "Médiation dans un musée",
            "Accompagner des groupes éloignés de la culture lors d'une visite.",
            "histoire de l'art, animation",
        ),
        (
            "Organisation d'un concert solidaire",
            "Aider à l'installation, à l'accueil et à la buvette d'un concert.",
            "logistique",
        ),
    ],
    "sport": [
        (
            "Encadrement d'une course solidaire",
            "Baliser le parcours, ravitailler et encourager les coureurs.",
            "endurance, bonne humeur",
        ),
        (
            "Sport partagé avec des personnes handicapées",
            "Pratiquer une activité sportive avec des personnes en situation de handicap.",
            "sport, bienveillance",
        ),
        (
            "Tournoi de football de quartier",
            "Arbitrer et organiser un tournoi pour les jeunes du quartier.",
            "arbitrage, animation",
        ),
        (
            "Marche douce pour seniors",
            "Accompagner un groupe de seniors pour une marche d'une heure.",
            "marche",
        ),
    ],
    "health": [
        (
            "Accueil des donneurs de sang",
            "Accueillir les donneurs et leur servir une collation après le don.",
            "accueil",
        ),
        (
            "Sensibilisation aux gestes qui sauvent",
            "Aider les formateurs lors d'une initiation aux premiers secours.",
            "premiers secours",
        ),
        (
            "Accompagnement de patients à l'hôpital",
            "Tenir compagnie à des patients hospitalisés longtemps.",
            "écoute",
        ),
    ],
    "citizenship": [
        (
            "Aide à l'inscription sur les listes électorales",
            "Informer les habitants et les aider à s'inscrire en ligne.",
            "démarches administratives",
        ),
        (
            "Accueil des nouveaux habitants",
            "Présenter le quartier et ses services aux nouveaux arrivants.",
            "accueil, langues",
        ),
        (
            "Animation d'un conseil de quartier",
            "Aider à préparer et à animer une réunion publique du conseil de quartier.",
            "animation, prise de notes",
        ),
    ],
}

REMOTE = [
    (
        "solidarity",
        "Appels de convivialité à des personnes âgées",
        "Appeler chaque semaine une personne âgée isolée, depuis chez vous.",
        "écoute",
    ),
    (
        "education",
        "Soutien scolaire en visio",
        "Accompagner un lycéen en mathématiques par visioconférence.",
        "mathématiques",
    ),
    (
        "citizenship",
        "Traduction de documents pour une association",
        "Traduire des fiches d'information en anglais, arabe ou dari.",
        "langues, traduction",
    ),
    (
        "culture",
        "Création de visuels pour une association",
        "Concevoir affiches et publications pour les réseaux sociaux.",
        "graphisme",
    ),
    (
        "solidarity",
        "Modération d'un forum d'entraide",
        "Répondre aux questions et modérer un forum d'entraide entre voisins.",
        "rédaction, bienveillance",
    ),
    (
        "environment",
        "Cartographie des fontaines à eau",
        "Vérifier et compléter une carte collaborative des points d'eau.",
        "cartographie",
    ),
]

EVENTS = [
    (
        "walk",
        "culture",
        "Balade commentée : l'histoire de l'entraide à Belleville",
        "Une balade de deux heures à la découverte des lieux de la solidarité d'hier et d'aujourd'hui.",
    ),
    (
        "walk",
        "environment",
        "Balade nature le long du canal",
        "Observer la faune et la flore du canal avec un naturaliste bénévole.",
    ),
    (
        "walk",
        "culture",
        "Balade des jardins partagés",
        "De jardin en jardin, rencontrer celles et ceux qui les font vivre.",
    ),
    (
        "visit",
        "environment",
        "Visite d'une recyclerie",
        "Découvrir comment les objets sont collectés, réparés et revendus.",
    ),
    (
        "visit",
        "solidarity",
        "Visite d'une épicerie solidaire",
        "Comprendre le fonctionnement d'une épicerie solidaire et rencontrer ses bénévoles.",
    ),
    (
        "visit",
        "health",
        "Visite d'un centre de don du sang",
        "Le parcours du don, de l'accueil à la collation.",
    ),
    (
        "conference",
        "citizenship",
        "Conférence : s'engager quand on a peu de temps",
        "Missions courtes, ponctuelles, à distance : toutes les façons de s'engager.",
    ),
    (
        "conference",
        "solidarity",
        "Conférence : la grande précarité à Paris",
        "Chiffres, dispositifs et témoignages, avec des associations de terrain.",
    ),
    (
        "conference",
        "education",
        "Conférence : le bénévolat, une expérience qui compte",
        "Valoriser son engagement dans son parcours professionnel.",
    ),
    (
        "workshop",
        "health",
        "Atelier : les premiers secours en deux heures",
        "Apprendre à alerter, masser et défibriller.",
    ),
    (
        "workshop",
        "environment",
        "Atelier : fabriquer son compost d'appartement",
        "Repartez avec votre lombricomposteur.",
    ),
    (
        "workshop",
        "education",
        "Atelier : animer un groupe de conversation",
        "Les bases pour animer un groupe d'apprenants en français.",
    ),
]

CHARTER = """Charte éthique de la Nuit de la Solidarité

1. Je respecte la dignité, l'anonymat et le choix des personnes rencontrées :
   personne n'est obligé de répondre.
2. Je ne prends aucune photo ni aucune donnée permettant d'identifier une personne.
3. Je reste avec mon équipe pendant toute la nuit et je suis les consignes de mon chef d'équipe.
4. Je n'interviens pas dans une situation dangereuse : j'alerte les secours.
5. Je garde confidentielles les informations recueillies."""

# The same content for a city other than Paris: Paris's names become the configured city's
# ({city}, {of_city}: "de Beaulac", "d'Avignon") or neutral wording.
ELSEWHERE = {
    "Entraide Seniors Paris": "Entraide Seniors {city}",
    "Sport pour Tous Paris": "Sport pour Tous {city}",
    "Zéro Déchet Paris Est": "Zéro Déchet {city} Est",
    "Accueil Exilés Paris": "Accueil Exilés {city}",
    "l'est parisien": "l'est de la ville",
    "Centre Paris Anim'": "Centre d'animation",
    "la grande précarité à Paris": "la grande précarité en ville",
    "Ville de Paris": "Ville {of_city}",
    "les rues de Paris": "les rues {of_city}",
}

MISSION_COUNT = 258  # missions in the catalogue (events come on top)
VOLUNTEERS = 150  # demo volunteer accounts (volunteer1@example.org ...)
ORGANISER = ("Oscar", "Organisateur", 41)  # organiser@example.org: given name, family name, age
CENTRE = "Paris Centre"  # a mission's place label in Paris's central district
DISTRICT_LABEL = "{code}e"  # and in the others
WELCOME = (
    "Aucune expérience n'est demandée : un bénévole de l'association vous accueille et vous forme sur place."
)
MIN_AGES = (None, None, None, 16, 18)  # drawn for each mission
PREREQUISITES = ("", "", "", "Être disponible pour toute la durée de la mission.")
REPORT_NOTE = "Cette mission ressemble à une offre d'emploi déguisée."  # a volunteer's report to moderate


@dataclass(frozen=True, slots=True)
class NightCampaign:
    slug: str
    title: str
    description: str
    days_from_today: int
    districts: tuple[str, ...]  # Paris's; another city's first districts, as many
    signups: int  # volunteers who sign up
    leaders: float  # share of them who sign up as team leaders


NIGHT = NightCampaign(
    slug="nuit-de-la-solidarite",
    title="Nuit de la Solidarité",
    description=(
        "Une nuit par an, des bénévoles parcourent les rues de Paris en équipes de 4 ou 5 "
        "pour aller à la rencontre des personnes sans abri et mieux connaître leurs besoins. "
        "Chaque équipe est menée par un chef d'équipe expérimenté. "
        "Une formation d'une heure a lieu avant le départ."
    ),
    days_from_today=45,
    districts=("10", "11", "13", "18", "19", "20"),
    signups=70,
    leaders=0.22,
)
