"""The home page and the health check (jongerenwerk/urls.py)."""

from tests.reliability.access import ROLES, STAFF, Route, register

register(Route("home", get=STAFF))
# The health check (the load balancer's, and the benchmark's floor) answers everyone, anonymous included.
register(Route("health", get=frozenset(ROLES)))
