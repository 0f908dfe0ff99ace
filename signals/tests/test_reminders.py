"""Reminders: scheduled once, sent once, to the right people, escalating when work stays overdue."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notifications_send_due
from signals.models import AgendaItem, FollowUpAction, Signal
from signals.services.reminders import signal_reminders_schedule
from signals.tasks import schedule_signal_reminders
from signals.tests.factories import make_session, make_signal

pytestmark = pytest.mark.django_db
AMS = timezone.get_default_timezone()


def at(*args):
    return datetime(*args, tzinfo=AMS)


def _rows(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", "key"))


def test_triage_near_then_passed_to_leads_and_officers_once(team_a, worker, lead, officer):
    with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
        signal = make_signal(team_a, worker, triage_due_at=at(2026, 11, 20, 17, 0), urgency="high")
        signal_reminders_schedule()
        assert _rows(Kind.SIGNAL_TRIAGE_DUE) == []
    with time_machine.travel(at(2026, 11, 20, 15, 30), tick=False):
        signal_reminders_schedule()
        signal_reminders_schedule()
        assert _rows(Kind.SIGNAL_TRIAGE_DUE) == sorted([(lead.pk, "near"), (officer.pk, "near")])
    with time_machine.travel(at(2026, 11, 20, 17, 5), tick=False):
        schedule_signal_reminders.delay()
        schedule_signal_reminders.delay()
        assert len(_rows(Kind.SIGNAL_TRIAGE_DUE)) == 4
        assert notifications_send_due() == 4
        assert notifications_send_due() == 0
        assert len(mail.outbox) == 4
    assert worker.pk not in {r for r, _k in _rows(Kind.SIGNAL_TRIAGE_DUE)}
    assert signal.pk


def test_step_due_tomorrow_then_overdue_then_escalated_to_lead_then_manager(team_a, worker, colleague, lead, manager):
    make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=colleague, step_due_on=date(2026, 11, 20))
    with time_machine.travel(at(2026, 11, 19, 8, 0), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_STEP_DUE) == [(colleague.pk, "step-20261120")]
    with time_machine.travel(at(2026, 11, 21, 8, 0), tick=False):  # overdue since midnight, not yet a day
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_STEP_OVERDUE) == [(colleague.pk, "step-20261120")]
    assert _rows(Kind.SIGNAL_ESCALATED) == []
    with time_machine.travel(at(2026, 11, 22, 1, 0), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_ESCALATED) == [(lead.pk, "step-20261120-lead")]
    with time_machine.travel(at(2026, 11, 23, 1, 0), tick=False):
        signal_reminders_schedule()
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_ESCALATED) == sorted(
        [(lead.pk, "step-20261120-lead"), (manager.pk, "step-20261120-manager")]
    )
    assert _rows(Kind.SIGNAL_STEP_OVERDUE) == [(colleague.pk, "step-20261120")]


def test_acute_overdue_escalates_after_an_hour(team_a, worker, colleague, lead):
    make_signal(
        team_a,
        worker,
        status=Signal.Status.IN_PROGRESS,
        handler=colleague,
        urgency="acute",
        step_due_on=date(2026, 11, 20),
    )
    with time_machine.travel(at(2026, 11, 21, 0, 30), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_ESCALATED) == []
    with time_machine.travel(at(2026, 11, 21, 1, 5), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_ESCALATED) == [(lead.pk, "step-20261120-lead")]


def test_follow_up_action_due_tomorrow_goes_to_its_owner(team_a, lead, worker):
    session = make_session(team_a, lead, [worker], starts_at=at(2026, 11, 10, 14, 0))
    item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
    FollowUpAction.objects.create(
        team=team_a, agenda_item=item, description="x", owner=worker, due_on=date(2026, 11, 21)
    )
    done = FollowUpAction.objects.create(
        team=team_a,
        agenda_item=item,
        description="y",
        owner=lead,
        due_on=date(2026, 11, 21),
        status="done",
        done_note="klaar",
    )
    with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_STEP_DUE) == [(worker.pk, "action-20261121")]
    assert done.pk


def test_intervision_tomorrow_to_participants(team_a, lead, worker, colleague):
    make_session(team_a, lead, [worker], starts_at=at(2026, 11, 21, 14, 0))
    make_session(team_a, lead, [colleague], starts_at=at(2026, 11, 23, 14, 0))
    with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
        signal_reminders_schedule()
        signal_reminders_schedule()
    assert _rows(Kind.INTERVISION_TOMORROW) == sorted([(lead.pk, "20261121"), (worker.pk, "20261121")])


def test_no_activity_for_14_days_to_handler_and_lead(team_a, worker, colleague, lead, officer):
    with time_machine.travel(at(2026, 11, 1, 9, 0), tick=False):
        make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=colleague)
        make_signal(team_a, worker, status=Signal.Status.CLOSED, handler=colleague)
    with time_machine.travel(at(2026, 11, 14, 9, 0), tick=False):
        signal_reminders_schedule()
    assert _rows(Kind.SIGNAL_IDLE) == []
    with time_machine.travel(at(2026, 11, 15, 9, 30), tick=False):
        signal_reminders_schedule()
        signal_reminders_schedule()
    assert [r for r, _k in _rows(Kind.SIGNAL_IDLE)] == sorted([colleague.pk, lead.pk])


def test_beat_schedule_runs_the_signal_reminders():
    from jongerenwerk.celery import app

    assert app.conf.beat_schedule["signal-reminders"]["task"] == "signals.schedule_reminders"
    assert timedelta(seconds=app.conf.beat_schedule["signal-reminders"]["schedule"]) <= timedelta(minutes=15)


def test_recording_a_step_settles_the_reminders_and_sets_the_next_deadline(
    team_a, worker, colleague, django_capture_on_commit_callbacks
):
    from signals.services.signal import signal_step_record

    signal = make_signal(
        team_a, worker, status=Signal.Status.IN_PROGRESS, handler=colleague, step_due_on=date(2026, 11, 20)
    )
    with time_machine.travel(at(2026, 11, 21, 9, 0), tick=False):
        signal_reminders_schedule()
        with django_capture_on_commit_callbacks(execute=True):
            signal_step_record(
                signal=signal,
                actor=colleague,
                kind="map",
                happened_on=date(2026, 11, 21),
                data={"facts": "x"},
                next_step_due_on=date(2026, 11, 28),
            )
        signal_reminders_schedule()
    signal.refresh_from_db()
    assert signal.step_due_on == date(2026, 11, 28)
    overdue = Notification.objects.get(kind=Kind.SIGNAL_STEP_OVERDUE)
    assert overdue.acted_at is not None
    assert Notification.objects.filter(kind=Kind.SIGNAL_STEP_OVERDUE).count() == 1
