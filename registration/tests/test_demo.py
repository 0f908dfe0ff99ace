from django.core.management import call_command

from registration.models import Contact, FunderAgreement, MonthApproval, TimeEntry


def test_seed_demo_gives_a_quarter_and_can_run_twice(db):
    call_command("seed_demo")
    contacts, entries = Contact.objects.count(), TimeEntry.objects.count()
    assert contacts > 100 and entries > 50
    assert FunderAgreement.objects.get().goals.count() == 3
    assert MonthApproval.objects.filter(status="approved").count() == 1
    call_command("seed_demo")
    assert (Contact.objects.count(), TimeEntry.objects.count()) == (contacts, entries)
    assert FunderAgreement.objects.count() == 1
