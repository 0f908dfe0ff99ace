"""Triage by a team lead or safeguarding officer."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notifications.kinds import Kind
from notifications.models import Notification
from signals.models import Signal, SignalEvent
from signals.tests.factories import category, post

pytestmark = pytest.mark.django_db


def _data(signal, handler, **overrides):
    data = {
        "category": category(signal.team.organisation, "Bedreiging of geweld").pk,
        "urgency": "high",
        "handler": handler.pk,
        "step_due_on": "2026-12-01",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["lead", "officer"])
def test_lead_or_officer_triages_and_assigns_a_handler(
    request, who, signal, colleague, client_for, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(who)
    url = reverse("signals:triage", args=[signal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_for(actor), url, _data(signal, colleague))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Signal.Status.TRIAGED and signal.handler == colleague
    assert signal.urgency == "high" and signal.category.name == "Bedreiging of geweld"
    assert signal.triaged_at is not None
    event = SignalEvent.objects.get(signal=signal, kind=SignalEvent.Kind.STATUS)
    assert (event.old_status, event.new_status, event.actor) == ("reported", "triaged", actor)
    assert AuditEvent.objects.filter(action="change", object_id=str(signal.pk)).count() == 1
    assert Notification.objects.filter(kind=Kind.SIGNAL_ASSIGNED, recipient=colleague).count() == 1


def test_worker_cannot_triage_own_signal(signal, worker, client_for):
    url = reverse("signals:triage", args=[signal.pk])
    assert client_for(worker).get(url).status_code == 403
    assert post(client_for(worker), url, _data(signal, worker)).status_code == 403
    signal.refresh_from_db()
    assert signal.status == Signal.Status.REPORTED


def test_handler_from_another_team_is_refused_next_to_the_field(signal, lead, outsider, client_for):
    response = post(client_for(lead), reverse("signals:triage", args=[signal.pk]), _data(signal, outsider))
    assert response.status_code == 200
    assert response.context["form"].errors["handler"]
    signal.refresh_from_db()
    assert signal.status == Signal.Status.REPORTED


def test_second_triage_is_refused_with_what_happened(signal, lead, officer, worker, client_for):
    post(client_for(lead), reverse("signals:triage", args=[signal.pk]), _data(signal, worker))
    response = post(client_for(officer), reverse("signals:triage", args=[signal.pk]), _data(signal, officer))
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "geen toegestane stap" in message and lead.full_name in message
    signal.refresh_from_db()
    assert signal.handler == worker


@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("outsider", 404), ("stranger", 404), ("manager", 404), ("colleague", 404)]
)
def test_triage_page_is_need_to_know(request, who, status, signal, client_for):
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get(reverse("signals:triage", args=[signal.pk])).status_code == status
