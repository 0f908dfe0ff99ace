from django.core.management import call_command

from accounts.models import Organisation
from privacy.models import LegalHold, RetentionSettings


def test_seed_demo_sets_default_retention_and_can_run_twice(db):
    call_command("seed_demo")
    call_command("seed_demo")
    organisation = Organisation.objects.get(name__icontains="demo")
    settings = RetentionSettings.objects.get(organisation=organisation)
    assert (settings.contact_days, settings.closed_signal_days) == (730, 1825)
    assert LegalHold.objects.filter(organisation=organisation).active().count() == 1
