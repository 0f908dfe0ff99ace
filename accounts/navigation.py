from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_manage_organisation
from jongerenwerk.hooks import NavItem


def nav_items(request):
    items = [NavItem(_("Mijn teams"), "accounts:my_teams", "people", order=90)]
    if can_manage_organisation(request.user):
        items.append(NavItem(_("Beheer"), "accounts:member_list", "gear", order=95))
    return items
