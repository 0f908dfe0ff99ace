"""Two people acting on the same signal at the same moment (triage, handler, correction): one wins, the other
is told what happened."""

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


def _at_once(calls):
    """Run each call in its own thread and connection, released at the same moment; 'ok' or the refusal."""
    barrier = threading.Barrier(len(calls))
    results = {}

    def run(name, call):
        try:
            barrier.wait()
            call()
            results[name] = "ok"
        except DomainError as refused:
            results[name] = refused.message
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_handler_changes_have_one_winner(team_a, worker, lead, officer):
    from signals.services.corrections import HANDLER_FIELDS, signal_fingerprint, signal_handler_change

    signal = make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=worker)
    seen = signal_fingerprint(signal, HANDLER_FIELDS)

    def change(actor):
        fresh = Signal.objects.get(pk=signal.pk)
        return lambda: signal_handler_change(signal=fresh, actor=actor, handler=actor, seen=seen)

    results = _at_once({"lead": change(lead), "officer": change(officer)})

    assert sorted(results.values()).count("ok") == 1
    signal.refresh_from_db()
    winner, loser = ("lead", "officer") if signal.handler == lead else ("officer", "lead")
    assert results[winner] == "ok"
    assert signal.handler.full_name in results[loser] and "zojuist aangepast" in results[loser]
    assert SignalEvent.objects.filter(signal=signal, kind=SignalEvent.Kind.HANDLER_CHANGED).count() == 1


def test_concurrent_corrections_have_one_winner(team_a, worker, lead, officer):
    from signals.services.corrections import REPORT_FIELDS, signal_correct, signal_fingerprint

    signal = make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=worker)
    seen = signal_fingerprint(signal, REPORT_FIELDS)

    def correct(actor, urgency):
        fresh = Signal.objects.get(pk=signal.pk)
        return lambda: signal_correct(
            signal=fresh,
            actor=actor,
            category=fresh.category,
            urgency=urgency,
            facts=fresh.facts,
            reason="Ingeschat na overleg.",
            seen=seen,
        )

    results = _at_once({"lead": correct(lead, "high"), "officer": correct(officer, "acute")})

    assert sorted(results.values()).count("ok") == 1
    signal.refresh_from_db()
    winner, loser = ("lead", "officer") if signal.urgency == "high" else ("officer", "lead")
    assert results[winner] == "ok" and "zojuist aangepast" in results[loser]
    assert SignalEvent.objects.filter(signal=signal, kind=SignalEvent.Kind.CORRECTED).count() == 1
