import datetime

import pytest

from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from registration import services
from registration.models import Contact, MonthApproval, MonthApprovalEvent, TimeEntry
from registration.tests.factories import ContactFactory, TimeEntryFactory
from registration.tests.http import post_form

OCTOBER = datetime.date(2026, 10, 1)
DETAIL = "/registratie/maanden/{team}/2026-10/"


def approve_url(team):
    return DETAIL.format(team=team.pk) + "goedkeuren/"


def reopen_url(team):
    return DETAIL.format(team=team.pk) + "heropenen/"


def test_anonymous_is_sent_to_login(client, team_a):
    assert client.get(DETAIL.format(team=team_a.pk)).status_code == 302


def test_worker_gets_403(client_for, worker, team_a):
    assert client_for(worker).get(DETAIL.format(team=team_a.pk)).status_code == 403
    assert post_form(client_for(worker), approve_url(team_a)).status_code == 403
    assert not MonthApproval.objects.exists()


def test_lead_of_another_organisation_gets_404(client_for, stranger, team_a):
    assert client_for(stranger).get(DETAIL.format(team=team_a.pk)).status_code == 404
    assert post_form(client_for(stranger), approve_url(team_a)).status_code == 404


def test_lead_sees_the_month_per_worker(client_for, lead, worker, team_a, platform):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 5), duration_minutes=30)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 10, 6), duration_minutes=90)
    response = client_for(lead).get(DETAIL.format(team=team_a.pk))
    assert response.context["overview"]["workers"] == [
        {"name": worker.full_name, "contacts": 1, "entries": 1, "minutes": 120}
    ]
    assert response.context["can_approve"] is True


def test_lead_approves_and_the_entries_are_locked(client_for, lead, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 5))
    entry = TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 10, 6))
    response = post_form(client_for(lead), approve_url(team_a))
    assert response.status_code == 302
    approval = MonthApproval.objects.get(team=team_a, month=OCTOBER)
    assert approval.status == "approved" and approval.approved_by == lead
    assert MonthApprovalEvent.objects.get().new_status == "approved"
    with pytest.raises(DomainError, match="goedgekeurd"):
        services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 99})
    with pytest.raises(DomainError):
        services.time_entry_delete(actor=worker, entry=entry)
    assert Contact.objects.get().duration_minutes == 15
    assert TimeEntry.objects.exists()


def test_locked_edit_through_the_form_shows_the_reason(client_for, lead, worker, team_a, platform, group_a):
    contact = ContactFactory(
        team=team_a, worker=worker, platform=platform, target_group=group_a, date=datetime.date(2026, 10, 5)
    )
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    client = client_for(worker)
    data = {
        "platform": platform.pk,
        "duration_minutes": 99,
        "young_people_count": 1,
        "target_group": group_a.pk,
        "channel": "dm",
        "kind": "individual",
        "date": "2026-10-05",
    }
    response = post_form(client, f"/registratie/contact/{contact.pk}/wijzigen/", data)
    assert response.status_code == 200
    assert "goedgekeurd door de teamleider" in response.content.decode()
    contact.refresh_from_db()
    assert contact.duration_minutes == 15


def test_new_entry_in_an_approved_month_is_refused(client_for, lead, worker, team_a):
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    response = post_form(
        client_for(worker),
        "/registratie/tijd/nieuw/",
        {"date": "2026-10-10", "duration_minutes": 30, "activity": "content"},
    )
    assert response.status_code == 200
    assert not TimeEntry.objects.exists()


def test_other_months_stay_open(lead, worker, team_a, platform):
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 11, 2))
    services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 20})
    contact.refresh_from_db()
    assert contact.duration_minutes == 20


def test_current_month_cannot_be_approved(lead, team_a):
    with pytest.raises(DomainError):
        services.month_approve(team=team_a, month=datetime.date(2026, 11, 1), actor=lead)


def test_approving_twice_is_refused(lead, team_a):
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    with pytest.raises(DomainError):
        services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    assert MonthApprovalEvent.objects.count() == 1


def test_lead_cannot_reopen(client_for, lead, team_a):
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    assert post_form(client_for(lead), reopen_url(team_a), {"reason": "fout"}).status_code == 403
    assert MonthApproval.objects.get().status == "approved"


def test_manager_reopens_with_a_reason_audited(client_for, lead, manager, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 5))
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    response = post_form(client_for(manager), reopen_url(team_a), {"reason": "Dubbele registratie corrigeren"})
    assert response.status_code == 302
    assert MonthApproval.objects.get().status == "open"
    event = MonthApprovalEvent.objects.last()
    assert (event.actor, event.reason, event.new_status) == (manager, "Dubbele registratie corrigeren", "open")
    assert AuditEvent.objects.filter(actor=manager, object_type="registration.monthapproval").exists()
    services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 25})


def test_reopen_without_reason_is_refused(client_for, lead, manager, team_a):
    services.month_approve(team=team_a, month=OCTOBER, actor=lead)
    post_form(client_for(manager), reopen_url(team_a), {"reason": ""})
    assert MonthApproval.objects.get().status == "approved"


def test_month_list_for_lead(client_for, lead, team_a):
    response = client_for(lead).get("/registratie/maanden/")
    assert response.status_code == 200
    assert [row["team"] for row in response.context["rows"]] == [team_a]
