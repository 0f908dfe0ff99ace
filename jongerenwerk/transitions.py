"""The shared check of every state machine's ALLOWED_TRANSITIONS table."""

from django.utils.translation import gettext as _

from jongerenwerk.errors import DomainError


def ensure_allowed(table, old, new, status_labels):
    """Raise a translated DomainError unless `table[old]` allows `new`."""
    if new not in table.get(old, ()):
        raise DomainError(
            _("Dit kan niet: van ‘%(old)s’ naar ‘%(new)s’ is geen toegestane stap.")
            % {"old": status_labels.get(old, old), "new": status_labels.get(new, new)}
        )
