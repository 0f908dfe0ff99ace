from django.utils.translation import gettext_lazy as _

from jongerenwerk.hooks import NavItem
from registration import permissions


def nav_items(request):
    """Registering for workers; months, reports and agreements for leads and managers (no queries)."""
    user = request.user
    items = []
    if permissions.can_register(user):
        items.append(NavItem(_("Registreren"), "registration:week", "stopwatch", order=10))
        items.append(NavItem(_("Jongeren"), "registration:young_person_list", "person-badge", order=20))
    if permissions.can_register(user) or permissions.can_build_reports(user):
        items.append(NavItem(_("Uren"), "registration:dashboard", "bar-chart", order=30))
    if permissions.can_build_reports(user):
        items.append(NavItem(_("Maanden"), "registration:month_list", "calendar-check", order=35))
        items.append(NavItem(_("Rapport"), "registration:report", "file-earmark-spreadsheet", order=40))
    if permissions.can_manage_agreements(user):
        items.append(NavItem(_("Opdrachten"), "registration:agreement_list", "briefcase", order=45))
    return items
