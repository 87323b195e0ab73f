"""Personal data: memberships and contributions are exported and erased; published
contributions stay on the map without their author."""

from sqlalchemy import select

from parvis import privacy
from parvis.plugins.neighbourhood_councils import beautify, services
from parvis.plugins.neighbourhood_councils.models import Category, Contribution, Link, Member


def test_export_and_erasure(db, site, make_account, make_council, make_programme, districts):
    council, programme = make_council(districts[0]), make_programme(districts[0])
    account = make_account(district=districts[0])
    person = account.person
    services.join(db, site, council, person, Link.LIVE)
    beautify.contribute(
        db,
        site,
        programme,
        person,
        category=Category.PLAY,
        place="Jardin",
        description="Jeux",
        latitude=None,
        longitude=None,
        premoderate=False,  # published at once; the other one awaits moderation
    )
    beautify.contribute(
        db,
        site,
        programme,
        person,
        category=Category.SAFETY,
        place="Carrefour",
        description="Feu",
        latitude=None,
        longitude=None,
    )
    db.commit()
    sections = site.hook.export_personal_data(db=db, site=site, account=account, person=person)
    codes = {s.code for found in sections for s in found if s is not None}
    assert {"neighbourhood_councils.members", "neighbourhood_councils.contributions"} <= codes
    privacy.erase(db, site, account)
    db.commit()
    assert db.scalar(select(Member)) is None
    [left] = db.scalars(select(Contribution)).all()
    assert (left.place, left.person_id) == ("Jardin", None)
