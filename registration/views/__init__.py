"""Views of contact registration and time, per subdomain."""
