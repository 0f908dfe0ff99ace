from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, User
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Role = Membership.Role
GOOD_PASSWORD = "paars-fietspad-regen-42"


def invite(client, team, email="nieuw@example.org", role=Role.YOUTH_WORKER):
    return client.post(reverse("accounts:invitation_list"), {"email": email, "team": team.pk, "role": role})


def accept_url(invitation):
    return reverse("accounts:invitation_accept", args=[invitation.token])


def accept(client, invitation, password=GOOD_PASSWORD, name="Nina Nieuw"):
    return client.post(accept_url(invitation), {"full_name": name, "password1": password, "password2": password})


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("accounts:invitation_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_team_lead_cannot_invite(client_for, lead, team_a):
    assert client_for(lead).get(reverse("accounts:invitation_list")).status_code == 403
    assert invite(client_for(lead), team_a).status_code == 403
    assert not Invitation.objects.exists()


def test_administrator_cannot_invite_to_another_organisations_team(client_for, administrator, other_team):
    response = invite(client_for(administrator), other_team)
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_revoking_another_organisations_invitation_is_404(client_for, administrator, stranger, other_team):
    other = Invitation.objects.create(
        organisation=other_team.organisation,
        team=other_team,
        email="x@example.org",
        role=Role.YOUTH_WORKER,
        expires_at=timezone.now() + timedelta(days=7),
    )
    response = client_for(administrator).post(reverse("accounts:invitation_revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_invitation_is_emailed_without_sensitive_content(
    client_for, administrator, team_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_for(administrator), team_a, role=Role.TEAM_LEAD)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert invitation.team == team_a and invitation.role == Role.TEAM_LEAD
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.org"]
    assert invitation.token in message.body
    text = message.subject + message.body
    for secret in ("Team A", administrator.full_name, "teamleider", "Jongerenwerk Noord-Oost"):
        assert secret not in text
    assert AuditEvent.objects.filter(object_type="accounts.invitation", action=AuditEvent.Action.CREATE).exists()


def test_reinviting_an_address_replaces_the_old_link(client_for, administrator, team_a, team_b):
    client = client_for(administrator)
    invite(client, team_a)
    first = Invitation.objects.get()
    invite(client, team_b, email="NIEUW@example.org")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(revoked_at__isnull=True).get().team == team_b
    client.logout()
    response = accept(client, first)
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_inviting_an_existing_member_says_so(client_for, administrator, worker, team_a):
    response = invite(client_for(administrator), team_a, email=worker.email.upper())
    assert "hoort al bij een lid van je organisatie" in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepting_creates_the_account_and_logs_in(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client.logout()
    assert client.get(accept_url(invitation)).status_code == 200
    response = accept(client, invitation)
    assert response.status_code == 302
    member = User.objects.get(email="nieuw@example.org")
    assert member.full_name == "Nina Nieuw"
    assert member.organisation_id == team_a.organisation_id
    assert member.check_password(GOOD_PASSWORD)
    assert list(member.memberships.values_list("team_id", "role")) == [(team_a.pk, Role.YOUTH_WORKER)]
    invitation.refresh_from_db()
    assert invitation.accepted_by == member and invitation.accepted_at is not None
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Hoi Nina" in home.content.decode()
    assert AuditEvent.objects.filter(actor=member, action=AuditEvent.Action.LOGIN).exists()


def test_a_team_lead_who_accepts_is_sent_to_mfa_enrolment(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a, role=Role.TEAM_LEAD)
    client.logout()
    accept(client, Invitation.objects.get())
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_a_used_link_is_refused(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client.logout()
    accept(client, invitation)
    client.logout()
    response = accept(client, invitation, name="Iemand Anders")
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert User.objects.filter(email="nieuw@example.org").get().full_name == "Nina Nieuw"


def test_an_expired_link_is_refused(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = accept(client, invitation)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_a_link_still_works_just_before_seven_days(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert client.get(accept_url(invitation)).status_code == 200


def test_a_revoked_link_is_refused(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client_for(administrator).post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    client.logout()
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_a_different_logged_in_person_is_refused(client_for, administrator, worker, team_a):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    response = accept(client_for(worker), invitation)
    assert response.status_code == 403
    assert "ander e-mailadres" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unknown_link_is_refused(client):
    response = client.get(reverse("accounts:invitation_accept", args=["niet-bestaand"]))
    assert response.status_code == 404
    assert "klopt niet" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort-42", "te kort"), ("password1234", "te algemeen"), ("123456789012345", "alleen cijfers")],
)
def test_weak_passwords_are_refused_and_the_name_is_kept(client, client_for, administrator, team_a, password, message):
    invite(client_for(administrator), team_a)
    invitation = Invitation.objects.get()
    client.logout()
    response = accept(client, invitation, password=password)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="Nina Nieuw"' in body
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_different_passwords_are_refused(client, client_for, administrator, team_a):
    invite(client_for(administrator), team_a)
    client.logout()
    response = client.post(
        accept_url(Invitation.objects.get()),
        {"full_name": "Nina", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"},
    )
    assert "niet gelijk" in response.content.decode()


def test_open_invitations_show_on_the_administrators_home(client_for, administrator, worker, team_a):
    invite(client_for(administrator), team_a)
    assert "nieuw@example.org" in client_for(administrator).get(reverse("home")).content.decode()
    assert "nieuw@example.org" not in client_for(worker).get(reverse("home")).content.decode()
