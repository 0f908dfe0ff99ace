"""The access machinery itself: it must catch a leak, a 403 that reveals existence, and a new URL
without a row (otherwise the matrix could pass for the wrong reasons)."""

import pytest

from accounts.models import Team
from tests.reliability.access import MANAGER, OTHER_ORG, OTHER_TEAM, STAFF, Route, resolver_urls
from tests.reliability.foreign import run_foreign
from tests.reliability.matrix import run_matrix

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reliability.selftest_urls")]


def team_kwargs(world, scope):
    return {"pk": world.team(scope).pk}


def many_teams(world, scope, n):
    organisation = world.other_org if scope == OTHER_ORG else world.org
    teams = Team.objects.bulk_create(Team(organisation=organisation, name=f"Vreemd {i}") for i in range(n))
    return [{"pk": team.pk} for team in teams]


def team_route(name):
    return Route(name, get=STAFF, obj=team_kwargs, foreign=many_teams, org_wide=frozenset({MANAGER}))


def test_a_scoped_object_view_passes_the_matrix(world):
    result = run_matrix(team_route("selftest_team"), world)

    assert result.failures == []
    assert result.cells == 3 * 6 * 2


def test_the_matrix_catches_a_view_that_shows_another_organisations_object(world):
    result = run_matrix(team_route("selftest_leaky"), world)

    assert result.unauthorised_2xx > 0
    assert any(f"[{OTHER_ORG}]" in failure and "200" in failure for failure in result.failures)


def test_the_matrix_catches_a_403_that_reveals_another_teams_object(world):
    result = run_matrix(team_route("selftest_forbidden"), world)

    assert result.unauthorised_2xx == 0
    assert any(f"[{OTHER_TEAM}]" in failure and ": 403" in failure for failure in result.failures)


def test_foreign_ids_all_404_on_a_scoped_view(world):
    result = run_foreign(team_route("selftest_team"), world, n=200, randoms=20, sample=20)

    assert result.not_404 == []
    assert result.calls > 200


def test_foreign_ids_catch_a_leaky_view(world):
    result = run_foreign(team_route("selftest_leaky"), world, n=40, randoms=5, sample=5)

    assert len(result.not_404) >= 40


def test_a_new_url_is_found_by_the_resolver_walk():
    assert resolver_urls()["selftest_leaky"] == "selftest/leaky/<int:pk>/"
