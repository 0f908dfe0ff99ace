"""Models of this app (the issue for this part adds them)."""
