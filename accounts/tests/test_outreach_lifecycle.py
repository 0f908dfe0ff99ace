import datetime

import pytest
import time_machine

from accounts.models import Membership, PlatformAccountEvent
from accounts.models import PlatformAccount as Account
from accounts.services import outreach as services
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import make_account, platform
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError

pytestmark = pytest.mark.django_db
Status = Account.Status


def _events(account):
    return list(
        PlatformAccountEvent.objects.filter(account=account, action="transition")
        .order_by("pk")
        .values_list("old_status", "new_status")
    )


def test_team_lead_approves_a_request_with_an_event_and_audit_row(team_a, worker, lead):
    account = make_account(team_a, worker)
    services.platform_account_approve(account=account, actor=lead)
    account.refresh_from_db()
    assert account.status == Status.APPROVED
    assert _events(account)[-1] == (Status.REQUESTED, Status.APPROVED)
    assert PlatformAccountEvent.objects.filter(account=account, actor=lead).exists()
    assert AuditEvent.objects.filter(object_id=str(account.pk), actor=lead).exists()


def test_requester_cannot_approve_their_own_request_even_as_team_lead(team_a, lead):
    account = make_account(team_a, lead)
    with pytest.raises(DomainError):
        services.platform_account_approve(account=account, actor=lead)
    account.refresh_from_db()
    assert account.status == Status.REQUESTED


def test_lead_of_another_team_cannot_approve(team_a, team_b, worker):
    other_lead = make_member(team_b, Membership.Role.TEAM_LEAD)
    account = make_account(team_a, worker)
    with pytest.raises(DomainError):
        services.platform_account_approve(account=account, actor=other_lead)


@pytest.mark.parametrize("role", [Membership.Role.YOUTH_WORKER, Membership.Role.MANAGER])
def test_other_roles_cannot_approve(team_a, worker, role):
    colleague = make_member(team_a, role)
    account = make_account(team_a, worker)
    with pytest.raises(DomainError):
        services.platform_account_approve(account=account, actor=colleague)


def test_rejection_needs_a_reason_and_keeps_it_on_the_timeline(team_a, worker, lead):
    account = make_account(team_a, worker)
    with pytest.raises(DomainError) as refused:
        services.platform_account_reject(account=account, actor=lead, reason="  ")
    assert refused.value.field == "reason"
    services.platform_account_reject(account=account, actor=lead, reason="Gebruik het teamaccount")
    event = PlatformAccountEvent.objects.filter(account=account).last()
    assert (event.old_status, event.new_status, event.reason) == (
        Status.REQUESTED,
        Status.REJECTED,
        "Gebruik het teamaccount",
    )


def test_approving_twice_is_refused_the_second_time(team_a, worker, lead):
    account = make_account(team_a, worker)
    services.platform_account_approve(account=account, actor=lead)
    with pytest.raises(DomainError):
        services.platform_account_approve(account=account, actor=lead)
    assert _events(account).count((Status.REQUESTED, Status.APPROVED)) == 1


@time_machine.travel(datetime.datetime(2026, 1, 31, 10, tzinfo=datetime.UTC), tick=False)
def test_activation_plans_the_review_after_the_organisations_interval(org, team_a, worker, lead):
    org.account_review_interval_months = 3
    org.save()
    account = make_account(team_a, worker, status=Status.APPROVED)
    services.platform_account_activate(account=account, actor=worker)
    account.refresh_from_db()
    assert account.status == Status.ACTIVE
    assert account.review_due_on == datetime.date(2026, 4, 30)


@time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_default_review_interval_is_six_months(team_a, worker):
    account = make_account(team_a, worker, status=Status.APPROVED)
    services.platform_account_activate(account=account, actor=worker)
    account.refresh_from_db()
    assert account.review_due_on == datetime.date(2026, 9, 1)


def test_only_the_owner_confirms_the_review(team_a, worker, lead):
    account = make_account(team_a, worker, status=Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.platform_account_review_confirm(account=account, actor=lead)
    services.platform_account_review_confirm(account=account, actor=worker)
    account.refresh_from_db()
    assert account.status == Status.ACTIVE
    assert account.last_reviewed_at is not None
    assert account.review_due_on > datetime.date.today()
    assert _events(account)[-1] == (Status.IN_REVIEW, Status.ACTIVE)


def test_archiving_needs_a_reason(team_a, worker):
    account = make_account(team_a, worker, status=Status.ACTIVE)
    with pytest.raises(DomainError):
        services.platform_account_archive(account=account, actor=worker, reason="")
    services.platform_account_archive(account=account, actor=worker, reason="Niet meer gebruikt")
    account.refresh_from_db()
    assert account.status == Status.ARCHIVED
    assert _events(account)[-1] == (Status.ACTIVE, Status.ARCHIVED)


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.REQUESTED, "activate"),
        (Status.ACTIVE, "approve"),
        (Status.REJECTED, "approve"),
        (Status.ARCHIVED, "activate"),
        (Status.ACTIVE, "review_confirm"),
    ],
)
def test_steps_outside_the_lifecycle_are_refused(team_a, worker, lead, status, step):
    account = make_account(team_a, worker, status=status, requested_by=None)
    service = getattr(services, f"platform_account_{step}")
    actor = lead if step == "approve" else worker
    with pytest.raises(DomainError):
        service(account=account, actor=actor)
    account.refresh_from_db()
    assert account.status == status


def test_full_lifecycle_leaves_one_event_per_transition(team_a, worker, lead):
    account = services.platform_account_request(
        actor=worker, team=team_a, platform=platform("instagram"),
        handle="@sam.noord", kind=Account.Kind.PERSONAL_BUSINESS, target_groups=[], purpose="Contact",
        working_hours="ma–vr 13–21", credentials_location="Wachtwoordmanager, kluis Team A",
    )  # fmt: skip
    services.platform_account_approve(account=account, actor=lead)
    services.platform_account_activate(account=account, actor=worker)
    services.platform_account_review_start(account=account)
    services.platform_account_review_confirm(account=account, actor=worker)
    services.platform_account_archive(account=account, actor=lead, reason="Collega vertrokken")
    assert _events(account) == [
        ("", Status.REQUESTED),
        (Status.REQUESTED, Status.APPROVED),
        (Status.APPROVED, Status.ACTIVE),
        (Status.ACTIVE, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.ACTIVE),
        (Status.ACTIVE, Status.ARCHIVED),
    ]


def test_owner_updates_their_account_but_a_colleague_cannot(team_a, worker):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    account = make_account(team_a, worker, status=Status.ACTIVE)
    fields = {"target_groups": [], "purpose": "Nieuw doel", "working_hours": "di 10–12", "credentials_location": ""}
    with pytest.raises(DomainError):
        services.platform_account_update(actor=colleague, account=account, **fields)
    services.platform_account_update(actor=worker, account=account, **fields)
    account.refresh_from_db()
    assert (account.purpose, account.working_hours) == ("Nieuw doel", "di 10–12")
    assert PlatformAccountEvent.objects.filter(account=account, action="changed").count() == 1
