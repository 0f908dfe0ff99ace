"""Writes of the signals app: `signal` (the Meldcode workflow), `intervision`, `reminders`."""
