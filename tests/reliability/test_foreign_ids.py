"""Foreign ids: every object URL, called with 1,000 ids of objects of other teams and organisations
(created in bulk) plus random ids, answers 404 to every role."""

import pytest

from tests.reliability.access import served_routes
from tests.reliability.figures import record
from tests.reliability.foreign import FOREIGN_IDS, run_foreign

OBJECT_ROUTES = [route for route in served_routes() if route.is_object_url]


@pytest.mark.django_db
@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=[route.name for route in OBJECT_ROUTES])
def test_foreign_and_random_ids_are_404(route, world):
    result = run_foreign(route, world)

    record(f"foreign_ids.calls.{route.name}", result.calls)
    record(f"foreign_ids.not_404.{route.name}", len(result.not_404))
    assert result.not_404 == [], "\n".join(result.not_404[:50])
    assert result.calls >= FOREIGN_IDS


def test_object_urls_are_counted():
    """The number of object URLs the foreign-ids test covers (0 until apps with objects land)."""
    record("foreign_ids.object_urls", len(OBJECT_ROUTES))
    assert all(route.foreign for route in OBJECT_ROUTES)
