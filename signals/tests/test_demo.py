"""seed_demo: signals in every status, a session with minutes, open and overdue actions; safe to run twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from signals.models import FollowUpAction, IntervisionSession, Signal, SignalEvent


@pytest.mark.django_db
def test_seed_demo_fills_every_status_and_runs_twice():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert set(Signal.objects.values_list("status", flat=True)) == set(Signal.Status.values)
    assert Signal.objects.count() == 6
    session = IntervisionSession.objects.get()
    assert session.is_locked and session.items.exclude(course_of_action="").count() == 2
    assert FollowUpAction.objects.filter(status="open", due_on__lt=timezone.localdate()).exists()
    assert FollowUpAction.objects.filter(status="open", due_on__gte=timezone.localdate()).exists()
    reopened = Signal.objects.get(status="reopened")
    assert set(reopened.events.values_list("kind", flat=True)) >= {
        SignalEvent.Kind.HANDLER_CHANGED,
        SignalEvent.Kind.CORRECTED,
    }
