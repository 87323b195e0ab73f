"""Fictitious content of the demo's translations: the councils' names and descriptions and a call
for applications, in English and Japanese, keyed by the original's French name."""

from __future__ import annotations

EUROPEANS = "Conseil des Européens de Paris"
YOUTH = "Conseil parisien de la jeunesse"

BODIES: dict[str, dict[tuple[str, str], str]] = {
    EUROPEANS: {
        ("name", "en"): "Council of Europeans of Paris",
        ("name", "ja"): "パリ欧州市民評議会",
        ("description", "en"): (
            "61 Parisians who are citizens of another member state of the European Union, drawn by "
            "lot; seats in proportion to each nationality."
        ),
        ("description", "ja"): (
            "パリに住む、フランス以外の欧州連合加盟国の市民61人を抽選で選びます。議席は国籍ごとの人数に比例して配分されます。"
        ),
    },
    YOUTH: {
        ("name", "en"): "Paris Youth Council",
        ("name", "ja"): "パリ青少年評議会",
        ("description", "en"): (
            "100 young people aged 15 to 30, as many women as men, drawn by lot among the applicants."
        ),
    },
}
CALL = {
    ("title", "en"): "Call for applications to the Council of Europeans",
    ("title", "ja"): "欧州市民評議会の委員募集",
}
# The Youth Council's description as it read when it was translated (it has changed since).
EARLIER_YOUTH_DESCRIPTION = "100 jeunes de 15 à 30 ans, tirés au sort."
