"""notifications: a person's own notification list (the bell)."""

from tests.reliability.access import STAFF, Route, register

register(
    Route("notifications:list", get=STAFF),
    Route("notifications:read_all", post=STAFF),
)
