import datetime

import pytest

from audit.models import AuditEvent
from privacy.models import DestructionRecord, LegalHold, RetentionSettings
from privacy.services.retention import legal_hold_place, retention_apply
from registration.tests.factories import ContactFactory

PAGES = ["/privacy/bewaartermijnen/", "/privacy/vernietigd/", "/privacy/bewaarplicht/nieuw/", "/privacy/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(client, org, url):
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("url", PAGES)
def test_roles_without_the_capability_get_403(client_for, worker, lead, manager, url):
    for person in (worker, lead, manager):
        assert client_for(person).get(url).status_code == 403


def test_settings_page_says_the_audit_log_is_never_removed(client_for, administrator):
    response = client_for(administrator).get("/privacy/bewaartermijnen/")
    assert response.status_code == 200
    assert "Het auditlog wordt nooit verwijderd" in response.content.decode()


def test_administrator_changes_the_periods_and_it_is_audited(client_for, administrator, org):
    data = {"contact_days": 400, "time_entry_days": 500, "closed_signal_days": 1000, "young_person_days": 365}
    response = client_for(administrator).post("/privacy/bewaartermijnen/", data)
    assert response.status_code == 302
    settings = RetentionSettings.objects.get(organisation=org)
    assert (settings.contact_days, settings.time_entry_days, settings.young_person_days) == (400, 500, 365)
    assert AuditEvent.objects.filter(action="change", object_type="privacy.retentionsettings").count() == 1


def test_a_too_short_period_is_refused_next_to_the_field(client_for, administrator, org):
    data = {"contact_days": 3, "time_entry_days": 500, "closed_signal_days": 1000, "young_person_days": 365}
    response = client_for(administrator).post("/privacy/bewaartermijnen/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["contact_days"] == ["Kies minstens 30 dagen."]
    assert response.context["form"]["time_entry_days"].value() == "500"


def test_administrator_places_a_hold_with_a_reason(client_for, administrator, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    data = {"kind": "contact", "object_id": contact.pk, "reason": "klacht 2026-14"}
    assert client_for(administrator).post("/privacy/bewaarplicht/nieuw/", data).status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.object_id, hold.reason, hold.placed_by) == (contact.pk, "klacht 2026-14", administrator)
    assert AuditEvent.objects.filter(action="create", object_type="privacy.legalhold").count() == 1


def test_a_hold_on_another_organisations_record_is_refused(client_for, administrator, stranger, other_team):
    from registration.tests.factories import PlatformFactory

    contact = ContactFactory(
        team=other_team, worker=stranger, platform=PlatformFactory(organisation=other_team.organisation)
    )
    data = {"kind": "contact", "object_id": contact.pk, "reason": "klacht"}
    response = client_for(administrator).post("/privacy/bewaarplicht/nieuw/", data)
    assert response.status_code == 200 and "object_id" in response.context["form"].errors
    assert not LegalHold.objects.exists()


def test_a_hold_without_reason_keeps_what_was_typed(client_for, administrator, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    response = client_for(administrator).post(
        "/privacy/bewaarplicht/nieuw/", {"kind": "contact", "object_id": contact.pk}
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert response.context["form"]["object_id"].value() == str(contact.pk)


def test_release_needs_the_administrator_and_is_audited(client_for, administrator, worker, stranger, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    hold = legal_hold_place(actor=administrator, kind="contact", object_id=contact.pk, reason="klacht")
    url = f"/privacy/bewaarplicht/{hold.pk}/opheffen/"
    assert client_for(stranger).post(url, {"reason": "x"}).status_code == 404
    assert client_for(worker).post(url, {"reason": "x"}).status_code == 403
    assert client_for(administrator).post(url, {"reason": "afgehandeld"}).status_code == 302
    hold.refresh_from_db()
    assert (hold.released_by, hold.release_reason) == (administrator, "afgehandeld")
    assert AuditEvent.objects.filter(action="change", object_type="privacy.legalhold").count() == 1


def test_destruction_log_lists_batches_of_own_organisation_only(
    client_for, administrator, worker, team_a, platform, org, django_assert_num_queries
):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2024, 1, 1))
    retention_apply(organisation_id=org.pk)
    client = client_for(administrator)
    response = client.get("/privacy/vernietigd/")
    assert list(response.context["page"].object_list) == list(DestructionRecord.objects.all())
    for _ in range(5):
        DestructionRecord.objects.create(
            organisation=org,
            kind="contact",
            retention_days=730,
            cutoff=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            count=1,
            object_ids=[1],
        )
    with django_assert_num_queries(_count_queries(client)):
        client.get("/privacy/vernietigd/")


def _count_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get("/privacy/vernietigd/")
    return len(captured)


def test_stranger_sees_no_destruction_records(client_for, stranger, other_org, org):
    DestructionRecord.objects.create(
        organisation=org,
        kind="contact",
        retention_days=730,
        cutoff=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        count=1,
        object_ids=[1],
    )
    assert client_for(stranger).get("/privacy/vernietigd/").status_code == 403


def test_a_second_hold_on_the_same_record_is_refused(client_for, administrator, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    data = {"kind": "contact", "object_id": contact.pk, "reason": "klacht 2026-14"}
    client = client_for(administrator)
    client.post("/privacy/bewaarplicht/nieuw/", data)
    response = client.post("/privacy/bewaarplicht/nieuw/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["object_id"] == ["Op dit gegeven staat al een bewaarplicht."]
    assert LegalHold.objects.count() == 1
