"""Two leads triaging the same signal at the same moment: one wins, the other is told what happened."""

import threading

import pytest
from django.db import connection

from jongerenwerk.errors import DomainError
from signals.models import Signal, SignalEvent
from signals.services.signal import signal_triage
from signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_triage_has_one_winner(team_a, worker, lead, officer):
    signal = make_signal(team_a, worker)
    barrier = threading.Barrier(2)
    results = {}

    def triage(actor):
        try:
            barrier.wait()
            fresh = Signal.objects.get(pk=signal.pk)
            signal_triage(signal=fresh, actor=actor, category=fresh.category, urgency="high", handler=actor)
            results[actor.pk] = "ok"
        except DomainError as refused:
            results[actor.pk] = refused.message
        finally:
            connection.close()

    threads = [threading.Thread(target=triage, args=(actor,)) for actor in (lead, officer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values(), key=lambda r: r != "ok")[0] == "ok"
    refused = [message for message in results.values() if message != "ok"]
    assert len(refused) == 1
    signal.refresh_from_db()
    winner = signal.handler
    assert results[winner.pk] == "ok"
    assert winner.full_name in refused[0] and "beoordeeld" in refused[0]
    assert SignalEvent.objects.filter(signal=signal, kind=SignalEvent.Kind.STATUS).count() == 1
