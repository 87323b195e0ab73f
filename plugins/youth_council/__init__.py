"""The youth_council plugin."""
