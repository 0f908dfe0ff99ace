import pytest

from signals.tests.factories import make_signal


@pytest.fixture
def colleague(team_a):
    """A second youth worker in team A: same team, not on the signal."""
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    return make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="Chris Collega", email="colleague@example.org")


@pytest.fixture
def signal(team_a, worker):
    """A reported (untriaged) signal of team A, by the worker."""
    return make_signal(team_a, worker)
