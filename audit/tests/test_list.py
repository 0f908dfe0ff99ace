from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_log

pytestmark = pytest.mark.django_db
URL = "/audit/"
Action = AuditEvent.Action


def test_url_name():
    assert reverse("audit:list") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("person", ["worker", "lead", "officer", "manager"])
def test_only_administrators_read_the_audit_log(client_for, request, person):
    assert client_for(request.getfixturevalue(person)).get(URL).status_code == 403


def test_administrator_sees_only_their_own_organisations_events(client_for, administrator, worker, stranger, team_a):
    audit_log(actor=worker, action=Action.VIEW, target=team_a, detail="eigen-org")
    audit_log(actor=stranger, action=Action.VIEW, target=stranger, detail="andere-org")
    body = client_for(administrator).get(URL).content.decode()
    assert "eigen-org" in body
    assert "andere-org" not in body


def test_filter_by_person(client_for, administrator, worker, lead, team_a):
    audit_log(actor=worker, action=Action.VIEW, target=team_a, detail="door-werker")
    audit_log(actor=lead, action=Action.VIEW, target=team_a, detail="door-leider")
    body = client_for(administrator).get(URL, {"actor": worker.pk}).content.decode()
    assert "door-werker" in body and "door-leider" not in body


def test_a_person_of_another_organisation_is_no_valid_filter(client_for, administrator, stranger):
    audit_log(actor=stranger, action=Action.VIEW, target=stranger, detail="andere-org")
    response = client_for(administrator).get(URL, {"actor": stranger.pk})
    assert response.status_code == 200
    assert "andere-org" not in response.content.decode()


def test_filter_by_object(client_for, administrator, worker, team_a, team_b):
    audit_log(actor=worker, action=Action.CHANGE, target=team_a, detail="over-a")
    audit_log(actor=worker, action=Action.CHANGE, target=team_b, detail="over-b")
    audit_log(actor=worker, action=Action.CHANGE, target=worker, detail="over-persoon")
    client = client_for(administrator)
    body = client.get(URL, {"object_type": "accounts.team", "object_id": team_a.pk}).content.decode()
    assert "over-a" in body and "over-b" not in body and "over-persoon" not in body
    body = client.get(URL, {"object_type": "accounts.team"}).content.decode()
    assert "over-a" in body and "over-b" in body and "over-persoon" not in body


def test_filter_by_period_includes_both_days(client_for, administrator, worker, team_a):
    tz = timezone.get_current_timezone()
    for day, detail in ((1, "dag-een"), (2, "dag-twee"), (3, "dag-drie"), (4, "dag-vier")):
        # Late in the evening, Amsterdam time: the period is in the organisation's time zone.
        with time_machine.travel(datetime(2026, 3, day, 23, 30, tzinfo=tz), tick=False):
            audit_log(actor=worker, action=Action.VIEW, target=team_a, detail=detail)
    body = client_for(administrator).get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-03"}).content.decode()
    assert "dag-twee" in body and "dag-drie" in body
    assert "dag-een" not in body and "dag-vier" not in body


def test_an_end_before_the_start_is_explained(client_for, administrator):
    response = client_for(administrator).get(URL, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert "De einddatum ligt voor de begindatum" in response.content.decode()


def test_pages_of_fifty(client_for, administrator, worker, team_a):
    for i in range(51):
        audit_log(actor=worker, action=Action.VIEW, target=team_a, detail=f"nr-{i}")
    client = client_for(administrator)
    first = client.get(URL).content.decode()
    assert "nr-50" in first and "nr-0<" not in first and "Pagina 1 van 2" in first
    assert "nr-0<" in client.get(URL, {"page": 2}).content.decode()


def test_query_count_does_not_grow(client_for, administrator, worker, team_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(administrator)
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    audit_log(actor=worker, action=Action.VIEW, target=team_a)
    small = count()
    for i in range(20):
        audit_log(actor=administrator if i % 2 else worker, action=Action.VIEW, target=team_a, object_id=str(i))
    assert count() == small
