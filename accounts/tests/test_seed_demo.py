import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import Invitation, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_safe_to_run_again_and_prints_the_logins(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    org = Organisation.objects.get(name="Jongerenwerk Demo")
    assert org.teams.count() == 2
    roles = set(Membership.objects.filter(team__organisation=org).values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert User.objects.get(email="beheerder@demo.jongerenwerk.nl").check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in out and "jongerenwerker@demo.jongerenwerk.nl" in out
    assert Invitation.objects.filter(organisation=org, accepted_at__isnull=True, revoked_at__isnull=True).count() == 1
