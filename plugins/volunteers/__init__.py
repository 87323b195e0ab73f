"""The volunteers plugin."""
