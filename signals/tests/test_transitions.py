"""Every pair of the status table: the allowed ones go through, every other one is refused."""

import itertools

import pytest

from jongerenwerk.errors import DomainError
from signals.models import Signal, SignalEvent
from signals.services.signal import ALLOWED_TRANSITIONS, _transition
from signals.tests.factories import make_signal

Status = Signal.Status
PAIRS = list(itertools.product(Status.values, Status.values))


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_transition_pair_follows_the_table(old, new, team_a, worker, lead):
    signal = make_signal(team_a, worker, status=old)
    if new in ALLOWED_TRANSITIONS.get(old, ()):
        _transition(signal, new, actor=lead, allowed=lambda s: True)
        signal.refresh_from_db()
        assert signal.status == new
        event = SignalEvent.objects.get(signal=signal, kind=SignalEvent.Kind.STATUS)
        assert (event.old_status, event.new_status, event.actor) == (old, new, lead)
    else:
        with pytest.raises(DomainError, match="geen toegestane stap"):
            _transition(signal, new, actor=lead, allowed=lambda s: True)
        signal.refresh_from_db()
        assert signal.status == old
        assert not SignalEvent.objects.filter(signal=signal).exists()


def test_the_table_covers_the_issue_path():
    path = [Status.REPORTED, Status.TRIAGED, Status.IN_PROGRESS, Status.DECIDED, Status.CLOSED, Status.REOPENED]
    for old, new in itertools.pairwise(path):
        assert new in ALLOWED_TRANSITIONS[old]


@pytest.mark.django_db
def test_transition_refused_without_the_capability(signal, lead):
    with pytest.raises(DomainError):
        _transition(signal, Status.TRIAGED, actor=lead, allowed=lambda s: False)
    signal.refresh_from_db()
    assert signal.status == Status.REPORTED
