"""The assembly plugin."""
