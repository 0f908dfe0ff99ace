"""The team lead's queue: most urgent first, overdue work, closings to approve, the next session; filters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from signals.models import AgendaItem, FollowUpAction, Signal
from signals.tests.factories import category, make_session, make_signal

pytestmark = pytest.mark.django_db
URL = reverse("signals:queue")
Status = Signal.Status


def _fill(team, worker, lead, n):
    yesterday = timezone.localdate() - timedelta(days=1)
    for _ in range(n):
        make_signal(team, worker, urgency="normal")
        make_signal(team, worker, status=Status.IN_PROGRESS, handler=worker, step_due_on=yesterday)
        make_signal(
            team,
            worker,
            status=Status.DECIDED,
            handler=worker,
            close_requested_by=worker,
            close_requested_at=timezone.now(),
        )
        session = make_session(team, lead, [worker])
        item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
        FollowUpAction.objects.create(team=team, agenda_item=item, description="x", owner=worker, due_on=yesterday)


def test_acute_comes_first_with_its_deadline_in_words_and_icon(team_a, worker, lead, client_for):
    normal = make_signal(team_a, worker, urgency="normal", triage_due_at=timezone.now() + timedelta(hours=1))
    acute = make_signal(team_a, worker, urgency="acute", triage_due_at=timezone.now() + timedelta(hours=2))
    high = make_signal(team_a, worker, urgency="high")
    response = client_for(lead).get(URL)
    assert response.context["untriaged"] == [acute, high, normal]
    body = response.content.decode()
    # Colour (class), icon and word together, never colour alone.
    assert 'urgency-badge-acute"><i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i> acuut</span>' in body


def test_queue_sections(team_a, worker, lead, client_for):
    _fill(team_a, worker, lead, 1)
    context = client_for(lead).get(URL).context
    assert len(context["untriaged"]) == 1
    assert len(context["overdue_steps"]) == 1
    assert len(context["overdue_actions"]) == 1
    assert len(context["awaiting_approval"]) == 1
    assert context["next_session"] is not None


def test_filters(team_a, worker, lead, client_for, org):
    bullying = make_signal(team_a, worker, category=category(org, "Online pesten"), urgency="high")
    make_signal(team_a, worker, category=category(org, "Drugs"), urgency="normal", status=Status.TRIAGED, handler=lead)
    client = client_for(lead)
    assert client.get(URL, {"category": bullying.category_id}).context["signals"] == [bullying]
    assert client.get(URL, {"urgency": "high"}).context["signals"] == [bullying]
    assert client.get(URL, {"status": "reported"}).context["signals"] == [bullying]
    assert [s.handler for s in client.get(URL, {"handler": lead.pk}).context["signals"]] == [lead]


def test_other_teams_signals_are_not_in_the_queue(team_a, team_b, outsider, lead, client_for):
    make_signal(team_b, outsider)
    assert client_for(lead).get(URL).context["signals"] == []


def test_queue_query_count_is_the_same_at_two_sizes(team_a, worker, lead, client_for, django_assert_num_queries):
    client = client_for(lead)
    _fill(team_a, worker, lead, 1)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _fill(team_a, worker, lead, 5)
    assert len(small) == 10
    with django_assert_num_queries(len(small)):
        client.get(URL)
