"""The queue's page of all signals, read as one statement on PostgreSQL, gives what `signal_list` gives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from signals.selectors import SIGNAL_ROW_IDS, signal_list
from signals.selectors.queue import _queue_signal_ids
from signals.tests.factories import category, make_session, make_signal

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def signals(team_a, team_b, other_team, worker, lead, outsider, stranger):
    """Signals of every status and urgency with tied deadlines; others seen as handler, on the agenda, or not."""
    due = timezone.now() + timedelta(hours=1)
    drugs = category(team_a.organisation, "Drugs")
    for status in ("reported", "triaged", "in_progress", "decided", "closed", "reopened"):
        for urgency in ("acute", "high", "normal"):
            make_signal(team_a, worker, status=status, urgency=urgency, triage_due_at=due, handler=lead)
            make_signal(team_a, worker, status=status, urgency=urgency, category=drugs)
    make_signal(team_b, outsider, handler=lead, status="in_progress")
    make_signal(team_b, outsider, handler=worker)
    discussed = make_signal(team_b, outsider, urgency="acute")
    make_session(team_b, outsider, [lead, worker], signals=[discussed])
    make_signal(team_b, outsider)
    make_signal(other_team, stranger, handler=lead)
    return drugs


FILTERS = [
    {},
    {"status": "closed"},
    {"status": "nonsense"},
    {"urgency": "acute"},
    {"status": "reported", "urgency": "high"},
    {"handler": "LEAD"},
    {"category": "DRUGS"},
]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("who", ["lead", "officer", "worker", "outsider", "manager", "stranger", "two_teams"])
@pytest.mark.parametrize(("start", "stop"), [(0, 51), (5, 12), (30, 81)])
def test_statement_gives_the_rows_of_signal_list(request, who, filters, start, stop, signals, team_b, lead):
    if who == "two_teams":
        user = make_member(team_b, Role.TEAM_LEAD, full_name="Twee Teams", email="two@example.org")
        Membership.objects.create(user=user, team=lead.memberships.get().team, role=Role.SAFEGUARDING_OFFICER)
    else:
        user = request.getfixturevalue(who)
    values = {"LEAD": str(lead.pk), "DRUGS": str(signals.pk)}
    filters = {key: values.get(value, value) for key, value in filters.items()}
    expected = list(signal_list(user, fields=SIGNAL_ROW_IDS, **filters)[start:stop])
    if who == "lead" and not filters:
        assert len(expected) == min(stop, 38) - start  # 36 of team A, one handled, one discussed
    assert _queue_signal_ids(user, start, stop, filters) == expected


def test_an_id_filter_that_is_not_a_number_is_refused_as_by_the_orm(lead, signals):
    with pytest.raises(ValueError):
        list(signal_list(lead, category="x"))
    with pytest.raises(ValueError):
        _queue_signal_ids(lead, 0, 51, {"category": "x"})
