import pytest

from accounts.models import Membership, PlatformAccountEvent
from accounts.models import PlatformAccount as Account
from accounts.services.outreach import platform_account_transfer, platform_accounts_flag_for_handover
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import make_account
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Account.Status


def test_departing_members_personal_accounts_are_flagged_and_the_lead_notified(
    team_a, worker, lead, administrator, django_capture_on_commit_callbacks
):
    personal = make_account(team_a, worker, status=Status.ACTIVE)
    organisation_account = make_account(team_a, worker, "facebook", "jw.team.a", kind=Account.Kind.ORGANISATION)
    archived = make_account(team_a, worker, "tiktok", status=Status.ARCHIVED)
    with django_capture_on_commit_callbacks(execute=True):
        flagged = platform_accounts_flag_for_handover(user=worker, actor=administrator)
    assert flagged == [personal]
    for account in (personal, organisation_account, archived):
        account.refresh_from_db()
    assert personal.handover_flagged_at is not None
    assert organisation_account.handover_flagged_at is None and archived.handover_flagged_at is None
    assert PlatformAccountEvent.objects.filter(
        account=personal, action="handover_flagged", actor=administrator
    ).exists()
    notification = Notification.objects.get(kind=Kind.ACCOUNT_HANDOVER)
    assert notification.recipient == lead
    assert notification.link == f"/platformaccounts/{personal.pk}/"


def test_leaving_one_team_flags_only_that_teams_accounts(team_a, team_b, worker, lead, administrator):
    Membership.objects.create(user=worker, team=team_b, role=Membership.Role.YOUTH_WORKER)
    in_a = make_account(team_a, worker, "instagram", "w.in.a")
    in_b = make_account(team_b, worker, "instagram", "w.in.b")
    platform_accounts_flag_for_handover(user=worker, team=team_b, actor=administrator)
    in_a.refresh_from_db()
    in_b.refresh_from_db()
    assert in_a.handover_flagged_at is None and in_b.handover_flagged_at is not None


def test_flagging_twice_notifies_once(team_a, worker, lead, administrator, django_capture_on_commit_callbacks):
    make_account(team_a, worker, status=Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        platform_accounts_flag_for_handover(user=worker, actor=administrator)
        platform_accounts_flag_for_handover(user=worker, actor=administrator)
    assert Notification.objects.filter(kind=Kind.ACCOUNT_HANDOVER).count() == 1


def test_team_lead_hands_the_account_to_a_colleague(
    team_a, worker, lead, administrator, django_capture_on_commit_callbacks
):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    account = make_account(team_a, worker, status=Status.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        platform_accounts_flag_for_handover(user=worker, actor=administrator)
    with django_capture_on_commit_callbacks(execute=True):
        platform_account_transfer(account=account, actor=lead, new_owner=colleague)
    account.refresh_from_db()
    assert account.owner == colleague and account.handover_flagged_at is None
    assert PlatformAccountEvent.objects.filter(account=account, action="transferred", actor=lead).exists()
    assert Notification.objects.get(kind=Kind.ACCOUNT_HANDOVER).acted_at is not None


def test_transfer_to_someone_outside_the_team_or_by_a_worker_is_refused(team_a, worker, lead, outsider):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    account = make_account(team_a, worker, status=Status.ACTIVE)
    with pytest.raises(DomainError):
        platform_account_transfer(account=account, actor=lead, new_owner=outsider)
    with pytest.raises(DomainError):
        platform_account_transfer(account=account, actor=colleague, new_owner=colleague)
    account.refresh_from_db()
    assert account.owner == worker
