"""What waits in a lead's teams (signals, overdue actions, next session), read as one statement on PostgreSQL,
is what the querysets read: only the lead's own teams, never another team or organisation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from signals.models import AgendaItem, FollowUpAction, Signal
from signals.selectors import lead_team_ids
from signals.selectors.queue import _queue_panels_orm, _queue_panels_sql
from signals.tests.factories import category, make_session, make_signal

pytestmark = pytest.mark.django_db
Role = Membership.Role
Status = Signal.Status


def _action(session, owner, due_on, *, signal=None, status=FollowUpAction.Status.OPEN):
    item = AgendaItem.objects.create(session=session, signal=signal, topic="" if signal else "Werkafspraken")
    done = {"done_note": "Gedaan."} if status == FollowUpAction.Status.DONE else {}
    FollowUpAction.objects.create(
        team=session.team,
        agenda_item=item,
        signal=signal,
        description="x",
        owner=owner,
        due_on=due_on,
        status=status,
        **done,
    )


def _waiting_work(team, reporter, lead, other_lead):
    """Signals in every status with steps overdue or not and closings asked for or not (by this lead or another);
    open, done and future actions with and without a signal; sessions past and to come."""
    today = timezone.localdate()
    drugs = category(team.organisation, "Drugs")
    for status in Status.values:
        for step_due_on in (today - timedelta(days=2), today, None):
            make_signal(team, reporter, status=status, step_due_on=step_due_on, handler=lead, category=drugs)
    for asked_by in (lead, other_lead):
        make_signal(
            team,
            reporter,
            status=Status.DECIDED,
            handler=reporter,
            close_requested_by=asked_by,
            close_requested_at=timezone.now() - timedelta(hours=1),
        )
    make_session(team, lead, starts_at=timezone.now() - timedelta(days=1))
    later = make_session(team, lead, [reporter], starts_at=timezone.now() + timedelta(days=9))
    make_session(team, lead, starts_at=timezone.now() + timedelta(days=3))
    for due_on in (today - timedelta(days=3), today - timedelta(days=1), today, today + timedelta(days=1)):
        _action(later, reporter, due_on, signal=make_signal(team, reporter, status=Status.IN_PROGRESS))
        _action(later, lead, due_on)
    _action(later, reporter, today - timedelta(days=5), status=FollowUpAction.Status.DONE)


@pytest.fixture
def work(team_a, team_b, other_team, worker, lead, outsider, stranger):
    other_lead = make_member(team_a, Role.TEAM_LEAD, full_name="Tweede Leider", email="lead2@example.org")
    _waiting_work(team_a, worker, lead, other_lead)
    _waiting_work(team_b, outsider, make_member(team_b, Role.TEAM_LEAD, email="lead-b@example.org"), outsider)
    _waiting_work(other_team, stranger, stranger, stranger)


def _sorted(panels):
    waiting, actions, session = panels
    return sorted(waiting), actions, session


@pytest.mark.parametrize("who", ["lead", "officer", "worker", "outsider", "manager", "stranger", "two_teams"])
def test_statement_reads_what_the_querysets_read(request, who, work, team_b, lead):
    if who == "two_teams":
        user = make_member(team_b, Role.TEAM_LEAD, full_name="Twee Teams", email="two@example.org")
        Membership.objects.create(user=user, team=lead.memberships.get().team, role=Role.SAFEGUARDING_OFFICER)
    else:
        user = request.getfixturevalue(who)
    teams = lead_team_ids(user)
    expected = _queue_panels_orm(teams)
    assert _sorted(_queue_panels_sql(teams)) == _sorted(expected)
    if who == "lead":
        waiting, actions, session = expected
        # Reported (3), a step overdue (3 statuses), closings asked for (2): team A only.
        assert len(waiting) == 3 + 3 + 2
        today = timezone.localdate()
        assert [action["due_on"] for action in actions] == [today - timedelta(days=d) for d in (3, 3, 1, 1)]
        assert {action["category"] for action in actions} == {"Online pesten", None}
        assert session["team_name"] == lead.memberships.get().team.name
        assert session["kind_label"]


def test_nothing_waits_for_someone_who_leads_no_team(work, worker):
    assert _queue_panels_sql(lead_team_ids(worker)) == ([], [], None)
