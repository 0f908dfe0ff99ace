"""accounts: the person's own settings and teams. Outreach and organisation rows go in their own modules."""

from tests.reliability.access import ANON, STAFF, Route, register

register(
    # Works before login too (a cookie); GET is not a thing.
    Route("accounts:language", post=STAFF | {ANON}, post_data=lambda world: {"language": "en", "next": "/"}),
    Route("accounts:my_teams", get=STAFF),
)
