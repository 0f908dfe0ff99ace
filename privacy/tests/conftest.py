import datetime

import pytest
import time_machine

from registration.tests.factories import PlatformFactory, TargetGroupFactory

# Friday 20 November 2026, noon in Amsterdam: the tests' "today".
TODAY = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def platform(org):
    return PlatformFactory(organisation=org, name="Instagram", slug="instagram")


@pytest.fixture
def group_a(team_a):
    return TargetGroupFactory(team=team_a, name="Meiden 12-16")
