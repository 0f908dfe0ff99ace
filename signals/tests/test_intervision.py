"""Intervision sessions: planning with an .ics invitation, minutes, follow-up actions, finalising and locking."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from audit.models import AuditEvent
from notifications.kinds import Kind
from notifications.models import Notification
from signals.models import AgendaItem, FollowUpAction, IntervisionSession, Signal, SignalEvent, SignalStep
from signals.tests.factories import make_session, make_signal, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal_in_progress(team_a, worker, colleague):
    return make_signal(team_a, worker, status=Signal.Status.IN_PROGRESS, handler=colleague)


def test_lead_plans_a_session_and_participants_get_an_ics_invitation(
    lead, worker, colleague, team_a, signal_in_progress, client_for, django_capture_on_commit_callbacks
):
    data = {
        "team": team_a.pk,
        "kind": "intervision",
        "starts_at": "2026-12-03T14:00",
        "duration_minutes": "90",
        "place": "",
        "online_link": "https://meet.example.org/intervisie",
        "facilitator": lead.pk,
        "participants": [worker.pk, colleague.pk],
        "signals": [signal_in_progress.pk],
        "topics": "Omgaan met berichten 's nachts",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_for(lead), reverse("signals:session_create"), data)
    session = IntervisionSession.objects.get()
    assert response.url == reverse("signals:session_detail", args=[session.pk])
    assert set(session.participants.all()) == {lead, worker, colleague}
    assert [(i.signal_id, i.topic) for i in session.items.all()] == [
        (signal_in_progress.pk, ""),
        (None, "Omgaan met berichten 's nachts"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, worker.email, colleague.email])
    message = mail.outbox[0]
    assert "uitgescholden" not in message.body and "nachts" not in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["location"]) == "https://meet.example.org/intervisie"


def test_place_or_link_is_required(lead, team_a, client_for):
    data = {
        "team": team_a.pk,
        "kind": "intervision",
        "starts_at": "2026-12-03T14:00",
        "duration_minutes": "90",
        "facilitator": lead.pk,
        "participants": [lead.pk],
    }
    response = post(client_for(lead), reverse("signals:session_create"), data)
    assert response.context["form"].errors["place"]
    assert not IntervisionSession.objects.exists()


def test_duration_error_says_what_to_do(lead, team_a, client_for):
    data = {
        "team": team_a.pk,
        "kind": "intervision",
        "starts_at": "2026-12-03T14:00",
        "duration_minutes": "anderhalf",
        "place": "Buurthuis",
        "facilitator": lead.pk,
        "participants": [lead.pk],
    }
    response = post(client_for(lead), reverse("signals:session_create"), data)
    assert "bijvoorbeeld 90" in response.context["form"].errors["duration_minutes"][0]


def test_ics_download_has_no_agenda(lead, team_a, signal_in_progress, client_for):
    session = make_session(team_a, lead, signals=[signal_in_progress])
    response = client_for(lead).get(reverse("signals:session_ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"uitgescholden" not in response.content and b"BEGIN:VEVENT" in response.content


def test_minutes_actions_and_finalising(lead, worker, colleague, team_a, signal_in_progress, client_for):
    session = make_session(team_a, lead, [worker, colleague], signals=[signal_in_progress])
    item = session.items.get()
    client = client_for(lead)
    post(
        client,
        reverse("signals:item_record", args=[session.pk, item.pk]),
        {
            "notes": "Besproken wat er in de groep speelde.",
            "considerations": "Jongere lijkt geïsoleerd.",
            "course_of_action": "Gesprek met de jongere en contact met school.",
        },
    )
    for who, what in ((colleague, "Gesprek met de jongere"), (worker, "School bellen")):
        post(
            client,
            reverse("signals:action_add", args=[session.pk, item.pk]),
            {"description": what, "owner": who.pk, "due_on": "2026-12-10"},
        )
    assert FollowUpAction.objects.filter(signal=signal_in_progress).count() == 2
    post(client, reverse("signals:session_finalise", args=[session.pk]))
    session.refresh_from_db()
    assert session.is_locked
    consult = SignalStep.objects.get(signal=signal_in_progress, kind="consult")
    assert consult.consulted_with == "intervision" and consult.agenda_item == item
    assert consult.advice == "Gesprek met de jongere en contact met school."
    assert SignalEvent.objects.filter(signal=signal_in_progress, kind="consultation").count() == 1
    assert SignalEvent.objects.filter(signal=signal_in_progress, kind="action").count() == 2
    recipients = set(Notification.objects.filter(kind=Kind.INTERVISION_MINUTES).values_list("recipient", flat=True))
    assert recipients == {lead.pk, worker.pk, colleague.pk}
    # Locked: nothing changes any more.
    response = post(client, reverse("signals:item_record", args=[session.pk, item.pk]), {"notes": "later"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.notes == "Besproken wat er in de groep speelde."


def test_only_the_facilitator_finalises(lead, officer, team_a, client_for):
    session = make_session(team_a, lead, [officer])
    assert post(client_for(officer), reverse("signals:session_finalise", args=[session.pk])).status_code == 403
    session.refresh_from_db()
    assert not session.is_locked


def test_participant_sees_the_discussed_signal_but_others_in_the_team_do_not(
    lead, worker, colleague, team_a, client_for
):
    signal = make_signal(team_a, lead)
    session = make_session(team_a, lead, [worker], signals=[signal])
    assert client_for(worker).get(reverse("signals:session_detail", args=[session.pk])).status_code == 200
    assert client_for(colleague).get(reverse("signals:session_detail", args=[session.pk])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("outsider", 404), ("stranger", 404), ("manager", 404)])
def test_session_page_triple(request, who, status, lead, team_a, client_for):
    session = make_session(team_a, lead)
    user = request.getfixturevalue(who) if who else None
    for name in ("signals:session_detail", "signals:session_ics"):
        assert client_for(user).get(reverse(name, args=[session.pk])).status_code == status


def test_session_view_is_audited(lead, team_a, client_for):
    session = make_session(team_a, lead)
    client_for(lead).get(reverse("signals:session_detail", args=[session.pk]))
    assert AuditEvent.objects.filter(action="view", object_type="signals.intervisionsession").count() == 1


def test_action_done_needs_a_note_and_cancel_needs_a_reason(lead, worker, team_a, client_for):
    session = make_session(team_a, lead, [worker])
    item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
    action = FollowUpAction.objects.create(
        team=team_a, agenda_item=item, description="Protocol nalezen", owner=worker, due_on="2026-12-01"
    )
    url = reverse("signals:action_finish", args=[action.pk])
    response = post(client_for(worker), url, {"outcome": "done", "note": ""})
    assert response.context["form"].errors["note"]
    post(client_for(worker), url, {"outcome": "done", "note": "Nagelezen en besproken."})
    action.refresh_from_db()
    assert (action.status, action.done_note, action.completed_by) == ("done", "Nagelezen en besproken.", worker)


def test_action_finish_triple(lead, worker, colleague, outsider, team_a, client_for):
    session = make_session(team_a, lead, [worker, colleague])
    item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
    action = FollowUpAction.objects.create(
        team=team_a, agenda_item=item, description="x", owner=worker, due_on="2026-12-01"
    )
    url = reverse("signals:action_finish", args=[action.pk])
    assert client_for(None).get(url).status_code == 302
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(colleague).get(url).status_code == 403
    post(client_for(colleague), url, {"outcome": "cancelled", "note": "x"})
    action.refresh_from_db()
    assert action.status == "open"
    post(client_for(lead), url, {"outcome": "cancelled", "note": "Niet meer nodig."})
    action.refresh_from_db()
    assert (action.status, action.cancel_reason) == ("cancelled", "Niet meer nodig.")


def test_a_signal_you_may_not_see_cannot_be_put_on_the_agenda(team_a, worker, colleague, lead):
    from jongerenwerk.errors import DomainError
    from signals.services.intervision import session_schedule

    hidden = make_signal(team_a, colleague)
    with pytest.raises(DomainError, match="zelf mag inzien"):
        session_schedule(
            actor=worker,
            team=team_a,
            kind="consultation",
            starts_at="2026-12-03T14:00:00+01:00",
            duration_minutes=60,
            facilitator=worker,
            participants=[lead],
            place="Kantoor",
            signals=[hidden],
        )
    assert not IntervisionSession.objects.exists()


def test_finalising_logs_intervision_time_for_the_participants(lead, worker, manager, team_a):
    from registration.models import TimeEntry
    from signals.services.intervision import session_finalise

    session = make_session(team_a, lead, [worker, manager], starts_at=timezone_now_minus_hours(2))
    session_finalise(session=session, actor=lead)
    entries = TimeEntry.objects.filter(activity="intervision")
    assert sorted(e.worker_id for e in entries) == sorted([lead.pk, worker.pk])  # the manager logs no time
    assert {e.duration_minutes for e in entries} == {90}


def timezone_now_minus_hours(hours):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(hours=hours)
