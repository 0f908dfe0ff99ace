"""Views of the signals app: `signal` (reporting, steps, queue, figures) and `intervision`."""
