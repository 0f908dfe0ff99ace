"""Closing needs the decision and a second lead or safeguarding officer (four eyes); reopening needs a reason."""

import pytest
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import make_member
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.models import Notification
from signals.models import Signal, SignalEvent
from signals.services.signal import signal_close_approve, signal_close_request
from signals.tests.factories import make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status


@pytest.fixture
def decided(team_a, worker, lead):
    """Decided, handled by the team lead (so the lead may not approve it)."""
    return make_signal(team_a, worker, status=Status.DECIDED, handler=lead)


def test_handler_requests_and_officer_approves(decided, lead, officer, client_for):
    post(client_for(lead), reverse("signals:close_request", args=[decided.pk]))
    decided.refresh_from_db()
    assert decided.close_requested_by == lead
    assert Notification.objects.filter(kind=Kind.SIGNAL_CLOSE_APPROVAL, recipient=officer).count() == 1
    assert not Notification.objects.filter(kind=Kind.SIGNAL_CLOSE_APPROVAL, recipient=lead).exists()
    response = post(client_for(officer), reverse("signals:close_approve", args=[decided.pk]))
    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.status == Status.CLOSED and decided.closed_at is not None
    assert SignalEvent.objects.filter(signal=decided, kind="status", new_status="closed", actor=officer).exists()


def test_handler_cannot_approve_own_closing(decided, lead, client_for):
    signal_close_request(signal=decided, actor=lead)
    assert post(client_for(lead), reverse("signals:close_approve", args=[decided.pk])).status_code == 403
    decided.refresh_from_db()
    assert decided.status == Status.DECIDED


def test_requester_cannot_approve_own_request(team_a, worker, colleague, lead, officer):
    signal = make_signal(team_a, worker, status=Status.DECIDED, handler=colleague)
    signal_close_request(signal=signal, actor=lead)
    with pytest.raises(DomainError, match="vier ogen"):
        signal_close_approve(signal=signal, actor=lead)
    signal_close_approve(signal=signal, actor=officer)
    signal.refresh_from_db()
    assert signal.status == Status.CLOSED


def test_closing_needs_a_request_first(decided, officer):
    with pytest.raises(DomainError, match="geen verzoek"):
        signal_close_approve(signal=decided, actor=officer)


def test_closing_needs_the_decision(team_a, worker, colleague, lead):
    signal = make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)
    with pytest.raises(DomainError, match="stap 5"):
        signal_close_request(signal=signal, actor=colleague)


def test_approver_can_refuse_with_a_reason(decided, lead, officer, client_for):
    signal_close_request(signal=decided, actor=lead)
    post(client_for(officer), reverse("signals:close_refuse", args=[decided.pk]), {"reason": "Monitoring ontbreekt."})
    decided.refresh_from_db()
    assert decided.close_requested_at is None and decided.status == Status.DECIDED
    assert SignalEvent.objects.get(signal=decided, kind="close_refused").reason == "Monitoring ontbreekt."


def test_reopen_needs_a_reason(team_a, worker, lead, client_for):
    signal = make_signal(team_a, worker, status=Status.CLOSED, handler=lead)
    url = reverse("signals:reopen", args=[signal.pk])
    post(client_for(lead), url, {"reason": ""})
    signal.refresh_from_db()
    assert signal.status == Status.CLOSED
    post(client_for(lead), url, {"reason": "Nieuwe berichten gezien."})
    signal.refresh_from_db()
    assert signal.status == Status.REOPENED
    assert SignalEvent.objects.get(signal=signal, new_status="reopened").reason == "Nieuwe berichten gezien."


def test_worker_cannot_reopen(team_a, worker, client_for):
    signal = make_signal(team_a, worker, status=Status.CLOSED)
    assert post(client_for(worker), reverse("signals:reopen", args=[signal.pk]), {"reason": "x"}).status_code == 403


def test_second_lead_in_team_sees_the_closing_in_the_queue(decided, lead, team_a, client_for):
    second = make_member(team_a, Membership.Role.TEAM_LEAD)
    signal_close_request(signal=decided, actor=lead)
    response = client_for(second).get(reverse("signals:queue"))
    assert decided.pk in [row.pk for row in response.context["awaiting_approval"]]
    own = client_for(lead).get(reverse("signals:queue")).context["awaiting_approval"]
    assert decided.pk not in [row.pk for row in own]
