"""No upload possible: a multipart POST to any of the signal and intervision forms is refused and stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse

from signals.models import AgendaItem, FollowUpAction, IntervisionSession, Signal, SignalStep
from signals.tests.factories import make_session, make_signal

pytestmark = pytest.mark.django_db


def test_every_form_refuses_a_multipart_body(team_a, worker, lead, client_for):
    signal = make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=lead)
    session = make_session(team_a, lead, [worker], signals=[signal])
    item = session.items.get()
    action = FollowUpAction.objects.create(
        team=team_a, agenda_item=item, description="x", owner=lead, due_on="2026-12-01"
    )
    urls = [
        reverse("signals:report"),
        reverse("signals:triage", args=[signal.pk]),
        reverse("signals:step", args=[signal.pk, "map"]),
        reverse("signals:weigh", args=[signal.pk]),
        reverse("signals:decide", args=[signal.pk]),
        reverse("signals:close_request", args=[signal.pk]),
        reverse("signals:close_approve", args=[signal.pk]),
        reverse("signals:close_refuse", args=[signal.pk]),
        reverse("signals:reopen", args=[signal.pk]),
        reverse("signals:session_create"),
        reverse("signals:agenda_add", args=[session.pk]),
        reverse("signals:item_record", args=[session.pk, item.pk]),
        reverse("signals:action_add", args=[session.pk, item.pk]),
        reverse("signals:session_finalise", args=[session.pk]),
        reverse("signals:action_finish", args=[action.pk]),
    ]
    client = client_for(lead)
    for url in urls:
        picture = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
        response = client.post(url, {"facts": "x", "notes": "x", "picture": picture}, content_type=MULTIPART_CONTENT)
        assert response.status_code == 415, url
    assert not SignalStep.objects.exists()
    assert IntervisionSession.objects.count() == 1 and AgendaItem.objects.count() == 1
    session.refresh_from_db()
    assert not session.is_locked
