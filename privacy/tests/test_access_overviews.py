import csv
import io

import pytest
import time_machine

from audit.models import AuditEvent
from registration.tests.factories import YoungPersonFactory


@pytest.fixture
def looked_at(client_for, worker, lead, team_a):
    """The worker opens the record on 2 Nov, the team lead on 18 Nov; another young person is also opened."""
    person, other = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_a)
    with time_machine.travel("2026-11-02 10:00 +01:00", tick=False):
        client_for(worker).get(f"/registratie/jongeren/{person.pk}/")
    with time_machine.travel("2026-11-18 10:00 +01:00", tick=False):
        client_for(lead).get(f"/registratie/jongeren/{person.pk}/")
        client_for(lead).get(f"/registratie/jongeren/{other.pk}/")
    return person, other


def test_anonymous_is_sent_to_login(client_for, looked_at, worker):
    person, _other = looked_at
    client = client_for(None)
    assert client.get(f"/privacy/inzage/jongere/{person.pk}/").status_code == 302
    assert client.get(f"/privacy/inzage/medewerker/{worker.pk}/").status_code == 302


def test_other_organisation_gets_404(client_for, looked_at, stranger, worker, other_org):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    other_admin = make_member(stranger.memberships.first().team, Membership.Role.ADMINISTRATOR)
    person, _other = looked_at
    client = client_for(other_admin)
    assert client.get(f"/privacy/inzage/jongere/{person.pk}/").status_code == 404
    assert client.get(f"/privacy/inzage/medewerker/{worker.pk}/").status_code == 404
    assert client.post(f"/privacy/inzage/jongere/{person.pk}/csv/").status_code == 404


def test_roles_without_the_capability_get_403(client_for, looked_at, worker, lead, manager):
    person, _other = looked_at
    for who in (worker, lead, manager):
        assert client_for(who).get(f"/privacy/inzage/jongere/{person.pk}/").status_code == 403
        assert client_for(who).get(f"/privacy/inzage/medewerker/{worker.pk}/").status_code == 403
        assert client_for(who).post(f"/privacy/inzage/jongere/{person.pk}/csv/").status_code == 403


def test_young_person_overview_shows_who_looked_only_at_them(client_for, administrator, looked_at, worker, lead):
    person, _other = looked_at
    response = client_for(administrator).get(f"/privacy/inzage/jongere/{person.pk}/")
    events = list(response.context["page"].object_list)
    assert [(e.actor, e.action) for e in events] == [(lead, "view"), (worker, "view")]
    assert all(e.young_person_id == person.pk for e in events)


def test_young_person_overview_filters_by_period(client_for, administrator, looked_at, lead):
    person, _other = looked_at
    url = f"/privacy/inzage/jongere/{person.pk}/?date_from=2026-11-10&date_to=2026-11-20"
    events = list(client_for(administrator).get(url).context["page"].object_list)
    assert [e.actor for e in events] == [lead]


def test_worker_overview_shows_what_they_looked_at(client_for, administrator, looked_at, lead):
    person, other = looked_at
    response = client_for(administrator).get(f"/privacy/inzage/medewerker/{lead.pk}/?date_from=2026-11-01")
    assert {e.young_person_id for e in response.context["page"].object_list} == {person.pk, other.pk}


def test_csv_export_holds_the_period_and_is_itself_audited(client_for, administrator, looked_at, worker):
    person, _other = looked_at
    response = client_for(administrator).post(
        f"/privacy/inzage/jongere/{person.pk}/csv/", {"date_from": "2026-11-01", "date_to": "2026-11-05"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "tijdstip" and len(rows) == 2
    assert rows[1][1] == worker.full_name and rows[1][5] == str(person.pk)
    export = AuditEvent.objects.get(action="export", actor=administrator)
    assert (export.young_person_id, export.object_type) == (person.pk, "privacy.young_person_access")


def test_worker_csv_export_is_audited(client_for, administrator, looked_at, lead):
    response = client_for(administrator).post(f"/privacy/inzage/medewerker/{lead.pk}/csv/")
    assert len(list(csv.reader(io.StringIO(response.content.decode())))) == 3
    assert AuditEvent.objects.filter(action="export", object_type="privacy.worker_access").count() == 1


def test_an_erased_young_person_keeps_their_access_overview(client_for, administrator, looked_at, lead):
    from registration.services import young_person_erase

    person, _other = looked_at
    young_person_erase(young_person=person, actor=lead)
    response = client_for(administrator).get(f"/privacy/inzage/jongere/{person.pk}/")
    assert response.status_code == 200 and response.context["record"] is None
    assert len(response.context["page"].object_list) == 3


def test_an_unknown_number_gives_404(client_for, administrator, org):
    assert client_for(administrator).get("/privacy/inzage/jongere/987654/").status_code == 404


def test_overview_query_count_does_not_grow(client_for, administrator, lead, team_a, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = YoungPersonFactory(team=team_a)
    client, url = client_for(administrator), f"/privacy/inzage/jongere/{person.pk}/"
    client_for(lead).get(f"/registratie/jongeren/{person.pk}/")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        client_for(lead).get(f"/registratie/jongeren/{person.pk}/")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_read_only_pages_refuse_post(client_for, administrator, looked_at):
    person, _other = looked_at
    client = client_for(administrator)
    for url in ("/privacy/", "/privacy/vernietigd/", f"/privacy/inzage/jongere/{person.pk}/"):
        assert client.post(url).status_code == 405
