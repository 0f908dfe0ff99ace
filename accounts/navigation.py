from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_manage_organisation
from accounts.permissions.outreach import can_manage_platforms, can_see_matrix, can_see_outreach
from jongerenwerk.hooks import NavItem


def nav_items(request):
    items = [NavItem(_("Mijn teams"), "accounts:my_teams", "people", order=90)]
    if can_manage_organisation(request.user):
        items.append(NavItem(_("Beheer"), "accounts:member_list", "gear", order=95))
    if can_see_outreach(request.user):
        items.append(NavItem(_("Doelgroepen"), "accounts:target_group_list", "bullseye", order=20))
        items.append(NavItem(_("Accounts"), "accounts:account_list", "person-badge", order=25))
    if can_see_matrix(request.user):
        items.append(NavItem(_("Matrix"), "accounts:matrix", "grid-3x3", order=22))
    if can_manage_platforms(request.user):
        items.append(NavItem(_("Platforms"), "accounts:platform_list", "phone", order=96))
    return items
