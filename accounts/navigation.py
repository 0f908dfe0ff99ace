from django.utils.translation import gettext_lazy as _

from jongerenwerk.hooks import NavItem


def nav_items(request):
    return [NavItem(_("Mijn teams"), "accounts:my_teams", "people", order=90)]
