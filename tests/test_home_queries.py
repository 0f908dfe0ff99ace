"""The home page asks the same number of queries whatever a person has waiting: four apps' panels, no N+1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from policy.models import PolicyVersion
from policy.tests.factories import make_document, make_version
from registration.tests.factories import ContactFactory, TimeEntryFactory
from signals.models import AgendaItem, FollowUpAction
from signals.tests.factories import make_session, make_signal

pytestmark = pytest.mark.django_db


def _give_work(worker, lead, team, n):
    """n follow-ups due, n hours this week, n open signals with an action each, n policy versions to confirm."""
    today = timezone.localdate()
    session = make_session(team, lead, [worker])
    for i in range(n):
        ContactFactory(team=team, worker=worker, date=today, follow_up=f"Terugbellen {i}", follow_up_due=today)
        TimeEntryFactory(team=team, worker=worker, date=today)
        signal = make_signal(team, worker)
        item = AgendaItem.objects.create(session=session, signal=signal, order=i + 1)
        FollowUpAction.objects.create(
            team=team, agenda_item=item, signal=signal, description=f"Actie {i}", owner=worker, due_on=today
        )
        document = make_document(team.organisation, owner=lead, title=f"Beleid {i}")
        make_version(document, author=lead, status=PolicyVersion.Status.PUBLISHED, published_at=timezone.now())


def _home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    return response, len(queries)


def test_a_workers_home_asks_as_many_queries_with_one_or_six_of_everything(client_for, worker, lead, team_a):
    _give_work(worker, lead, team_a, 1)
    client = client_for(worker)
    client.get(reverse("home"))  # the first visit after login may fill the session
    response, one = _home_queries(client)
    # Policy to confirm comes first: the home page sends the person there.
    assert response.status_code == 302

    _give_work(worker, lead, team_a, 5)
    response, six = _home_queries(client)
    assert response.status_code == 302
    assert one == six


def test_a_workers_home_with_everything_on_it_stays_within_its_queries(client_for, worker, lead, team_a):
    _give_work(worker, lead, team_a, 3)
    PolicyVersion.objects.update(status=PolicyVersion.Status.SUPERSEDED)  # nothing to confirm: the home page shows
    client = client_for(worker)
    client.get(reverse("home"))
    response, count = _home_queries(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Terugbellen 2" in html and "Actie 2" in html
    _give_work(worker, lead, team_a, 3)
    PolicyVersion.objects.update(status=PolicyVersion.Status.SUPERSEDED)
    assert _home_queries(client)[1] == count
    assert count <= 10


def test_a_leads_home_asks_as_many_queries_with_one_or_six_signals(client_for, worker, lead, team_a):
    _give_work(worker, lead, team_a, 1)
    PolicyVersion.objects.update(status=PolicyVersion.Status.SUPERSEDED)
    client = client_for(lead)
    client.get(reverse("home"))
    response, one = _home_queries(client)
    assert response.status_code == 200
    _give_work(worker, lead, team_a, 5)
    PolicyVersion.objects.update(status=PolicyVersion.Status.SUPERSEDED)
    assert _home_queries(client)[1] == one
