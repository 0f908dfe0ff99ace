import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import make_member

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER, Role.MANAGER, Role.ADMINISTRATOR])
def test_roles_with_access_to_sensitive_data_are_sent_to_enrolment_on_every_page(client_for, team_a, role):
    person = make_member(team_a, role, mfa=False)
    client = client_for(person)
    for url in (reverse("home"), reverse("accounts:my_teams"), reverse("notifications:list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")


def test_youth_workers_may_work_without_mfa(client_for, worker):
    assert client_for(worker).get(reverse("home")).status_code == 200


def test_enrolled_team_lead_works_normally(client_for, lead):
    assert client_for(lead).get(reverse("home")).status_code == 200


def test_a_person_whose_role_needs_mfa_cannot_remove_it(lead):
    authenticator = Authenticator.objects.get(user=lead, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(authenticator) is False


def test_a_youth_worker_may_remove_mfa(team_a):
    worker = make_member(team_a, Role.YOUTH_WORKER, mfa=True)
    authenticator = Authenticator.objects.get(user=worker, type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(authenticator) is True


def test_a_new_team_lead_role_sends_an_enrolled_worker_on_without_asking_again(client_for, team_a, administrator):
    worker = make_member(team_a, Role.YOUTH_WORKER, mfa=False)
    client_for(administrator).post(
        reverse("accounts:member_roles", args=[worker.pk]), {"team": team_a.pk, "roles": [Role.TEAM_LEAD]}
    )
    response = client_for(worker).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_django_admin_staff_without_a_role_must_enrol_too(client_for, org):
    from accounts.tests.factories import UserFactory

    operator = UserFactory(organisation=None, is_staff=True, is_superuser=True)
    response = client_for(operator).get("/django-admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
