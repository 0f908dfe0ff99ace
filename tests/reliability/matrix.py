"""Shared by the access tests: call one URL as one role, and judge the answer against the table."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from tests.reliability.access import ANON, OTHER_ORG, OTHER_TEAM, OWN, ROLES, SCOPES

REFUSED = frozenset({403, 404, 405})


def login_path():
    return reverse(settings.LOGIN_URL)


def is_login_redirect(response):
    return response.status_code in (301, 302, 303) and response["Location"].split("?")[0] == login_path()


def url_for(route, world, scope=OWN):
    kwargs = route.obj(world, scope) if route.obj else (route.kwargs(world) if route.kwargs else {})
    return reverse(route.name, kwargs=kwargs)


def call(client, method, url, route, world):
    if method == "GET":
        return client.get(url)
    body = route.post_data(world) if route.post_data else {}
    return post_form(client, url, body)


FORM = "application/x-www-form-urlencoded"


def post_form(client, url, data, **extra):
    """POST a urlencoded body (the test client's default is multipart, which the app refuses: 415)."""
    return client.post(url, urlencode(data, doseq=True), content_type=FORM, **extra)


def expectation(route, role, method, scope):
    """(description, predicate(response)) for one cell of the matrix."""
    allowed = route.allowed(method)
    if role == ANON and ANON not in allowed:
        if not allowed:
            return "login redirect or 405", lambda r: is_login_redirect(r) or r.status_code == 405
        return "login redirect", is_login_redirect
    if not allowed:
        return "refused (403/404/405)", lambda r: r.status_code in REFUSED
    if route.is_object_url and (scope == OTHER_ORG or (scope == OTHER_TEAM and role not in route.org_wide)):
        if sees_objects(route, role):
            return "404 (not visible)", lambda r: r.status_code == 404
        # Refused for every object, its own team's too: a uniform 403 reveals nothing.
        return "refused (403/404)", lambda r: r.status_code in (403, 404)
    if role in allowed:
        if method == "POST" and route.post_like_get and role not in route.post:
            return "served like GET, or 405", lambda r: r.status_code in route.ok | {405}
        return f"served {sorted(route.ok)}", lambda r: r.status_code in route.ok
    return "refused (403/404/405)", lambda r: r.status_code in REFUSED


def sees_objects(route, role):
    """Whether this role may open the URL's objects of its own team at all (GET or POST). Such a role must
    get 404, never 403, for an object it may not see; a role refused for every object may get a 403."""
    return role in route.get or role in route.post


def describe(response):
    where = f" -> {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{where}"


@dataclass
class MatrixResult:
    cells: int = 0
    unauthorised_2xx: int = 0
    failures: list = field(default_factory=list)


def run_matrix(route, world):
    """Call one URL as every role, GET and POST, in every scope; collect what differs from the table."""
    result = MatrixResult()
    for scope in SCOPES if route.is_object_url else (OWN,):
        url = url_for(route, world, scope)
        for role in ROLES:
            for method in ("GET", "POST"):
                response = call(world.client(role), method, url, route, world)
                result.cells += 1
                wanted, ok = expectation(route, role, method, scope)
                visible = not route.is_object_url or scope == OWN or (scope == OTHER_TEAM and role in route.org_wide)
                served = visible and role in route.allowed(method)
                if 200 <= response.status_code < 300 and not served:
                    result.unauthorised_2xx += 1
                if response.status_code >= 500 or not ok(response):
                    result.failures.append(
                        f"{method} {url} [{scope}] as {role}: {describe(response)}, expected {wanted}"
                    )
    return result


def invisible_scopes(route, role):
    """The scopes whose objects this role may not see."""
    return [OTHER_ORG] if role in route.org_wide else [OTHER_TEAM, OTHER_ORG]
