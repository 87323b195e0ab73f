"""What ``parvis.api.bodies`` offers plugins (gathered from the bodies' modules)."""

from parvis.bodies.kinds import BodyKind, CollegeTemplate
from parvis.bodies.models import Body, FillMethod
from parvis.bodies.services import create_body

__all__ = ["Body", "BodyKind", "CollegeTemplate", "FillMethod", "create_body"]
