"""The signal page: need-to-know access, one audit event per view, a timeline built from event rows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from signals.models import Signal, SignalEvent
from signals.services.signal import signal_step_record, signal_triage
from signals.tests.factories import make_session, make_signal, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(team_a, worker, colleague, lead):
    signal = make_signal(team_a, worker, about=young_person(team_a))
    signal_triage(signal=signal, actor=lead, category=signal.category, urgency="high", handler=colleague)
    signal.refresh_from_db()
    signal_step_record(
        signal=signal,
        actor=colleague,
        kind="map",
        happened_on=signal.created_at.date(),
        data={"facts": "Twee berichten gezien."},
    )
    return signal


@pytest.mark.parametrize("who", ["worker", "colleague", "lead", "officer"])
def test_reporter_handler_lead_and_officer_see_full_detail(request, who, handled, client_for):
    response = client_for(request.getfixturevalue(who)).get(reverse("signals:detail", args=[handled.pk]))
    assert response.status_code == 200
    assert "In een groepschat werd een jongere uitgescholden." in response.content.decode()


def test_participant_of_a_session_with_the_signal_on_its_agenda_sees_it(handled, team_a, lead, client_for):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    participant = make_member(team_a, Membership.Role.YOUTH_WORKER)
    url = reverse("signals:detail", args=[handled.pk])
    assert client_for(participant).get(url).status_code == 404
    make_session(team_a, lead, [participant], signals=[handled])
    assert client_for(participant).get(url).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "stranger", "manager", "administrator"])
def test_everyone_else_gets_404(request, who, handled, client_for):
    assert client_for(request.getfixturevalue(who)).get(reverse("signals:detail", args=[handled.pk])).status_code == 404


def test_team_colleague_who_is_not_involved_gets_404(team_a, worker, client_for):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    signal = make_signal(team_a, worker)
    other = make_member(team_a, Membership.Role.YOUTH_WORKER)
    assert client_for(other).get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    assert signal not in Signal.objects.visible_to(other)


def test_anonymous_is_sent_to_login(handled, client_for):
    assert client_for(None).get(reverse("signals:detail", args=[handled.pk])).url.startswith("/account/login/")


def test_each_view_writes_exactly_one_audit_event_with_the_young_person(handled, lead, client_for):
    before = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count()
    client = client_for(lead)
    client.get(reverse("signals:detail", args=[handled.pk]))
    client.get(reverse("signals:detail", args=[handled.pk]))
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(handled.pk))
    assert views.count() - before == 2
    assert set(views.values_list("young_person_id", flat=True)) == {handled.people.get().young_person_id}
    assert set(views.values_list("actor", flat=True)) == {lead.pk}


def test_an_opening_writes_its_view_event_and_audit_event_with_every_field(handled, lead, client_for):
    client_for(lead).get(reverse("signals:detail", args=[handled.pk]), REMOTE_ADDR="10.1.2.3")
    viewed = SignalEvent.objects.get(signal=handled, kind="viewed")
    assert (viewed.actor, viewed.old_status, viewed.reason, viewed.step, viewed.previous_facts) == (
        lead,
        "",
        "",
        None,
        "",
    )
    audit = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, object_id=str(handled.pk))
    assert abs(audit.at - viewed.at) < timedelta(seconds=5)
    assert (audit.actor, audit.organisation_id, audit.object_type, audit.on_behalf_of, audit.detail, audit.ip) == (
        lead,
        handled.team.organisation_id,
        "signals.signal",
        f"team:{handled.team_id}",
        "signal page",
        "10.1.2.3",
    )
    assert audit.young_person_id == handled.people.get().young_person_id


@pytest.mark.django_db(transaction=True)
def test_an_opening_whose_audit_event_cannot_be_written_writes_no_view_event(handled, lead, monkeypatch):
    from django.db import DataError

    from signals.services import signal as services

    monkeypatch.setattr(services, "audit_event", lambda **_event: AuditEvent(action="x" * 17))
    with pytest.raises(DataError):
        services.signal_view(signal=handled, actor=lead)
    assert not SignalEvent.objects.filter(signal=handled, kind="viewed").exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_refused_view_writes_no_audit_event(handled, outsider, client_for):
    client_for(outsider).get(reverse("signals:detail", args=[handled.pk]))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_timeline_shows_status_changes_and_steps_and_viewers_only_to_leads(handled, worker, lead, client_for):
    client_for(worker).get(reverse("signals:detail", args=[handled.pk]))
    lead_view = client_for(lead).get(reverse("signals:detail", args=[handled.pk]))
    kinds = [event.kind for event in lead_view.context["timeline"]]
    assert kinds[:3] == ["status", "status", "step"]  # triaged, in progress (first step), the step
    assert "viewed" in kinds
    worker_view = client_for(worker).get(reverse("signals:detail", args=[handled.pk]))
    assert "viewed" not in [event.kind for event in worker_view.context["timeline"]]
    assert (
        len(worker_view.context["timeline"])
        == SignalEvent.objects.filter(signal=handled).exclude(kind="viewed").count()
    )


def test_each_viewer_is_one_timeline_row_however_often_they_opened_the_signal(handled, worker, lead, client_for):
    for _ in range(3):
        client_for(worker).get(reverse("signals:detail", args=[handled.pk]))
    client = client_for(lead)
    client.get(reverse("signals:detail", args=[handled.pk]))
    response = client.get(reverse("signals:detail", args=[handled.pk]))
    views = [event for event in response.context["timeline"] if event.kind == "viewed"]
    assert sorted((event.actor_name, event.times) for event in views) == sorted(
        [(worker.full_name, 3), (lead.full_name, 2)]
    )
    last_view = SignalEvent.objects.filter(signal=handled, kind="viewed", actor=lead).latest("at")
    assert next(event for event in views if event.times == 2).at == last_view.at
    assert response.context["timeline"][-1].at == last_view.at  # in time order with the other events
    assert "bekeken (3× sinds" in response.content.decode()


def _more_history(team, worker, colleague, lead, n):
    for _ in range(n):
        signal = make_signal(team, worker, handler=colleague, status=Signal.Status.IN_PROGRESS)
        for kind in ("map", "consult"):
            signal_step_record(
                signal=signal,
                actor=colleague,
                kind=kind,
                happened_on=signal.created_at.date(),
                data={"facts": "x", "advice": "y", "consulted_with": "colleague"},
            )
    return signal


def test_signal_page_query_count_does_not_grow_with_history(
    team_a, worker, colleague, lead, client_for, django_assert_num_queries
):
    small = _more_history(team_a, worker, colleague, lead, 1)
    big = _more_history(team_a, worker, colleague, lead, 1)
    for _ in range(6):
        signal_step_record(
            signal=big, actor=colleague, kind="map", happened_on=big.created_at.date(), data={"facts": "nog een"}
        )
    client = client_for(lead)
    client.get(reverse("signals:detail", args=[small.pk]))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        client.get(reverse("signals:detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as big_queries:
        client.get(reverse("signals:detail", args=[big.pk]))
    # On PostgreSQL the signal is read with its people, and steps, contacts, actions, events, views and names
    # together; an opening's view event and audit event are one statement (no savepoint around them).
    assert len(small_queries) == len(big_queries) == 7
    with django_assert_num_queries(len(small_queries)):
        client.get(reverse("signals:detail", args=[big.pk]))


def test_timeline_names_each_step_and_links_a_consultation_to_its_session(handled, colleague, lead, client_for):
    from signals.models import AgendaItem

    session = make_session(handled.team, lead, [colleague], signals=[handled])
    item = AgendaItem.objects.get(session=session, signal=handled)
    signal_step_record(
        signal=handled,
        actor=colleague,
        kind="consult",
        happened_on=handled.created_at.date(),
        data={"advice": "Bespreken met de ouders.", "consulted_with": "intervision"},
        agenda_item=item,
    )
    body = client_for(lead).get(reverse("signals:detail", args=[handled.pk])).content.decode()
    assert "Stap vastgelegd: Stap 1: in kaart brengen" in body
    session_url = reverse("signals:session_detail", args=[session.pk])
    assert f'Besproken in intervisie: <a href="{session_url}">naar het verslag</a>' in body


def test_page_names_reporter_handler_step_recorder_action_owner_and_who_asked_to_close(
    handled, worker, colleague, lead, officer, client_for
):
    from datetime import date

    from signals.models import AgendaItem, FollowUpAction

    item = AgendaItem.objects.get(session=make_session(handled.team, lead, [colleague], signals=[handled]))
    FollowUpAction.objects.create(
        team=handled.team,
        agenda_item=item,
        signal=handled,
        description="Ouders bellen",
        owner=officer,
        due_on=date(2020, 1, 1),
    )
    Signal.objects.filter(pk=handled.pk).update(status=Signal.Status.DECIDED, close_requested_by=colleague)
    Signal.objects.filter(pk=handled.pk).update(close_requested_at=handled.created_at)
    body = client_for(lead).get(reverse("signals:detail", args=[handled.pk])).content.decode()
    assert f"gemeld door {worker.full_name} · behandelaar: {colleague.full_name}" in body
    assert f"· {colleague.full_name}</small></h3>" in body  # who recorded step 1
    assert f"Ouders bellen – {officer.full_name}, uiterlijk 01-01-2020 · <strong>open</strong>" in body
    assert "te laat" in body
    assert f"Sluiten aangevraagd door {colleague.full_name}" in body
