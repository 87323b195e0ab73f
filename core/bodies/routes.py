"""Pages of participatory bodies: public pages and the officials' back office.

The public controller lives in ``public_routes``, the back office's in ``admin/`` (one module a
resource); core's ``register_routes`` imports them from here.
"""

from parvis.bodies.admin import CONTROLLERS as BODY_ADMIN_CONTROLLERS
from parvis.bodies.admin import manages_bodies
from parvis.bodies.public_routes import BodyPublicController

__all__ = ["BODY_ADMIN_CONTROLLERS", "BodyPublicController", "manages_bodies"]
