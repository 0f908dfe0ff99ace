import io

import pytest
from django.core.management import call_command

from accounts.models import Organisation, PlatformAccount, TargetGroup
from accounts.selectors.outreach import outreach_matrix

pytestmark = pytest.mark.django_db


def test_seed_demo_has_target_groups_one_gap_and_one_review_due_and_can_run_again():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    org = Organisation.objects.get(name="Jongerenwerk Demo")
    names = set(TargetGroup.objects.filter(team__organisation=org).values_list("name", flat=True))
    assert {"meiden 12–16 Noord", "jongens 14–18 Zuid", "ouders", "lokale politiek"} <= names
    manager = org.users.get(email="manager@demo.jongerenwerk.nl")
    _platforms, rows = outreach_matrix(manager)
    gaps = [(row.target_group.name, cell.platform.slug) for row in rows for cell in row.cells if cell.is_gap]
    assert gaps == [("meiden 12–16 Noord", "tiktok")]
    accounts = PlatformAccount.objects.filter(organisation=org)
    assert accounts.filter(status=PlatformAccount.Status.IN_REVIEW).count() == 1
    assert accounts.filter(status=PlatformAccount.Status.REQUESTED).count() == 1
    assert all(account.events.exists() for account in accounts)
    assert TargetGroup.objects.get(name="meiden 12–16 Noord").personas.exists()


def test_demo_review_due_reaches_its_owner_through_the_reminder_task():
    from accounts.tasks import platform_account_reminders
    from notifications.kinds import Kind
    from notifications.models import Notification

    call_command("seed_demo", stdout=io.StringIO())
    platform_account_reminders.delay()
    due = Notification.objects.filter(kind=Kind.ACCOUNT_REVIEW_DUE)
    assert list(due.values_list("recipient__email", flat=True)) == ["jongerenwerker@demo.jongerenwerk.nl"]
