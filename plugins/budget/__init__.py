"""The budget plugin."""
