"""The europeans_council plugin."""
