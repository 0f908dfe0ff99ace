"""The team lead's queue: most urgent first, overdue work, closings to approve, the next session; filters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from signals.models import AgendaItem, FollowUpAction, Signal, SignalCategory
from signals.tests.factories import category, make_session, make_signal
from signals.views.signal import QUEUE_PAGE_SIZE

pytestmark = pytest.mark.django_db
URL = reverse("signals:queue")
Status = Signal.Status


def _pks(rows):
    return [row.pk for row in rows]


def _fill(team, worker, lead, n):
    yesterday = timezone.localdate() - timedelta(days=1)
    for _ in range(n):
        make_signal(team, worker, urgency="normal")
        make_signal(team, worker, status=Status.IN_PROGRESS, handler=worker, step_due_on=yesterday)
        make_signal(
            team,
            worker,
            status=Status.DECIDED,
            handler=worker,
            close_requested_by=worker,
            close_requested_at=timezone.now(),
        )
        session = make_session(team, lead, [worker])
        item = AgendaItem.objects.create(session=session, topic="Werkafspraken", order=1)
        FollowUpAction.objects.create(team=team, agenda_item=item, description="x", owner=worker, due_on=yesterday)


def test_acute_comes_first_with_its_deadline_in_words_and_icon(team_a, worker, lead, client_for):
    normal = make_signal(team_a, worker, urgency="normal", triage_due_at=timezone.now() + timedelta(hours=1))
    acute = make_signal(team_a, worker, urgency="acute", triage_due_at=timezone.now() + timedelta(hours=2))
    high = make_signal(team_a, worker, urgency="high")
    response = client_for(lead).get(URL)
    assert _pks(response.context["untriaged"]) == [acute.pk, high.pk, normal.pk]
    body = response.content.decode()
    # Colour (class), icon and word together, never colour alone.
    assert 'urgency-badge-acute"><i class="bi bi-exclamation-octagon-fill" aria-hidden="true"></i> acuut</span>' in body


def test_queue_sections(team_a, worker, lead, client_for):
    _fill(team_a, worker, lead, 1)
    context = client_for(lead).get(URL).context
    assert len(context["untriaged"]) == 1
    assert len(context["overdue_steps"]) == 1
    assert len(context["overdue_actions"]) == 1
    assert len(context["awaiting_approval"]) == 1
    assert context["next_session"] is not None


def test_filters(team_a, worker, lead, client_for, org):
    bullying = make_signal(team_a, worker, category=category(org, "Online pesten"), urgency="high")
    make_signal(team_a, worker, category=category(org, "Drugs"), urgency="normal", status=Status.TRIAGED, handler=lead)
    client = client_for(lead)
    assert _pks(client.get(URL, {"category": bullying.category_id}).context["signals"]) == [bullying.pk]
    assert _pks(client.get(URL, {"urgency": "high"}).context["signals"]) == [bullying.pk]
    assert _pks(client.get(URL, {"status": "reported"}).context["signals"]) == [bullying.pk]
    assert [s.handler for s in client.get(URL, {"handler": lead.pk}).context["signals"]] == [lead.full_name]


def test_other_teams_signals_are_not_in_the_queue(team_a, team_b, outsider, lead, client_for):
    make_signal(team_b, outsider)
    assert client_for(lead).get(URL).context["signals"] == []


def test_queue_query_count_is_the_same_at_two_sizes(team_a, worker, lead, client_for, django_assert_num_queries):
    client = client_for(lead)
    _fill(team_a, worker, lead, 1)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _fill(team_a, worker, lead, 5)
    assert len(small) == 7
    with django_assert_num_queries(len(small)):
        client.get(URL)


def test_all_signals_come_in_pages_of_fifty_with_the_filters_kept(team_a, team_b, worker, lead, outsider, client_for):
    drugs = category(team_a.organisation, "Drugs")
    made = [make_signal(team_a, worker, category=drugs) for _ in range(QUEUE_PAGE_SIZE + 5)]
    make_signal(team_a, worker, status=Status.TRIAGED, handler=lead)
    make_signal(team_b, outsider)
    client = client_for(lead)
    first = client.get(URL, {"status": "reported", "category": drugs.pk})
    assert len(first.context["signals"]) == QUEUE_PAGE_SIZE
    assert first.context["page"] == {"number": 1, "previous": None, "next": 2}
    next_link = f'href="?status=reported&amp;category={drugs.pk}&amp;page=2#q-all"'
    assert next_link in first.content.decode()
    second = client.get(URL, {"status": "reported", "category": drugs.pk, "page": 2})
    assert second.context["page"] == {"number": 2, "previous": 1, "next": None}
    # Both pages together: this team's reported signals in this category, each once, nothing of team B.
    shown = first.context["signals"] + second.context["signals"]
    assert sorted(s.pk for s in shown) == sorted(s.pk for s in made)
    assert "Meer signalen" not in second.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "x", "²", "99999"])
def test_a_page_that_is_no_page_number_is_the_first(team_a, worker, lead, client_for, page):
    signal = make_signal(team_a, worker)
    response = client_for(lead).get(URL, {"page": page})
    assert response.status_code == 200
    assert _pks(response.context["signals"]) == [signal.pk]


def test_a_page_past_the_end_is_empty_and_leads_back(team_a, worker, lead, client_for):
    make_signal(team_a, worker)
    response = client_for(lead).get(URL, {"page": 3})
    assert response.context["signals"] == []
    assert 'href="?page=2#q-all"' in response.content.decode()


def test_later_pages_keep_the_access_rules(team_a, team_b, worker, outsider, lead, client_for):
    make_signal(team_b, outsider)
    assert client_for(None).get(URL, {"page": 2}).url.startswith("/account/login/")
    assert client_for(worker).get(URL, {"page": 2}).status_code == 403
    assert client_for(lead).get(URL, {"page": 1}).context["signals"] == []


def test_rows_show_number_deadline_handler_and_escape_what_people_typed(team_a, worker, lead, client_for, org):
    category(org)  # the ten every organisation starts with, then one of its own
    typed = SignalCategory.objects.create(organisation=org, name="<b>Eigen</b>")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    late = make_signal(team_a, worker, category=typed, urgency="high", triage_due_at=an_hour_ago)
    stepped = make_signal(
        team_a, worker, status=Status.IN_PROGRESS, handler=lead, step_due_on=timezone.localdate() + timedelta(days=3)
    )
    body = client_for(lead).get(URL).content.decode()
    assert "&lt;b&gt;Eigen&lt;/b&gt;" in body and "<b>Eigen" not in body
    due = timezone.localtime(late.triage_due_at).strftime("%d-%m %H:%M")
    assert f'<i class="bi bi-alarm" aria-hidden="true"></i> te laat: {due}</span>' in body
    assert f'<a href="{reverse("signals:detail", args=[late.pk])}">#{late.pk}</a>' in body
    assert f"<td>{lead.full_name}</td><td>{stepped.step_due_on.strftime('%d-%m')}</td>" in body
    assert f'<option value="{typed.pk}">&lt;b&gt;Eigen&lt;/b&gt;</option>' in body


def test_a_filter_keeps_its_choice_selected(team_a, worker, lead, client_for):
    body = client_for(lead).get(URL, {"urgency": "high", "handler": lead.pk}).content.decode()
    assert '<option value="high" selected>hoog</option>' in body
    assert f'<option value="{lead.pk}" selected>{lead.full_name}</option>' in body


def test_a_handler_from_outside_the_leads_teams_and_an_inactive_category_are_named(
    team_a, team_b, worker, outsider, lead, client_for, org
):
    retired = SignalCategory.objects.create(organisation=org, name="Vroeger", is_active=False)
    elsewhere = make_signal(team_a, worker, category=retired, status=Status.TRIAGED, handler=outsider)
    reported = make_signal(team_a, worker, category=retired)
    response = client_for(lead).get(URL)
    rows = {row.pk: row for row in response.context["signals"]}
    assert (rows[elsewhere.pk].handler, rows[elsewhere.pk].category) == (outsider.full_name, "Vroeger")
    assert [row.category for row in response.context["untriaged"]] == ["Vroeger"] and reported.pk in rows
    assert retired.pk not in [pk for pk, _name in response.context["categories"]]  # no longer a filter choice
    assert f"<td>{outsider.full_name}</td>" in response.content.decode()


@pytest.mark.parametrize("query", ["category=abc", "handler=x", "category=1e3", "handler=99999999999999999999"])
def test_an_id_filter_that_is_not_an_id_filters_nothing(team_a, worker, lead, client_for, query):
    own = make_signal(team_a, worker)
    client = client_for(lead)
    client.raise_request_exception = False
    response = client.get(reverse("signals:queue") + "?" + query)
    assert response.status_code == 200
    assert reverse("signals:detail", args=[own.pk]) in response.content.decode()
