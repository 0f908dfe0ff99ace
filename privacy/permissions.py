"""Named capabilities of the privacy app. Templates get these as booleans."""

from accounts.permissions import is_administrator


def can_manage_retention(user):
    """The administrator keeps the retention periods, the legal holds and reads the destruction log."""
    return is_administrator(user)


def can_read_access_overviews(user):
    """Who looked at whose records is for the administrator (NEN 7513 access overviews)."""
    return is_administrator(user)


def can_export_young_person_file(user):
    """The administrator answers an access request with the full file of one young person."""
    return is_administrator(user)
