"""Fictitious content of the Council of Europeans' demo: invented topics, guests and texts (no real
person).

``days_ago`` counts back from the day the demo is loaded (negative: upcoming); an output's ``path``
is the workflow states it went through."""

from __future__ import annotations

from parvis.api.councils import DemoContent, DemoHearing, DemoOutput, DemoReferral, DemoVoeu

CONTENT = DemoContent(
    name="Conseil des Européens de Paris",
    description=(
        "61 Parisiennes et Parisiens citoyens d'un autre État membre de l'Union européenne, tirés "
        "au sort ; sièges proportionnels à chaque nationalité."
    ),
    call="Appel à candidatures au Conseil des Européens",
    referrals=(
        DemoReferral(
            origin="self",
            title="Voter aux élections municipales quand on est citoyen européen",
            description=(
                "Auto-saisine : mieux informer sur l'inscription sur les listes électorales complémentaires."
            ),
            days_ago=160,
            status="answered",
        ),
        DemoReferral(
            origin="mayor",
            title="L'accueil des nouveaux arrivants européens dans les mairies d'arrondissement",
            days_ago=75,
            status="in_progress",
        ),
        DemoReferral(
            origin="self",
            title="Les jumelages et les échanges de jeunes entre capitales européennes",
            days_ago=15,
        ),
    ),
    hearings=(
        DemoHearing(
            title="Audition sur l'inscription électorale des citoyens européens",
            days_ago=130,
            place="Hôtel de Ville, salon des Arcades",
            guests=(
                ("Giulia Rossi", "Maison de l'Europe (fictive)", "Les démarches d'inscription"),
                (
                    "Piotr Kowalski",
                    "Bureau des élections (fictif)",
                    "Les chiffres de participation des Européens",
                ),
            ),
            minutes=(
                "Rappel des règles d'inscription ; les conseillers proposent une campagne "
                "multilingue avant la date limite."
            ),
        ),
        DemoHearing(
            title="Audition sur l'accueil des nouveaux arrivants",
            days_ago=40,
            place="Mairie du 15e arrondissement",
            guests=(("Ana Silva", "Réseau d'entraide lusophone (fictif)", "Le premier mois à Paris"),),
            minutes=(
                "Témoignages sur les démarches (logement, santé, école) et propositions d'un "
                "guichet d'accueil."
            ),
        ),
        DemoHearing(
            title="Audition sur les échanges de jeunes",
            days_ago=-20,
            place="Hôtel de Ville",
            guests=(("Hana Meyer", "Office des jeunes européens (fictif)", "Les échanges entre capitales"),),
        ),
    ),
    outputs=(
        DemoOutput(
            type="recommendation",
            title="Recommandation : une campagne multilingue d'inscription électorale",
            summary=(
                "Informer en plusieurs langues de l'Union, dans les mairies et en ligne, avant "
                "chaque date limite d'inscription."
            ),
            days_ago=110,
            path=("validated", "submitted"),
        ),
        DemoOutput(
            type="opinion",
            title="Avis sur l'accueil des nouveaux arrivants européens",
            summary=("Un livret d'accueil et une permanence mensuelle dans chaque mairie d'arrondissement."),
            days_ago=25,
            path=("validated", "transmitted"),
        ),
    ),
    voeu=DemoVoeu(
        title="Vœu pour une Journée de l'Europe dans chaque arrondissement",
        summary=(
            "Le Conseil des Européens demande que le 9 mai soit célébré dans chaque mairie d'arrondissement."
        ),
    ),
    previous_voeu=DemoVoeu(
        title="Vœu pour un guichet d'information européen à l'Hôtel de Ville",
        summary="Un point d'information sur les droits des citoyens européens à Paris.",
        response="Le guichet ouvre deux demi-journées par semaine depuis le printemps.",
        department="Direction de la démocratie, des citoyen·nes et des territoires",
        progress=70,
        milestones=("Ouverture deux demi-journées par semaine", "Ouverture tous les jours ouvrés"),
    ),
)

# Nationalities weighted roughly like the EU citizens living in Paris (invented proportions).
WEIGHTS = {"PT": 14, "IT": 12, "ES": 9, "DE": 6, "BE": 5, "RO": 5, "PL": 4, "GR": 2, "IE": 2, "NL": 2}
LINKS = ("residence", "residence", "work", "study")  # applicants' links with the city, in turn
APPLICANTS = 18
LINK_DETAILS = "Paris {number}e"  # an applicant's arrondissement
REFUSAL_NOTE = "Justificatif de domicile manquant."  # the one application found inadmissible
