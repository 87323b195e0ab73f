"""The officials' back office for participatory bodies: one module per resource (bodies, terms,
colleges, members, groups, meetings with their attendance), each a controller below
``/admin/bodies`` behind the ``manages_bodies`` guard.

Every rule lives in ``parvis.bodies.services``; the handlers follow the shared back-office
pattern (``parvis.web.backoffice``): a refusal rolls the request back and shows the form again
with status 400.
"""

from parvis.bodies.admin.bodies import BodiesAdminController
from parvis.bodies.admin.colleges import CollegesAdminController
from parvis.bodies.admin.common import manages_bodies
from parvis.bodies.admin.groups import GroupsAdminController
from parvis.bodies.admin.meetings import MeetingsAdminController
from parvis.bodies.admin.members import MembersAdminController
from parvis.bodies.admin.terms import TermsAdminController

CONTROLLERS = [
    BodiesAdminController,
    TermsAdminController,
    CollegesAdminController,
    MembersAdminController,
    GroupsAdminController,
    MeetingsAdminController,
]

__all__ = ["CONTROLLERS", "manages_bodies"]
