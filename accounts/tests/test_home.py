import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_worker_sees_own_teams_and_role(client_for, worker):
    response = client_for(worker).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Team A" in body
    assert "jongerenwerker" in body


def test_lead_without_mfa_is_sent_to_enrolment(client_for, team_a):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    lead = make_member(team_a, Membership.Role.TEAM_LEAD, mfa=False)
    response = client_for(lead).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
