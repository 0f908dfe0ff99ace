"""The reads every page asks, written as SQL for speed, give what the ORM gives."""

import pytest

from accounts.models import Membership, Team, User
from accounts.selectors import memberships_of, roles_by_team, visible_team_ids

Role = Membership.Role
pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)  # no memberships cached on the instance


def test_memberships_are_those_of_the_persons_own_organisation(worker, team_b, other_team):
    Membership.objects.create(user=worker, team=team_b, role=Role.TEAM_LEAD)
    Membership.objects.create(user=worker, team=other_team, role=Role.YOUTH_WORKER)  # another organisation's
    orm = Membership.objects.filter(user=worker, team__organisation_id=worker.organisation_id)
    assert sorted(memberships_of(fresh(worker))) == sorted(orm.values_list("team_id", "role"))
    assert roles_by_team(fresh(worker)) == [("Team A", "jongerenwerker"), ("Team B", "teamleider")]


def test_an_inactive_person_has_no_memberships(worker):
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    assert memberships_of(fresh(worker)) == ()


def test_a_manager_sees_every_team_of_the_organisation_by_name(manager, team_b, other_team):
    Team.objects.create(organisation=manager.organisation, name="Aa eerst")
    orm = Team.objects.filter(organisation_id=manager.organisation_id).values_list("pk", flat=True)
    assert visible_team_ids(fresh(manager)) == list(orm)
    assert other_team.pk not in visible_team_ids(fresh(manager))
