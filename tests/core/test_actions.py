"""A plugin's actions, each declared once with ``Actions``: the constant is the code routes check,
and the bound ``register_actions`` gives the site every action with its default roles and scope."""

import types

import pytest

from parvis.api import CITIZEN, OFFICIAL, Actions, lazy_gettext
from parvis.auth import load_actor


def declaring_plugin() -> tuple[types.SimpleNamespace, str, str]:
    actions = Actions()
    manage = actions.declare("declaring.manage", lazy_gettext("Manage"), district_scoped=True)
    join = actions.declare("declaring.join", lazy_gettext("Join"), frozenset({CITIZEN}))
    return types.SimpleNamespace(register_actions=actions.register_actions), manage, join


PLUGIN, MANAGE, JOIN = declaring_plugin()


@pytest.mark.hooks("register_actions")
def test_declared_actions_reach_the_site_with_their_roles(make_site, db, make_account):
    site = make_site([], extra=[("declaring", PLUGIN)])
    assert (MANAGE, JOIN) == ("declaring.manage", "declaring.join")
    manage, join = site.actions[MANAGE], site.actions[JOIN]
    assert manage.roles == frozenset({OFFICIAL}) and manage.district_scoped
    assert join.roles == frozenset({CITIZEN}) and not join.district_scoped
    citizen = load_actor(db, make_account(CITIZEN))
    assert site.hook.permission_allowed(site=site, actor=citizen, action=JOIN, resource=None)
    assert not site.hook.permission_allowed(site=site, actor=citizen, action=MANAGE, resource=None)
