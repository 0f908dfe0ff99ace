from django.utils.translation import gettext_lazy as _

from jongerenwerk.hooks import NavItem
from signals import permissions


def nav_items(request):
    """Signals for those who report, the queue for leads, the figures for managers (roles only, cached)."""
    user = request.user
    items = []
    if permissions.can_report(user):
        items.append(NavItem(_("Signalen"), "signals:list", "shield-exclamation", order=30))
        items.append(NavItem(_("Intervisie"), "signals:session_list", "people", order=35))
    if permissions.can_see_queue(user):
        items.append(NavItem(_("Wachtrij"), "signals:queue", "inbox", order=31))
    if permissions.can_see_statistics(user):
        items.append(NavItem(_("Signalen in cijfers"), "signals:statistics", "bar-chart", order=60))
    return items
