"""Offboarding through the people services: leaving a team or being deactivated flags personal accounts."""

import pytest

from accounts.models import Membership
from accounts.models import PlatformAccount as Account
from accounts.services.people import member_deactivate, membership_remove, membership_set_roles
from accounts.tests.outreach_factories import make_account
from notifications.kinds import Kind
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_deactivating_a_member_flags_their_personal_accounts_and_notifies_the_lead(
    administrator, worker, lead, team_a, django_capture_on_commit_callbacks
):
    account = make_account(team_a, worker, status=Account.Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        member_deactivate(actor=administrator, member=worker)
    account.refresh_from_db()
    assert account.handover_flagged_at is not None
    assert list(Notification.objects.filter(kind=Kind.ACCOUNT_HANDOVER).values_list("recipient", flat=True)) == [
        lead.pk
    ]


def test_leaving_the_team_flags_the_accounts_in_that_team(
    administrator, worker, lead, team_a, django_capture_on_commit_callbacks
):
    account = make_account(team_a, worker, status=Account.Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        membership_remove(actor=administrator, member=worker, team=team_a)
    account.refresh_from_db()
    assert account.handover_flagged_at is not None
    assert Notification.objects.filter(kind=Kind.ACCOUNT_HANDOVER, recipient=lead).exists()


def test_changing_roles_within_the_team_does_not_flag(administrator, worker, team_a):
    account = make_account(team_a, worker, status=Account.Status.ACTIVE)
    membership_set_roles(
        actor=administrator, member=worker, team=team_a, roles=[Membership.Role.YOUTH_WORKER, Membership.Role.TEAM_LEAD]
    )
    account.refresh_from_db()
    assert account.handover_flagged_at is None
