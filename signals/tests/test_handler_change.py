"""Changing the handler after triage: leads and safeguarding officers, an event row, an audit event, a notification."""

import pytest
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_schedule
from signals.models import Signal, SignalEvent
from signals.services.corrections import HANDLER_FIELDS, signal_fingerprint, signal_handler_change
from signals.tests.factories import make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status


@pytest.fixture
def handled(team_a, worker, colleague):
    return make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)


def url(signal):
    return reverse("signals:handler_change", args=[signal.pk])


def seen(signal):
    return signal_fingerprint(signal, HANDLER_FIELDS)


def test_anonymous_is_sent_to_login(handled, client_for):
    assert client_for(None).get(url(handled)).url.startswith("/account/login/")


@pytest.mark.parametrize("who", ["outsider", "stranger", "manager", "administrator"])
def test_not_need_to_know_gets_404(request, who, handled, worker, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(handled)).status_code == 404
    assert post(client, url(handled), {"handler": worker.pk, "seen": seen(handled)}).status_code == 404
    handled.refresh_from_db()
    assert handled.handler.email == "colleague@example.org"


@pytest.mark.parametrize("who", ["worker", "colleague"])
def test_reporter_and_handler_get_403(request, who, handled, worker, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(handled)).status_code == 403
    assert post(client, url(handled), {"handler": worker.pk, "seen": seen(handled)}).status_code == 403


def test_lead_hands_the_signal_to_another_handler(handled, worker, colleague, lead, client_for):
    notification_schedule(recipient=colleague, kind=Kind.SIGNAL_STEP_DUE, target=handled, key="step-x")
    client = client_for(lead)
    assert colleague not in client.get(url(handled)).context["form"].fields["handler"].queryset
    response = post(
        client, url(handled), {"handler": worker.pk, "reason": "Chris is met verlof.", "seen": seen(handled)}
    )
    assert response.status_code == 302
    handled.refresh_from_db()
    assert handled.handler == worker and handled.status == Status.IN_PROGRESS
    event = SignalEvent.objects.get(signal=handled, kind=SignalEvent.Kind.HANDLER_CHANGED)
    assert (event.actor, event.reason) == (lead, "Chris is met verlof.")
    assert event.label == "Behandelaar: Chris Collega → Wessel Werker"
    assert AuditEvent.objects.filter(object_id=str(handled.pk), detail="handler changed", actor=lead).count() == 1
    assert Notification.objects.filter(recipient=worker, kind=Kind.SIGNAL_ASSIGNED).count() == 1
    assert Notification.objects.get(recipient=colleague, kind=Kind.SIGNAL_STEP_DUE).acted_at is not None
    timeline = client.get(reverse("signals:detail", args=[handled.pk])).content.decode()
    assert "Behandelaar: Chris Collega → Wessel Werker" in timeline and "Chris is met verlof." in timeline


def test_officer_may_change_the_handler_of_a_decided_signal(team_a, worker, colleague, officer):
    decided = make_signal(team_a, worker, status=Status.DECIDED, handler=colleague)
    signal_handler_change(signal=decided, actor=officer, handler=worker)
    decided.refresh_from_db()
    assert decided.handler == worker


@pytest.mark.parametrize(
    ("status", "message"),
    [(Status.REPORTED, "nog niet beoordeeld"), (Status.CLOSED, "Heropen het eerst")],
)
def test_untriaged_and_closed_signals_are_refused_with_a_message(
    status, message, team_a, worker, colleague, lead, client_for
):
    signal = make_signal(team_a, worker, status=status, handler=colleague)
    client = client_for(lead)
    assert not client.get(url(signal)).context["open"]
    response = post(client, url(signal), {"handler": worker.pk, "seen": seen(signal)})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].non_field_errors())
    signal.refresh_from_db()
    assert signal.handler == colleague
    assert not SignalEvent.objects.filter(signal=signal).exists()


def test_a_handler_from_another_team_is_refused(handled, lead, outsider):
    with pytest.raises(DomainError, match="uit het team") as refused:
        signal_handler_change(signal=handled, actor=lead, handler=outsider)
    assert refused.value.field == "handler"


def test_a_handler_from_another_team_is_not_a_choice(handled, lead, outsider, client_for):
    response = post(client_for(lead), url(handled), {"handler": outsider.pk, "seen": seen(handled)})
    assert response.status_code == 200 and "handler" in response.context["form"].errors
    handled.refresh_from_db()
    assert handled.handler.email == "colleague@example.org"


def test_second_lead_with_a_stale_page_sees_what_happened_and_can_save_again(
    handled, worker, team_a, lead, officer, client_for
):
    stale = seen(handled)
    third = make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="Derde Werker")
    post(client_for(officer), url(handled), {"handler": worker.pk, "seen": stale})
    response = post(client_for(lead), url(handled), {"handler": third.pk, "reason": "Meer ervaring.", "seen": stale})
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "Olaf Officier heeft dit signaal zojuist aangepast" in message and "Wessel Werker" in message
    assert "Meer ervaring." in response.content.decode()
    handled.refresh_from_db()
    assert handled.handler == worker
    # The page now carries what the lead has seen: saving again is a deliberate change.
    fresh = response.context["form"].data["seen"]
    assert fresh == seen(handled)
    post(client_for(lead), url(handled), {"handler": third.pk, "reason": "Meer ervaring.", "seen": fresh})
    handled.refresh_from_db()
    assert handled.handler == third
    assert SignalEvent.objects.filter(signal=handled, kind=SignalEvent.Kind.HANDLER_CHANGED).count() == 2


def test_signal_page_links_the_handler_change_for_leads_only(handled, worker, lead, client_for):
    detail = reverse("signals:detail", args=[handled.pk])
    assert url(handled) in client_for(lead).get(detail).content.decode()
    assert url(handled) not in client_for(worker).get(detail).content.decode()
