"""Writes of the privacy app: `retention` (settings, legal holds, the daily removal) and `exports`."""
