"""The one way Parvis folds, stems and splits text (parvis.search.text), moved from the volunteers."""

from parvis.api.search import fold, index_text, query_terms, stem, stem_terms, tokens


def test_fold_removes_case_and_accents_but_keeps_kana_marks():
    assert fold("Été À L'ŒUVRE") == "ete a l'oeuvre"
    assert fold("ガーデン ｶﾞｰﾃﾞﾝ") == "ガーデン ガーデン"  # half-width kana made full-width, marks kept


def test_minimal_french_stemming():
    assert stem("jardins") == stem("jardin") == "jardin"
    assert stem("benevoles") == stem("benevole")
    assert stem("animaux") == "animal"
    assert stem("employee") == stem("employe")
    assert stem("chat") == "chat"  # short words are kept


def test_minimal_english_stemming():
    assert stem("gardens", "en") == "garden"
    assert stem("libraries", "en") == "library"
    assert stem("boxes", "en") == "boxe"  # a minimal stemmer: plurals, and nothing clever
    assert stem("glass", "en") == "glass" and stem("bus", "en") == "bus"


def test_query_terms_drop_stop_words_but_never_everything():
    assert stem_terms("Les jardins de Belleville") == ["jardin", "bellevil"]
    assert stem_terms("de la") == ["de", "la"]
    assert query_terms("   ") == []
    assert [t.alternatives for t in query_terms("the libraries")] == [("librari", "library")]


def test_japanese_is_indexed_as_bigrams():
    assert tokens("市民参加") == ["市民", "民参", "参加", "加"]
    assert [t.phrase for t in query_terms("参加する")] == [("参加", "加す", "する")]


def test_index_text_matches_query_terms():
    indexed = index_text(["Nettoyage des berges", None, "Bénévoles"]).split()
    assert all(term in indexed for term in stem_terms("bénévole berges"))
