"""Privacy of signals: retention of closed signals, erasure refused while one is open, the full file, the access
log."""

import datetime
import json

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from privacy.erasure import open_signal_refusal
from privacy.models import DestructionRecord
from privacy.services.retention import legal_hold_place, retention_apply
from registration.tests.factories import YoungPersonFactory

LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def _signal(team, reporter, **fields):
    from signals.tests.factories import make_signal

    return make_signal(team, reporter, **fields)


def _involve(signal, person, role="about"):
    from signals.models import SignalPerson

    SignalPerson.objects.create(signal=signal, young_person=person, role=role)


def test_expired_closed_signals_go_with_their_content_held_and_open_ones_stay(team_a, worker, lead, administrator, org):
    from signals.models import Signal, SignalEvent, SignalStep
    from signals.tests.factories import make_session

    expired = [_signal(team_a, worker, status="closed", closed_at=LONG_AGO) for _ in range(4)]
    held = _signal(team_a, worker, status="closed", closed_at=LONG_AGO)
    legal_hold_place(actor=administrator, kind="closed_signal", object_id=held.pk, reason="rechtszaak")
    recent = _signal(team_a, worker, status="closed", closed_at=timezone.now() - datetime.timedelta(days=30))
    still_open = _signal(team_a, worker, status="in_progress")
    SignalStep.objects.create(signal=expired[0], kind="map", happened_on=datetime.date(2019, 12, 1),
                              recorded_by=worker, facts="Feiten over iemand")  # fmt: skip
    session = make_session(team_a, lead, [worker], signals=[expired[1]])
    retention_apply(organisation_id=org.pk)
    remaining = set(Signal.objects.values_list("pk", flat=True))
    assert not {s.pk for s in expired} & remaining
    assert {held.pk, recent.pk, still_open.pk} <= remaining
    assert not SignalStep.objects.filter(signal_id__in=[s.pk for s in expired]).exists()
    assert not SignalEvent.objects.filter(signal_id__in=[s.pk for s in expired]).exists()
    item = session.items.get()
    assert (item.signal_id, item.notes, item.topic) == (None, "", f"#{expired[1].pk}")
    record = DestructionRecord.objects.get(kind="closed_signal")
    assert sorted(record.object_ids) == sorted(s.pk for s in expired) and record.count == 4
    assert "Feiten" not in json.dumps(list(DestructionRecord.objects.values("object_ids", "kind")))


def test_a_young_person_in_a_signal_is_kept_until_the_signal_goes(team_a, worker, org):
    from registration.models import YoungPerson

    person = YoungPersonFactory(team=team_a)
    YoungPerson.objects.filter(pk=person.pk).update(created_at=LONG_AGO)
    _involve(_signal(team_a, worker, status="in_progress"), person)
    retention_apply(organisation_id=org.pk)
    assert YoungPerson.objects.filter(pk=person.pk).exists()


def test_erasure_is_refused_while_a_signal_about_them_is_open(team_a, worker, lead):
    from jongerenwerk.errors import DomainError
    from registration.services import young_person_erase

    person = YoungPersonFactory(team=team_a)
    signal = _signal(team_a, worker, status="reopened")
    _involve(signal, person, role="sharer")
    assert open_signal_refusal(person)
    with pytest.raises(DomainError):
        young_person_erase(young_person=person, actor=lead)
    type(signal).objects.filter(pk=signal.pk).update(status="closed", closed_at=timezone.now())
    assert open_signal_refusal(person) is None


def test_full_file_lists_signal_involvement_without_content_or_others(client_for, team_a, worker, administrator):
    person, other = (
        YoungPersonFactory(team=team_a, pseudonym="Sunny"),
        YoungPersonFactory(team=team_a, pseudonym="Storm"),
    )
    mine = _signal(team_a, worker, facts="Feitentekst")
    _involve(mine, person)
    _involve(mine, other, role="sharer")
    theirs = _signal(team_a, worker)
    _involve(theirs, other)
    data = json.loads(client_for(administrator).post(f"/privacy/jongere/{person.pk}/json/").content)
    assert [row["signal"] for row in data["signal_involvement"]] == [mine.pk]
    assert "Storm" not in json.dumps(data) and "Feitentekst" not in json.dumps(data["signal_involvement"])


def test_viewing_a_signal_writes_one_event_and_shows_in_every_involved_persons_overview(
    client_for, team_a, worker, lead, administrator
):
    person, sharer = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_a)
    signal = _signal(team_a, worker)
    _involve(signal, person)
    _involve(signal, sharer, role="sharer")
    before = AuditEvent.objects.count()
    assert client_for(lead).get(f"/signalen/{signal.pk}/").status_code == 200
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(e.action, e.object_type, e.object_id, e.young_person_id) for e in events] == [
        ("view", "signals.signal", str(signal.pk), person.pk)
    ]
    assert events[0].on_behalf_of == f"team:{team_a.pk}"
    response = client_for(administrator).get(f"/privacy/inzage/jongere/{sharer.pk}/")
    assert [e.object_id for e in response.context["page"].object_list] == [str(signal.pk)]


def _one_new_event(before, *, actor, action, signal, young_person_id):
    events = list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))
    assert [(e.action, e.object_type, e.object_id) for e in events] == [(action, "signals.signal", str(signal.pk))]
    event = events[0]
    assert (event.actor, event.young_person_id, event.on_behalf_of) == (
        actor,
        young_person_id,
        f"team:{signal.team_id}",
    )
    assert event.at is not None and event.organisation_id == signal.team.organisation_id


def _last():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_signal_view_and_change_writes_one_event_with_the_young_person(client_for, team_a, worker, lead, officer):
    from signals.services import signal as services

    person = YoungPersonFactory(team=team_a)
    signal = _signal(team_a, worker, urgency="acute")
    _involve(signal, person)
    for url in (f"/signalen/{signal.pk}/", f"/signalen/{signal.pk}/acuut/"):
        before = _last()
        assert client_for(lead).get(url).status_code == 200
        _one_new_event(before, actor=lead, action="view", signal=signal, young_person_id=person.pk)
    before = _last()
    signal = services.signal_triage(signal=signal, actor=lead, category=signal.category, urgency="high", handler=worker)
    _one_new_event(before, actor=lead, action="change", signal=signal, young_person_id=person.pk)
    before = _last()
    services.signal_step_record(
        signal=signal, actor=worker, kind="map", happened_on=timezone.localdate(),
        data={"facts": "Feiten", "interpretation": "", "sources": "groepschat"},
    )  # fmt: skip
    events = list(AuditEvent.objects.filter(pk__gt=before))
    assert {e.young_person_id for e in events} == {person.pk}
    assert all(e.object_id == str(signal.pk) for e in events)
