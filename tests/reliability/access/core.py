"""The home page (jongerenwerk/urls.py)."""

from tests.reliability.access import STAFF, Route, register

register(Route("home", get=STAFF))
