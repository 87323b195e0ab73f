"""The demo's recruitment goes through the services an official uses: its pre-draws too."""

import random

from parvis.api.workflows import history
from parvis.demo import DemoContext
from parvis.plugins.assembly import demo_recruitment
from parvis.plugins.assembly.lifecycle import DRAW
from parvis.plugins.assembly.models import DrawStatus
from parvis.plugins.assembly.services import common, imports
from parvis.plugins.assembly.settings import YOUNG


def test_the_demo_predraw_moves_through_the_draw_workflow_and_its_letters_go_out(
    db, site, promotion, official
):
    demo = DemoContext(site=site, rng=random.Random(7), today=site.today())
    made = demo_recruitment.college_c(
        db, site, demo, promotion, official, predraw_on=site.today(), finish=False
    )
    college = common.college(promotion.body, YOUNG)
    predraw = imports.predraw_of(db, promotion, college)
    assert predraw is not None
    assert predraw.status == DrawStatus.PUBLISHED
    moves = [(e.transition, e.to_state, e.actor_id) for e in history(db, DRAW, predraw)]
    assert moves == [("draw", "drawn", official.account.id), ("publish", "published", None)]
    assert made  # the letters go out from it, to the people it drew
    assert {letter.invitee.college_id for letter in made} == {college.id}
