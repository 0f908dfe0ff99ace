"""The reopen page: a lead or safeguarding officer reopens a decided or closed signal, with a reason."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from signals.models import Signal, SignalEvent
from signals.tests.factories import make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status


@pytest.fixture
def closed(team_a, worker, colleague):
    return make_signal(team_a, worker, status=Status.CLOSED, handler=colleague)


def url(signal):
    return reverse("signals:reopen", args=[signal.pk])


def test_anonymous_is_sent_to_login(closed, client_for):
    assert client_for(None).get(url(closed)).url.startswith("/account/login/")
    assert post(client_for(None), url(closed), {"reason": "x"}).url.startswith("/account/login/")


@pytest.mark.parametrize("who", ["outsider", "stranger", "manager", "administrator"])
def test_not_need_to_know_gets_404(request, who, closed, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(closed)).status_code == 404
    assert post(client, url(closed), {"reason": "Nieuwe berichten."}).status_code == 404
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED


@pytest.mark.parametrize("who", ["worker", "colleague"])
def test_reporter_and_handler_get_403(request, who, closed, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(closed)).status_code == 403
    assert post(client, url(closed), {"reason": "Nieuwe berichten."}).status_code == 403
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED


def test_lead_reopens_with_a_reason_that_shows_on_the_timeline(closed, lead, client_for):
    client = client_for(lead)
    assert client.get(url(closed)).status_code == 200
    response = post(client, url(closed), {"reason": "Nieuwe berichten in dezelfde groep."})
    assert response.status_code == 302 and response.url == reverse("signals:detail", args=[closed.pk])
    closed.refresh_from_db()
    assert closed.status == Status.REOPENED and closed.closed_at is None
    event = SignalEvent.objects.get(signal=closed, kind=SignalEvent.Kind.STATUS)
    assert (event.old_status, event.new_status, event.actor, event.reason) == (
        Status.CLOSED,
        Status.REOPENED,
        lead,
        "Nieuwe berichten in dezelfde groep.",
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHANGE, object_id=str(closed.pk), detail="status closed -> reopened"
    ).exists()
    page = client.get(reverse("signals:detail", args=[closed.pk])).content.decode()
    assert "Nieuwe berichten in dezelfde groep." in page


def test_officer_reopens_a_decided_signal(team_a, worker, colleague, officer, client_for):
    decided = make_signal(team_a, worker, status=Status.DECIDED, handler=colleague)
    post(client_for(officer), url(decided), {"reason": "Het besluit past niet meer."})
    decided.refresh_from_db()
    assert decided.status == Status.REOPENED


def test_empty_reason_gets_a_message_next_to_the_field(closed, lead, client_for):
    response = post(client_for(lead), url(closed), {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Schrijf op waarom je het signaal heropent, bijvoorbeeld: nieuwe berichten gezien."
    ]
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED
    assert not SignalEvent.objects.filter(signal=closed).exists()


def test_empty_reason_message_is_english_for_an_english_speaking_lead(closed, lead, client_for):
    lead.language = "en"
    lead.save(update_fields=["language"])
    response = post(client_for(lead), url(closed), {"reason": ""})
    assert "Write why you are reopening the signal, for example: new messages seen." in response.content.decode()


def test_a_signal_still_in_progress_cannot_be_reopened_and_says_why(team_a, worker, colleague, lead, client_for):
    busy = make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)
    client = client_for(lead)
    page = client.get(url(busy))
    assert page.status_code == 200 and not page.context["reopenable"]
    assert "Heropenen kan alleen bij een besloten of gesloten signaal." in page.content.decode()
    response = post(client, url(busy), {"reason": "Toch opnieuw bekijken."})
    assert response.status_code == 200
    assert "geen toegestane stap" in " ".join(response.context["form"].non_field_errors())
    assert "Toch opnieuw bekijken." in response.content.decode()  # nothing typed is lost
    busy.refresh_from_db()
    assert busy.status == Status.IN_PROGRESS


def test_signal_page_shows_the_reopen_button_only_to_those_who_may(closed, worker, lead, client_for):
    detail = reverse("signals:detail", args=[closed.pk])
    assert client_for(lead).get(detail).context["can_reopen"]
    assert url(closed) in client_for(lead).get(detail).content.decode()
    assert not client_for(worker).get(detail).context["can_reopen"]
    assert url(closed) not in client_for(worker).get(detail).content.decode()
