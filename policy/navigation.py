from django.utils.translation import gettext_lazy as _

from jongerenwerk.hooks import NavItem
from policy.permissions import can_view_completion_report


def nav_items(request):
    """Policy for everyone; posts for review; the completion report for managers and team leads."""
    items = [
        NavItem(_("Beleid"), "policy:list", "journal-text", order=50),
        NavItem(_("Berichten"), "policy:post_list", "megaphone", order=55),
    ]
    if can_view_completion_report(request.user):
        items.append(NavItem(_("Kennisname"), "policy:report", "clipboard-check", order=56))
    return items
