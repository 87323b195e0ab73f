"""The Assembly's services, one module per concept. Functions add and flush; callers commit."""
