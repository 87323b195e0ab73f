"""French normalisation for the SQLite search."""

from parvis.plugins.volunteers.text import fold, index_text, query_terms, stem


def test_fold_removes_case_and_accents():
    assert fold("Été À L'ŒUVRE") == "ete a l'oeuvre"


def test_minimal_french_stemming():
    assert stem("jardins") == stem("jardin") == "jardin"
    assert stem("benevoles") == stem("benevole")
    assert stem("animaux") == "animal"
    assert stem("employee") == stem("employe")
    assert stem("chat") == "chat"  # short words are kept


def test_query_terms_drop_stop_words_but_never_everything():
    assert query_terms("Les jardins de Belleville") == ["jardin", "bellevil"]
    assert query_terms("de la") == ["de", "la"]
    assert query_terms("   ") == []


def test_index_text_matches_query_terms():
    indexed = index_text(["Nettoyage des berges", None, "Bénévoles"]).split()
    assert all(term in indexed for term in query_terms("bénévole berges"))
