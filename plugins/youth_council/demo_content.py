"""Fictitious content of the Youth Council's demo: invented topics, guests and texts (no real person).

``days_ago`` counts back from the day the demo is loaded (negative: upcoming); an output's ``path``
is the workflow states it went through."""

from __future__ import annotations

from parvis.api.councils import DemoContent, DemoHearing, DemoOutput, DemoReferral, DemoVoeu

CONTENT = DemoContent(
    name="Conseil parisien de la jeunesse",
    description=(
        "100 jeunes de 15 à 30 ans, autant de femmes que d'hommes, tirés au sort parmi les "
        "candidatures ; la moitié des sièges est renouvelée chaque année."
    ),
    call="Appel à candidatures : conseillères et conseillers de la jeunesse",
    referrals=(
        DemoReferral(
            origin="mayor",
            title="La santé mentale des jeunes Parisiennes et Parisiens",
            description=(
                "Saisine de la Maire : comment mieux repérer et accompagner les jeunes en "
                "souffrance psychique ?"
            ),
            days_ago=120,
            status="in_progress",
        ),
        DemoReferral(
            origin="self",
            title="Se loger quand on est étudiant ou apprenti",
            description="Auto-saisine décidée en séance plénière.",
            days_ago=200,
            status="answered",
        ),
        DemoReferral(
            origin="mayor",
            title="La place des jeunes dans les conseils de quartier",
            days_ago=20,
        ),
    ),
    hearings=(
        DemoHearing(
            title="Audition sur la santé mentale des jeunes",
            days_ago=60,
            place="Hôtel de Ville, salle des commissions",
            guests=(
                (
                    "Inès Martin-Roux",
                    "Maison des adolescents (fictive)",
                    "L'accueil sans rendez-vous des 11-25 ans",
                ),
                (
                    "Dr Karim Benali",
                    "Centre de santé universitaire (fictif)",
                    "Les consultations gratuites pour les étudiants",
                ),
            ),
            minutes=(
                "Les intervenants ont présenté leurs dispositifs. Les conseillers ont interrogé "
                "l'accès aux soins le soir et le week-end. Pistes retenues : mieux faire connaître "
                "les lieux d'écoute, former des pairs aidants."
            ),
        ),
        DemoHearing(
            title="Audition sur le logement des jeunes",
            days_ago=170,
            place="Mairie du 11e arrondissement",
            guests=(
                (
                    "Claire Fontaine",
                    "Association Toit Jeune (fictive)",
                    "La colocation intergénérationnelle",
                ),
            ),
            minutes=(
                "Présentation de la colocation solidaire et des résidences jeunes actifs ; échanges "
                "sur les garanties locatives."
            ),
        ),
        DemoHearing(
            title="Audition : sport et espaces publics",
            days_ago=-12,
            place="Hôtel de Ville",
            guests=(("Lucas Moreau", "Ligue de basket de rue (fictive)", "Les terrains en accès libre"),),
        ),
    ),
    outputs=(
        DemoOutput(
            type="opinion",
            title="Avis sur le logement des étudiants et des apprentis",
            summary=(
                "Le Conseil propose une bourse aux colocations et une garantie locative municipale "
                "pour les moins de 30 ans."
            ),
            days_ago=150,
            path=("validated", "transmitted"),
        ),
        DemoOutput(
            type="recommendation",
            title="Recommandation : des lieux d'écoute ouverts le soir",
            summary=(
                "Ouvrir deux lieux d'écoute pour les jeunes jusqu'à 22 heures, avec des pairs aidants formés."
            ),
            days_ago=45,
            path=("validated", "submitted"),
        ),
        DemoOutput(
            type="proposal",
            title="Proposition : un agenda des jeunes dans chaque mairie d'arrondissement",
            summary="Publier chaque mois les activités gratuites pour les 15-30 ans.",
            days_ago=10,
            path=(),
        ),
    ),
    voeu=DemoVoeu(
        title="Vœu pour la gratuité des équipements sportifs en accès libre le soir",
        summary=(
            "Le Conseil parisien de la jeunesse demande l'ouverture en soirée des terrains de sport "
            "de proximité."
        ),
    ),
    previous_voeu=DemoVoeu(
        title="Vœu pour un Pass Culture municipal des 15-25 ans",
        summary="Un pass donnant accès gratuitement aux musées et théâtres de la Ville.",
        response="La Ville a lancé une expérimentation dans cinq établissements.",
        department="Direction des affaires culturelles",
        progress=40,
        milestones=(
            "Expérimentation dans cinq établissements",
            "Bilan et extension à tous les musées de la Ville",
        ),
    ),
)

APPLICANTS = 24  # young applicants to the open call
MOTIVATION = "Je veux agir."
