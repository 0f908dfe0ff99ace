"""Need-to-know checked on one signal (`signal_visible_to`) gives what the queryset's `visible_to` gives."""

import pytest

from signals.models import Signal
from signals.models.signal import signal_visible_to
from signals.tests.factories import make_session, make_signal

pytestmark = pytest.mark.django_db

PEOPLE = ["worker", "colleague", "lead", "officer", "manager", "administrator", "outsider", "stranger"]


@pytest.fixture
def signals(team_a, team_b, other_team, worker, colleague, lead, outsider, stranger):
    """Signals each person sees for a different reason (or not at all), including a wrongly linked one of the
    other organisation that names our worker as handler."""
    on_agenda = make_signal(team_b, outsider)
    make_session(team_b, outsider, [colleague], signals=[on_agenda])
    return [
        make_signal(team_a, worker),
        make_signal(team_a, colleague, handler=worker),
        make_signal(team_b, outsider),
        on_agenda,
        make_signal(team_b, outsider, handler=lead),
        make_signal(other_team, stranger),
        make_signal(other_team, stranger, handler=worker),
    ]


@pytest.mark.parametrize("who", PEOPLE)
def test_one_signal_check_agrees_with_the_queryset(request, who, signals):
    user = request.getfixturevalue(who)
    visible = set(Signal.objects.visible_to(user).values_list("pk", flat=True))
    for signal in Signal.objects.select_related("team").filter(pk__in=[s.pk for s in signals]):
        assert signal_visible_to(signal, user) == (signal.pk in visible), (who, signal.pk)


def test_person_without_memberships_sees_nothing(team_a, worker, signals):
    worker.memberships.all().delete()
    worker._jw_memberships = None
    assert not any(signal_visible_to(s, worker) for s in Signal.objects.select_related("team"))


def test_participant_sees_the_signal_discussed_in_their_session(colleague, signals):
    assert signal_visible_to(Signal.objects.select_related("team").get(pk=signals[3].pk), colleague)
