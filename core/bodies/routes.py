"""Pages of participatory bodies: public pages and the officials' back office.

The controllers live in ``public_routes`` and ``admin_routes``; core's ``register_routes``
imports them from here.
"""

from parvis.bodies.admin_routes import BodyAdminController, manages_bodies
from parvis.bodies.public_routes import BodyPublicController

__all__ = ["BodyAdminController", "BodyPublicController", "manages_bodies"]
