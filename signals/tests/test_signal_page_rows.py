"""The signal page's reads, each one statement on PostgreSQL, give what the ORM (SQLite's path) gives."""

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from registration.tests.factories import ContactFactory, PlatformFactory
from signals.models import FollowUpAction, Signal, SignalEvent, SignalPerson, SignalStep
from signals.selectors.page import (
    _signal_page_rows,
    _signal_page_rows_postgresql,
    _signal_with_people,
    get_signal_page_for_user,
    signal_page,
    signal_people,
)
from signals.tests.factories import make_session, make_signal, young_person

pytestmark = pytest.mark.django_db

Kind = SignalEvent.Kind


def _history(signal, team, reporter, handler, lead, officer, owner, platforms):
    """Every kind of row the page shows: people, steps, contacts, actions, events and views."""
    now = timezone.now().replace(microsecond=123456)
    for n, role in enumerate(SignalPerson.Role.values):
        SignalPerson.objects.create(signal=signal, young_person=young_person(team, f"Jongere {n}"), role=role)
    session = make_session(team, lead, [handler], signals=[signal])
    item = session.items.get()
    on = date(2026, 11, 2)
    steps = {
        kind: SignalStep.objects.create(signal=signal, kind=kind, happened_on=on, recorded_by=handler, **fields)
        for kind, fields in {
            "map": {"facts": "Twee berichten", "interpretation": "Zorg", "sources": "groepschat"},
            "consult": {"consulted_with": "intervision", "advice": "Praat met haar", "agenda_item": item},
            "talk": {"skipped": True, "skip_reason": "Onveilig"},
            "weigh": {
                "answers": {"1": {"answer": True, "explanation": "ja"}, "10": {"answer": False}},
                "weigh_outcome": "report",
            },
            "decide": {
                "reported_to_veilig_thuis": True,
                "reported_on": on + timedelta(days=3),
                "reference": "VT-1",
                "involved_informed": False,
                "not_informed_reason": "Gevaar",
                "help_arranged": True,
                "help_what": "Gesprek",
                "help_by": "Wijkteam",
            },
        }.items()
    }
    SignalStep.objects.create(
        signal=signal, kind="talk", happened_on=on - timedelta(days=1), recorded_by=officer, with_whom="Vos"
    )
    for n, platform in enumerate(platforms):
        contact = ContactFactory(team=team, worker=reporter, platform=platform, date=on - timedelta(days=n % 2))
        signal.contacts.add(contact)
    for status, fields in (("open", {}), ("done", {"done_note": "Gedaan"}), ("cancelled", {"cancel_reason": "Weg"})):
        FollowUpAction.objects.create(
            team=team, agenda_item=item, signal=signal, description=f"Actie {status}", owner=owner,
            due_on=on, status=status, **fields,
        )  # fmt: skip
    FollowUpAction.objects.create(
        team=team, agenda_item=item, signal=signal, description="Eerder", owner=lead, due_on=on - timedelta(days=1)
    )
    events = [
        (Kind.REPORTED, reporter, {"label": "online"}),
        (Kind.STATUS, lead, {"old_status": "reported", "new_status": "triaged", "label": "Beoordeeld"}),
        (Kind.TRIAGED, lead, {}),
        (Kind.STEP, handler, {"step": steps["map"], "label": "Stap 1"}),
        (Kind.CONSULTATION, lead, {"step": steps["consult"]}),
        (Kind.STEP, handler, {"step": steps["weigh"]}),
        (Kind.ACTION, lead, {"label": "Actie open"}),
        (Kind.HANDLER_CHANGED, lead, {"label": "Nu: Chris", "reason": "Ziek"}),
        (Kind.CORRECTED, lead, {"label": "feiten", "reason": "Typfout", "previous_facts": "Oude feiten"}),
        (Kind.CLOSE_REQUESTED, handler, {}),
        (Kind.CLOSE_REFUSED, officer, {"reason": "Nog niet"}),
        (Kind.STATUS, None, {"old_status": "decided", "new_status": "closed"}),
    ]
    for n, (kind, actor, fields) in enumerate(events):
        # Two events at the same moment: ordered by number, as the ORM orders them.
        SignalEvent.objects.create(signal=signal, kind=kind, actor=actor, at=now + timedelta(minutes=n // 2), **fields)
    for n, viewer in enumerate([lead, lead, officer, handler, lead]):
        SignalEvent.objects.create(signal=signal, kind=Kind.VIEWED, actor=viewer, at=now + timedelta(hours=n))


@pytest.fixture
def full(org, other_org, team_a, team_b, other_team, worker, colleague, lead, officer, outsider, stranger):
    platforms = [PlatformFactory(organisation=org), PlatformFactory(organisation=org)]
    signal = make_signal(
        team_a, worker, status=Signal.Status.DECIDED, handler=colleague, close_requested_by=officer,
        close_requested_at=timezone.now(), platform=platforms[0],
    )  # fmt: skip
    _history(signal, team_a, worker, colleague, lead, officer, outsider, platforms)
    # Other signals with rows of their own (another team, another organisation) must not show.
    _history(make_signal(team_b, outsider, handler=outsider), team_b, outsider, outsider, outsider, outsider,
             outsider, platforms[:1])  # fmt: skip
    other_platform = PlatformFactory(organisation=other_org)
    _history(make_signal(other_team, stranger), other_team, stranger, stranger, stranger, stranger, stranger,
             [other_platform])  # fmt: skip
    return signal


def _fields(instance):
    return [(f.attname, type(value := getattr(instance, f.attname)), value) for f in instance._meta.concrete_fields]


def _plain(rows):
    """The rows with every value and its type (model instances compare by number only)."""
    steps, contacts, actions, events, views, names = rows
    return (
        [(_fields(step), step.session_id) for step in steps],
        [[(key, type(value), value) for key, value in contact.items()] for contact in contacts],
        [[(type(value), value) for value in action] for action in actions],
        [_fields(event) for event in events],
        sorted([(type(view.at), *dataclasses.astuple(view)) for view in views], key=lambda row: row[1]),
        names,
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement")
@pytest.mark.parametrize("with_views", [True, False])
def test_one_statement_gives_what_the_orm_gives(full, with_views, lead, outsider):
    signal = Signal.objects.get(pk=full.pk)
    orm = _signal_page_rows(signal, with_views)
    assert _plain(_signal_page_rows_postgresql(signal, with_views)) == _plain(orm)
    steps, contacts, actions, events, views, names = orm
    assert [step.kind for step in steps] == ["talk", "map", "consult", "talk", "weigh", "decide"]
    assert steps[2].session_id == full.steps.get(kind="consult").agenda_item.session_id
    assert steps[4].answers == {"1": {"answer": True, "explanation": "ja"}, "10": {"answer": False}}
    assert isinstance(steps[5].reported_on, date) and steps[5].involved_informed is False
    assert len(contacts) == 2 and [action.status for action in actions] == ["open", "open", "done", "cancelled"]
    assert len(events) == 12 and events[-2].kind == Kind.CLOSE_REFUSED and events[-1].actor_id is None
    assert isinstance(events[0].at, datetime) and events[0].at.tzinfo is not None
    expected_views = []
    if with_views:
        expected_views = sorted([(lead.pk, 3), (full.close_requested_by_id, 1), (full.handler_id, 1)])
    assert sorted((view.actor_id, view.times) for view in views) == expected_views
    # Reporter, handler, who asked to close, the lead (events, an action) and an owner of another team.
    assert names.keys() == {full.reporter_id, full.handler_id, full.close_requested_by_id, lead.pk, outsider.pk}


def test_the_page_shows_every_name_and_each_viewer_once(full, lead, outsider):
    page = signal_page(Signal.objects.get(pk=full.pk), with_views=True)
    views = [event for event in page["timeline"] if event.kind == Kind.VIEWED]
    assert sorted((view.actor_name, view.times) for view in views) == sorted(
        [(lead.full_name, 3), ("Chris Collega", 1), (full.close_requested_by.full_name, 1)]
    )
    assert [action.owner_name for action in page["actions"]] == [lead.full_name] + [outsider.full_name] * 3
    assert {step.recorded_by_name for step in page["steps"]} == {"Chris Collega", full.close_requested_by.full_name}
    assert [event.at for event in page["timeline"]] == sorted(event.at for event in page["timeline"])
    consultation = next(event for event in page["timeline"] if event.kind == Kind.CONSULTATION)
    assert consultation.step.session_id is not None


def test_the_timeline_says_what_happened_for_every_kind_of_event(full, lead, client_for):
    from django.urls import reverse

    SignalEvent.objects.create(signal=full, kind=Kind.ACTION, actor=lead, label="<b>vet</b>")
    page = client_for(lead).get(reverse("signals:detail", args=[full.pk])).content.decode()
    timeline = " ".join(page.split('data-testid="timeline">')[1].split("</ol>")[0].split())
    session = full.steps.get(kind="consult").agenda_item.session_id
    for text in (
        "· Wessel Werker</small><br> Gemeld (online) </li>",
        "Status: gemeld → <strong>beoordeeld</strong> – Beoordeeld </li>",
        "· Lotte Leider</small><br> Beoordeeld </li>",
        "Stap vastgelegd: Stap 1: in kaart brengen </li>",
        f'Besproken in intervisie: <a href="/signalen/intervisie/{session}/">naar het verslag</a> </li>',
        "Stap vastgelegd: Stap 4: afwegingskader – Melden bij Veilig Thuis </li>",
        "Vervolgactie: Actie open </li>",
        "Vervolgactie: &lt;b&gt;vet&lt;/b&gt; </li>",
        "Nu: Chris<br><em>Ziek</em> </li>",
        "Melding gecorrigeerd: feiten<br><em>Typfout</em> <details><summary>Eerdere feiten</summary>"
        '<p class="mb-0 text-pre">Oude feiten</p></details> </li>',
        "Sluiten aangevraagd </li>",
        "Sluiten afgewezen: <em>Nog niet</em> </li>",
        "· systeem</small><br> Status: besloten → <strong>gesloten</strong> </li>",
        '<span class="text-body-secondary">bekeken (4× sinds ',
        '· Olaf Officier</small><br> <span class="text-body-secondary">bekeken</span> </li>',
    ):
        assert text in timeline
    assert timeline.count('<li class="mb-2 timeline-') == 13 + 3


def _signal_read_by_orm(pk):
    signal = Signal.objects.select_related("team", "category", "platform").get(pk=pk)
    return signal, signal_people(signal)


def _signal_plain(signal, people):
    related = [signal.team, signal.category, signal.platform]
    return _fields(signal), [_fields(instance) if instance else None for instance in related], people


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement")
def test_the_signal_and_its_people_in_one_statement_are_what_the_orm_gives(
    full, team_a, worker, django_assert_max_num_queries
):
    without_platform = make_signal(team_a, worker)
    others = Signal.objects.exclude(pk__in=[full.pk, without_platform.pk])
    for signal in [full, without_platform, *others]:
        read, people = _signal_with_people(signal.pk)
        assert _signal_plain(read, people) == _signal_plain(*_signal_read_by_orm(signal.pk))
        with django_assert_max_num_queries(0):
            assert read.team.name and read.category.name and getattr(read.platform, "pk", None) == signal.platform_id
    assert [person.role for person in _signal_with_people(full.pk)[1]] == ["about", "other", "sharer"]
    assert full.platform_id is not None and without_platform.platform is None
    assert _signal_with_people(Signal.objects.order_by("pk").last().pk + 1) == (None, [])


@pytest.mark.parametrize("who", ["outsider", "stranger", "manager"])
def test_the_page_read_is_404_for_people_without_need_to_know_and_for_a_missing_signal(request, who, full, lead):
    with pytest.raises(Http404):
        get_signal_page_for_user(request.getfixturevalue(who), full.pk)
    with pytest.raises(Http404):
        get_signal_page_for_user(lead, Signal.objects.order_by("pk").last().pk + 1)
    signal, people = get_signal_page_for_user(lead, full.pk)
    assert (signal.pk, len(people)) == (full.pk, 3)
