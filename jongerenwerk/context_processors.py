"""What every page needs: the menu for this person's roles and the notification bell."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import ngettext

from jongerenwerk.hooks import collect


@dataclass(frozen=True)
class MenuLink:
    """A menu entry as the layout shows it: its address resolved and whether it is the page shown."""

    label: str
    href: str
    icon: str
    active: bool


@lru_cache(maxsize=256)
def _menu_href(url_name, urlconf, script_prefix):
    # The menu's addresses take no arguments: resolved once per process (and per urlconf and prefix).
    return reverse(url_name, urlconf=urlconf)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from notifications.selectors import unread_count

    urlconf, prefix = get_urlconf(), get_script_prefix()
    links = []
    for item in sorted(collect("navigation", "nav_items", request), key=lambda item: item.order):
        href = _menu_href(item.url_name, urlconf, prefix)
        links.append(MenuLink(item.label, href, item.icon, request.path == href))
    unread = unread_count(user)
    bell_label = ngettext("Meldingen: %(counter)s ongelezen", "Meldingen: %(counter)s ongelezen", unread) % {
        "counter": unread
    }
    return {"nav_items": links, "unread_notifications": unread, "bell_label": bell_label}
