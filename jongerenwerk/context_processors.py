"""What every page needs: the menu for this person's roles and the notification bell."""

from dataclasses import dataclass
from functools import lru_cache

from django.templatetags.static import static
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


# The layout's own links and files (base.html), the same on every page.
LAYOUT_URL_NAMES = (
    "home",
    "notifications:list",
    "account_change_password",
    "mfa_index",
    "usersessions_list",
    "account_logout",
    "accounts:language",
)
LAYOUT_ASSETS = {
    "bootstrap_css": "vendor/bootstrap/bootstrap.min.css",
    "icons_css": "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "app_css": "css/app.css",
    "bootstrap_js": "vendor/bootstrap/bootstrap.bundle.min.js",
    "htmx_js": "vendor/htmx/htmx.min.js",
    "app_js": "js/app.js",
}


@lru_cache(maxsize=16)
def _layout_links(urlconf, script_prefix, static_url):
    """The layout's addresses and (hashed) file names, resolved once per process: 13 lookups a page otherwise."""
    urls = {name.replace(":", "_"): _menu_href(name, urlconf, script_prefix) for name in LAYOUT_URL_NAMES}
    return urls, {key: static(path) for key, path in LAYOUT_ASSETS.items()}


def layout(request):
    """What base.html links to on every page, for everyone (the login page too)."""
    from django.conf import settings

    urls, assets = _layout_links(get_urlconf(), get_script_prefix(), settings.STATIC_URL)
    return {"layout_urls": urls, "layout_assets": assets}


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
