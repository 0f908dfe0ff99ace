"""Home panels: leads see what is urgent, overdue and waiting; workers their own open signals and actions."""

import pytest
from django.urls import reverse

from signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def test_lead_home_shows_the_acute_signal_waiting(team_a, worker, lead, client_for):
    make_signal(team_a, worker, urgency="acute")
    body = client_for(lead).get(reverse("home")).content.decode()
    assert "1 acuut signaal te beoordelen" in body
    assert reverse("signals:queue") in body


def test_lead_home_says_when_nothing_waits(lead, client_for):
    assert "Niets dat op je wacht." in client_for(lead).get(reverse("home")).content.decode()


def test_worker_home_shows_own_open_signals_only(team_a, worker, colleague, client_for):
    own = make_signal(team_a, worker)
    other = make_signal(team_a, colleague)
    body = client_for(worker).get(reverse("home")).content.decode()
    assert reverse("signals:detail", args=[own.pk]) in body
    assert reverse("signals:detail", args=[other.pk]) not in body


def test_menu_shows_queue_to_leads_only(worker, lead, client_for):
    assert reverse("signals:queue") not in client_for(worker).get(reverse("home")).content.decode()
    assert reverse("signals:queue") in client_for(lead).get(reverse("home")).content.decode()


def test_lead_home_counts_overdue_actions(team_a, worker, lead, client_for):
    from signals.models import AgendaItem, FollowUpAction
    from signals.tests.factories import make_session

    session = make_session(team_a, lead, [worker])
    item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
    FollowUpAction.objects.create(team=team_a, agenda_item=item, description="x", owner=worker, due_on="2020-01-01")
    assert "1 vervolgactie te laat" in client_for(lead).get(reverse("home")).content.decode()


def test_menu_shows_figures_to_managers_and_signals_to_workers(worker, manager, client_for):
    manager_page = client_for(manager).get(reverse("home")).content.decode()
    list_link = f'href="{reverse("signals:list")}"'
    assert reverse("signals:statistics") in manager_page and list_link not in manager_page
    assert list_link in client_for(worker).get(reverse("home")).content.decode()


def test_worker_panel_row_shows_category_status_and_urgency(team_a, worker, client_for):
    own = make_signal(team_a, worker, urgency="high")
    body = client_for(worker).get(reverse("home")).content.decode()
    assert f'#{own.pk} {own.category.name}</a> – gemeld <span class="badge urgency-badge urgency-badge-high">' in body


@pytest.mark.parametrize("who", ["worker", "colleague", "lead", "outsider", "stranger"])
def test_worker_panel_signals_are_the_visible_ones_they_reported_or_handle(
    request, who, team_a, team_b, other_team, worker, colleague, lead, outsider, stranger
):
    from django.db.models import Q

    from signals.models import Signal
    from signals.selectors import SIGNAL_ROW_FIELDS, my_open_work

    make_signal(team_a, worker)
    make_signal(team_a, colleague, handler=worker, status="in_progress", urgency="acute")
    make_signal(team_a, worker, status="closed")
    make_signal(team_b, outsider, handler=colleague)
    make_signal(team_b, outsider, urgency="high")
    make_signal(other_team, stranger, handler=worker)
    user = request.getfixturevalue(who)
    own = Signal.objects.visible_to(user).open().filter(Q(handler=user) | Q(reporter=user))
    expected = sorted(
        own.values_list(*SIGNAL_ROW_FIELDS), key=lambda row: ({"acute": 0, "high": 1}.get(row[1], 2), row[0])
    )
    assert [tuple(row) for row in my_open_work(user)[0]] == expected[:10]


def test_worker_panel_actions_are_their_own_open_ones_soonest_first(team_a, worker, colleague, lead, client_for):
    import datetime

    from signals.models import AgendaItem, FollowUpAction
    from signals.selectors import my_open_work
    from signals.tests.factories import make_session

    item = AgendaItem.objects.create(session=make_session(team_a, lead, [worker]), topic="Werkafspraken", order=1)
    statuses = FollowUpAction.Status
    for n, (owner, status, due) in enumerate(
        [
            (worker, statuses.OPEN, "2030-01-03"),
            (worker, statuses.OPEN, "2020-01-01"),
            (worker, statuses.DONE, "2020-01-02"),
            (worker, statuses.CANCELLED, "2020-01-02"),
            (colleague, statuses.OPEN, "2020-01-01"),
            *[(worker, statuses.OPEN, f"2031-01-{day:02d}") for day in range(1, 11)],
        ]
    ):
        FollowUpAction.objects.create(
            team=team_a,
            agenda_item=item,
            description=f"Actie {n}",
            owner=owner,
            due_on=due,
            status=status,
            done_note="gebeld" if status == statuses.DONE else "",
            cancel_reason="niet meer nodig" if status == statuses.CANCELLED else "",
        )
    for person in (worker, colleague, lead):
        expected = FollowUpAction.objects.open().filter(owner=person).order_by("due_on", "pk")[:10]
        assert [(a.pk, a.description, a.due_on) for a in my_open_work(person)[1]] == [
            (a.pk, a.description, a.due_on) for a in expected
        ]
    actions = my_open_work(worker)[1]
    assert [a.description for a in actions[:2]] == ["Actie 1", "Actie 0"] and len(actions) == 10
    assert actions[0].due_on == datetime.date(2020, 1, 1) and actions[0].is_overdue and not actions[1].is_overdue
    body = client_for(worker).get(reverse("home")).content.decode()
    assert "Actie 1 – uiterlijk 01-01-2020" in body
    assert reverse("signals:action_finish", args=[actions[0].pk]) in body
