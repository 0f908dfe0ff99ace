import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import TEST_PASSWORD, TeamFactory, make_member
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Role = Membership.Role


def test_anonymous_is_sent_to_login(client, worker):
    for url in (reverse("accounts:member_list"), reverse("accounts:member_detail", args=[worker.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_manager_gets_403(client_for, manager, worker):
    assert client_for(manager).get(reverse("accounts:member_list")).status_code == 403
    assert client_for(manager).get(reverse("accounts:member_detail", args=[worker.pk])).status_code == 403


def test_worker_gets_404_for_someone_outside_their_teams(client_for, worker, outsider):
    assert client_for(worker).get(reverse("accounts:member_detail", args=[outsider.pk])).status_code == 404


def test_administrator_gets_404_for_another_organisations_person(client_for, administrator, stranger):
    client = client_for(administrator)
    assert client.get(reverse("accounts:member_detail", args=[stranger.pk])).status_code == 404
    response = client.post(reverse("accounts:member_activation", args=[stranger.pk]), {"active": "0"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_member_list_filters_by_team_role_and_status(client_for, administrator, worker, lead, outsider, stranger):
    client = client_for(administrator)
    body = client.get(reverse("accounts:member_list")).content.decode()
    assert all(name in body for name in ("Wessel Werker", "Lotte Leider", "Olga Buiten"))
    assert "Sven Vreemd" not in body
    body = client.get(reverse("accounts:member_list"), {"team": outsider.memberships.get().team_id}).content.decode()
    assert "Olga Buiten" in body and "Wessel Werker" not in body
    body = client.get(reverse("accounts:member_list"), {"role": Role.TEAM_LEAD}).content.decode()
    assert "Lotte Leider" in body and "Wessel Werker" not in body
    worker.is_active = False
    worker.save()
    body = client.get(reverse("accounts:member_list"), {"status": "inactive"}).content.decode()
    assert "Wessel Werker" in body and "Lotte Leider" not in body


def test_member_list_query_count_does_not_grow(client_for, administrator, team_a, team_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(administrator)
    client.get(reverse("accounts:member_list"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts:member_list")).status_code == 200
        return len(queries)

    small = count()
    for _ in range(6):
        member = make_member(team_a, Role.YOUTH_WORKER)
        Membership.objects.create(user=member, team=team_b, role=Role.TEAM_LEAD)
    assert count() == small


def test_administrator_changes_roles_in_a_team(client_for, administrator, worker, team_a):
    response = client_for(administrator).post(
        reverse("accounts:member_roles", args=[worker.pk]),
        {"team": team_a.pk, "roles": [Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER]},
    )
    assert response.status_code == 302
    assert set(worker.memberships.values_list("role", flat=True)) == {Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER}
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(worker.pk))
    assert event.action == AuditEvent.Action.CHANGE and event.actor == administrator
    assert "+safeguarding_officer,team_lead" in event.detail and "-youth_worker" in event.detail


def test_administrator_adds_someone_to_another_team_and_removes_them(client_for, administrator, worker, team_b):
    client = client_for(administrator)
    client.post(reverse("accounts:member_roles", args=[worker.pk]), {"team": team_b.pk, "roles": [Role.YOUTH_WORKER]})
    assert worker.memberships.filter(team=team_b, role=Role.YOUTH_WORKER).exists()
    client.post(reverse("accounts:member_roles", args=[worker.pk]), {"team": team_b.pk})
    assert not worker.memberships.filter(team=team_b).exists()
    assert worker.memberships.count() == 1


def test_cannot_add_someone_to_another_organisations_team(client_for, administrator, worker, other_team):
    response = client_for(administrator).post(
        reverse("accounts:member_roles", args=[worker.pk]), {"team": other_team.pk, "roles": [Role.TEAM_LEAD]}
    )
    assert response.status_code == 400
    assert not worker.memberships.filter(team=other_team).exists()


def test_the_last_administrator_cannot_lose_the_role(client_for, administrator, team_a):
    response = client_for(administrator).post(
        reverse("accounts:member_roles", args=[administrator.pk]), {"team": team_a.pk, "roles": [Role.MANAGER]}
    )
    assert response.status_code == 400
    assert "minstens één beheerder" in response.content.decode()
    assert administrator.memberships.filter(role=Role.ADMINISTRATOR).exists()


def test_deactivation_ends_every_session_and_refuses_the_next_request(client, administrator, team_a):
    from conftest import FormClient as Client

    member = make_member(team_a, Role.YOUTH_WORKER, email="weg@example.org")
    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        response = browser.post(reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert browser.get(reverse("home")).status_code == 200
    assert Session.objects.count() == 2

    admin_client = Client()
    admin_client.force_login(administrator)
    response = admin_client.post(reverse("accounts:member_activation", args=[member.pk]), {"active": "0"})
    assert response.status_code == 302

    member.refresh_from_db()
    assert not member.is_active
    assert Session.objects.filter(session_key__in=[phone.session.session_key, laptop.session.session_key]).count() == 0
    for browser in (phone, laptop):
        response = browser.get(reverse("home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    assert AuditEvent.objects.filter(object_id=str(member.pk), detail="deactivate", actor=administrator).exists()


def test_deactivated_person_cannot_log_in_and_reactivation_lets_them(client, client_for, administrator, worker):
    client_for(administrator).post(reverse("accounts:member_activation", args=[worker.pk]), {"active": "0"})
    client.logout()
    client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    assert client.get(reverse("home")).status_code == 302
    client_for(administrator).post(reverse("accounts:member_activation", args=[worker.pk]), {"active": "1"})
    client.logout()
    client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(object_id=str(worker.pk), detail="reactivate").exists()


def test_administrator_cannot_deactivate_themselves(client_for, administrator):
    client_for(administrator).post(reverse("accounts:member_activation", args=[administrator.pk]), {"active": "0"})
    administrator.refresh_from_db()
    assert administrator.is_active


def test_a_second_administrator_can_deactivate_the_first(client_for, administrator, team_a):
    second = make_member(team_a, Role.ADMINISTRATOR)
    client_for(second).post(reverse("accounts:member_activation", args=[administrator.pk]), {"active": "0"})
    administrator.refresh_from_db()
    assert not administrator.is_active


def test_roles_of_people_in_other_teams_show_for_the_administrator(client_for, administrator, org):
    team = TeamFactory(organisation=org, name="Team Centrum")
    member = make_member(team, Role.TEAM_LEAD, full_name="Cees Centrum")
    body = client_for(administrator).get(reverse("accounts:member_detail", args=[member.pk])).content.decode()
    assert "Team Centrum" in body and "Cees Centrum" in body
