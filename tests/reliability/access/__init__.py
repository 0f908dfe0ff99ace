"""The expected-access table: one row per URL name, kept per app in `tests/reliability/access/<app>.py`.

Every URL the resolver knows (except allauth's own `/account/` pages, the Django admin and static files)
must have a row here, or the access matrix fails naming it. A row says which roles may GET and POST
it, and, for a URL about one object, how to build the kwargs of an object of the person's own team,
another team of the organisation and another organisation (and, for the foreign-ids test, many of them
at once with `bulk_create`).

Adding a URL: add a `Route(...)` to your app's module and `register()` it; nothing else changes.
"""

import importlib
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

ANON = "anonymous"
WORKER = "youth_worker"
LEAD = "team_lead"
OFFICER = "safeguarding_officer"
MANAGER = "manager"
ADMIN = "administrator"
ROLES = (ANON, WORKER, LEAD, OFFICER, MANAGER, ADMIN)
STAFF = frozenset({WORKER, LEAD, OFFICER, MANAGER, ADMIN})
LEADS = frozenset({LEAD, OFFICER})
NOBODY = frozenset()

# The scopes an object can be in, seen from the cast (all of whom work in team A).
OWN, OTHER_TEAM, OTHER_ORG = "own", "other_team", "other_org"
SCOPES = (OWN, OTHER_TEAM, OTHER_ORG)

# Parts of the URL space this suite does not classify: allauth's own pages (tested in
# test_login_sessions), the Django admin (which redirects to the same login) and static files.
SKIPPED_PREFIXES = ("account/", "django-admin/", "static/", "^static", "403/", "404/", "500/")


@dataclass(frozen=True)
class Route:
    """Who may use one URL name, and how to build its arguments."""

    name: str
    # Roles whose GET / POST (an empty or minimal body) is served (status in `ok`). Every other
    # logged-in role gets 403, 404 or 405; anonymous is sent to the login page unless ANON is listed
    # (the language switch works before login).
    get: frozenset = NOBODY
    post: frozenset = NOBODY
    # For a URL about one object: obj(world, scope) -> kwargs for an object in that scope.
    obj: Callable | None = None
    # Roles that see objects of another team of their own organisation (a manager sees the whole
    # organisation). Another organisation's object is a 404 for everyone.
    org_wide: frozenset = frozenset({MANAGER})
    # For the foreign-ids test: foreign(world, scope, n) -> n kwargs dicts of objects in that scope
    # (OTHER_TEAM or OTHER_ORG), created with bulk_create. Required when `obj` is set.
    foreign: Callable | None = None
    # kwargs for a random (nonexistent) object: random_kwargs(pk) -> kwargs.
    random_kwargs: Callable | None = None
    # kwargs for a URL with arguments that is not about a team's object (a token): kwargs(world) -> dict.
    kwargs: Callable | None = None
    # A minimal POST body: post_data(world) -> dict (default: empty).
    post_data: Callable | None = None
    # A read-only page that answers POST like GET (no @require_safe yet): its readers' POST may be
    # served or 405; it does nothing. Listed in the report as a page to give @require_safe.
    post_like_get: bool = False
    # Fuzz the form this URL shows on GET (found in the response context) by POSTing to it.
    fuzz: bool = True
    # The role the fuzzer posts as (default: the first role allowed to POST).
    fuzz_as: str | None = None
    # Statuses that count as served for an allowed role.
    ok: frozenset = field(default_factory=lambda: frozenset({200, 204, 302, 303}))
    note: str = ""

    def allowed(self, method):
        if method == "POST" and self.post_like_get:
            return self.post | self.get
        return self.get if method == "GET" else self.post

    @property
    def is_object_url(self):
        return self.obj is not None


ROUTES: dict[str, Route] = {}
MODULE_OF: dict[str, str] = {}


def register(*routes):
    module = sys._getframe(1).f_globals["__name__"]
    for route in routes:
        MODULE_OF[route.name] = module
        if route.name in ROUTES:
            raise ValueError(f"{route.name} is registered twice in tests/reliability/access/")
        if route.obj is not None and route.foreign is None:
            raise ValueError(f"{route.name}: an object URL needs `foreign` for the foreign-ids test")
        ROUTES[route.name] = route


def load_all():
    """Import every module of this package, so each app's rows are registered."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return ROUTES


def resolver_urls():
    """{url name: route string} for every URL pattern the suite classifies; unnamed ones get a marker name."""
    found = {}

    def walk(patterns, prefix, namespaces):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, [*namespaces, pattern.namespace] if pattern.namespace else namespaces)
            elif isinstance(pattern, URLPattern):
                name = ":".join([*namespaces, pattern.name]) if pattern.name else f"<unnamed pattern {route!r}>"
                found.setdefault(name, route)

    walk(get_resolver().url_patterns, "", [])
    return found


def pending_modules():
    """Row modules none of whose URLs exist yet: their app is not merged (rows may land first)."""
    urls, served = resolver_urls(), set()
    for name, module in MODULE_OF.items():
        if name in urls:
            served.add(module)
    return set(MODULE_OF.values()) - served


def served_routes():
    """The registered rows whose URL exists right now (rows may land before their URLs are merged)."""
    urls = resolver_urls()
    return [route for name, route in sorted(load_all().items()) if name in urls]
