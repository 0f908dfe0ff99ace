"""audit: the audit log page, for the administrator only (rows for the `found` branch's URL)."""

from tests.reliability.access import ADMIN, Route, register

register(Route("audit:list", get=frozenset({ADMIN})))
