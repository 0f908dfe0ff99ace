"""The queue's filter choices, read as one statement, are what the ORM gives: own organisation, teams' people."""

import pytest

from accounts.models import Membership, User
from accounts.selectors import visible_team_ids
from accounts.tests.factories import make_member
from signals.models import SignalCategory
from signals.selectors import lead_team_ids
from signals.selectors.queue import filter_choices
from signals.tests.factories import category

pytestmark = pytest.mark.django_db


def _orm(user):
    categories = list(SignalCategory.objects.visible_to(user).values_list("pk", "name", "is_active"))
    handlers = list(
        User.objects.filter(memberships__team_id__in=lead_team_ids(user) or visible_team_ids(user))
        .distinct()
        .order_by("full_name")
        .values_list("pk", "full_name")
    )
    return categories, handlers


@pytest.fixture
def cast(org, other_org, team_a, team_b, other_team, worker, lead, officer, outsider, stranger):
    category(org, "Drugs")
    category(org, "Anders")
    SignalCategory.objects.create(organisation=org, name="Oud", order=0, is_active=False)
    SignalCategory.objects.create(organisation=org, name="Eerst", order=0)
    category(other_org, "Drugs")
    Membership.objects.create(user=officer, team=team_b, role=Membership.Role.YOUTH_WORKER)
    make_member(team_b, Membership.Role.TEAM_LEAD, full_name="Bea B-leider", email="bea@example.org")


@pytest.mark.parametrize("who", ["worker", "lead", "officer", "outsider", "stranger", "manager"])
def test_one_statement_gives_what_the_orm_gives(request, who, cast):
    user = request.getfixturevalue(who)
    categories, handlers = filter_choices(user)
    assert (categories, handlers) == _orm(user)
    if who == "lead":
        assert [name for _pk, name, _active in categories][:2] == ["Eerst", "Oud"]
        assert "Olga Buiten" not in [name for _pk, name in handlers]
