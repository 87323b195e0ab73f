"""The browser suite's check of officials' texts' lang (parvis.testing_lang): which texts it knows
and in which languages, and what it reports, without a browser."""

from parvis.content_translations import service
from parvis.content_translations.registry import translatable_kinds
from parvis.testing_lang import known_texts, language_faults


def test_it_knows_each_original_in_its_objects_language_and_each_translation_in_its_own(db, site, council):
    kind = translatable_kinds(site)["core.body"]
    service.save(db, site, kind, council, {("name", "ja"): "サンプル評議会のテスト"})
    db.commit()
    texts = known_texts(site)
    assert texts["Conseil des Échantillons"] == {"fr"}
    assert texts["サンプル評議会のテスト"] == {"ja"}
    council.name = "Council of Samples"
    service.set_original(db, site, kind, council, "en")
    db.commit()
    assert known_texts(site)["Council of Samples"] == {"en"}


def test_it_reports_a_text_shown_under_another_language_only():
    texts = {"Conseil des Échantillons": {"fr"}, "Council of Samples": {"en", "fr"}}
    assert not language_faults([["en", "Home "], ["fr", "Conseil des\u00a0Échantillons"]], texts)
    assert not language_faults([["ja", "Council of Samples"]], {"Council of Samples": {"ja", "en"}})
    [fault] = language_faults([["en", "Our Conseil des Échantillons meets"]], texts)
    assert fault == "'Conseil des Échantillons' (fr) shown as lang='en'"
    assert len(language_faults([["ja", "Council of Samples"]], texts)) == 1
