from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_manager
from jongerenwerk.hooks import NavItem
from signals import permissions


def nav_items(request):
    """Workers: their signals; leads: the queue (which links the figures); managers: the figures;
    administrators: the signal settings. Roles only."""
    user = request.user
    items = []
    if permissions.can_see_queue(user):
        items.append(NavItem(_("Wachtrij"), "signals:queue", "inbox", order=30))
    elif permissions.can_report(user):
        items.append(NavItem(_("Signalen"), "signals:list", "shield-exclamation", order=30))
    if permissions.can_report(user):
        items.append(NavItem(_("Intervisie"), "signals:session_list", "people", order=35))
    if is_manager(user):
        items.append(NavItem(_("Signalen in cijfers"), "signals:statistics", "bar-chart", order=60))
    if permissions.can_manage_signal_settings(user):
        items.append(NavItem(_("Signaalinstellingen"), "signals:settings", "sliders", order=97))
    return items
