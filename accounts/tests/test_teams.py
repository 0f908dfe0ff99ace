import pytest
from django.urls import reverse

from accounts.models import Team
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, team_a):
    for url in (reverse("accounts:team_list"), reverse("accounts:team_edit", args=[team_a.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_team_lead_gets_403(client_for, lead, team_a):
    assert client_for(lead).get(reverse("accounts:team_list")).status_code == 403
    assert client_for(lead).get(reverse("accounts:team_edit", args=[team_a.pk])).status_code == 403


def test_worker_gets_404_for_a_team_they_are_not_in(client_for, worker, team_b):
    assert client_for(worker).get(reverse("accounts:team_edit", args=[team_b.pk])).status_code == 404


def test_administrator_gets_404_for_another_organisations_team(client_for, administrator, other_team):
    assert client_for(administrator).get(reverse("accounts:team_edit", args=[other_team.pk])).status_code == 404


def test_administrator_sees_every_team_of_the_organisation(client_for, administrator, team_a, team_b, other_team):
    body = client_for(administrator).get(reverse("accounts:team_list")).content.decode()
    assert "Team A" in body and "Team B" in body
    assert "Team Elders" not in body


def test_administrator_creates_a_team_and_it_is_audited(client_for, administrator, org):
    response = client_for(administrator).post(reverse("accounts:team_list"), {"name": "  Team Centrum "})
    assert response.status_code == 302
    team = Team.objects.get(organisation=org, name="Team Centrum")
    event = AuditEvent.objects.get(object_type="accounts.team", object_id=str(team.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == administrator
    assert event.organisation_id == org.pk


def test_duplicate_team_name_is_refused_next_to_the_field(client_for, administrator, team_a):
    response = client_for(administrator).post(reverse("accounts:team_list"), {"name": "Team A"})
    assert response.status_code == 200
    assert "Er is al een team met deze naam" in response.content.decode()
    assert Team.objects.filter(name="Team A").count() == 1


def test_empty_team_name_is_refused(client_for, administrator):
    response = client_for(administrator).post(reverse("accounts:team_list"), {"name": ""})
    assert "Vul een naam voor het team in" in response.content.decode()


def test_administrator_renames_a_team_of_which_they_are_no_member(client_for, administrator, team_b):
    response = client_for(administrator).post(reverse("accounts:team_edit", args=[team_b.pk]), {"name": "Team Oost"})
    assert response.status_code == 302
    team_b.refresh_from_db()
    assert team_b.name == "Team Oost"
    assert AuditEvent.objects.filter(object_type="accounts.team", object_id=str(team_b.pk), detail="rename").exists()


def test_team_list_query_count_does_not_grow_with_teams(client_for, administrator, org):
    from accounts.models import Membership
    from accounts.tests.factories import TeamFactory, make_member

    client = client_for(administrator)
    client.get(reverse("accounts:team_list"))

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts:team_list")).status_code == 200
        return len(queries)

    small = count()
    for _ in range(5):
        make_member(TeamFactory(organisation=org), Membership.Role.YOUTH_WORKER)
    assert count() == small
