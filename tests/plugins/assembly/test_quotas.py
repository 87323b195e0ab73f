"""Quotas from the population shares, widened by the tolerance, with exact fractions."""

from fractions import Fraction

from parvis.plugins.assembly.services import quotas


def test_targets_and_bounds_for_eighty_seats(site):
    rows = {(r.feature, r.value): r for r in quotas.rows(site, 80)}
    woman = rows[("gender", "woman")]
    assert woman.target == Fraction(53 * 80, 100)
    assert (woman.minimum, woman.maximum) == (38, 47)  # 42.4 -10 % / +10 %
    qpop = rows[("qpop", "yes")]
    assert (qpop.minimum, qpop.maximum) == (7, 9)
    population = sum(d.population for d in site.config.districts)
    centre = rows[("district", "centre")]
    assert centre.target == Fraction(100200 * 80, population)
    assert centre.minimum <= centre.target <= centre.maximum
    features = {f for f, _v in rows}
    assert features == {"age", "gender", "education", "district", "qpop"}


def test_every_feature_can_fill_the_panel(site):
    for seats in (5, 20, 80, 100):
        built = quotas.rows(site, seats)
        for feature in {r.feature for r in built}:
            mine = [r for r in built if r.feature == feature]
            assert sum(r.minimum for r in mine) <= seats <= sum(r.maximum for r in mine)


def test_values_only_the_pool_has_are_left_free(site):
    built = quotas.build(site, 80, {"gender": {"woman", "man", "other"}})
    other = built.get("gender", "other")
    assert (other.min, other.max) == (0, 80)


def test_tolerance_is_a_setting(make_site):
    strict = make_site(["assembly"], settings={"assembly": {"tolerance_percent": 0, "private_dir": "/tmp/x"}})
    woman = next(r for r in quotas.rows(strict, 80) if r.value == "woman")
    assert (woman.minimum, woman.maximum) == (42, 43)


def test_labels_are_translated(site):
    assert quotas.feature_label("qpop") == "Working-class neighbourhood"
    assert quotas.value_label(site, "district", "centre") == "Paris Centre"
    assert quotas.value_label(site, "education", "bac") == "Baccalauréat"
