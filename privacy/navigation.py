from django.utils.translation import gettext_lazy as _

from jongerenwerk.hooks import NavItem
from privacy.permissions import can_read_access_overviews


def nav_items(request):
    """Privacy (access overviews, retention, destruction log) for the administrator (no queries)."""
    if can_read_access_overviews(request.user):
        return [NavItem(_("Privacy"), "privacy:index", "shield-lock", order=97)]
    return []
