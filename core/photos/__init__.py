"""Core's photo store: every plugin's photos in one table (``core_photo``), attached to a content
ref (kind + key), served by one route (``/photos/<public id>``) that follows core's moderation.
Plugins reach it through ``parvis.api.photos``."""
