"""The plugin's permission: officials of a district manage their district's councils and
programmes only (the permission is granted with a district scope)."""

MANAGE = "neighbourhood_councils.manage"
