"""Correcting a report (category, urgency, facts): leads and safeguarding officers; the earlier facts stay visible."""

from datetime import timedelta

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.models import Notification
from signals.models import Signal, SignalEvent
from signals.services.corrections import REPORT_FIELDS, signal_correct, signal_fingerprint
from signals.tests.factories import category, make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status
FACTS = "In een groepschat werd een jongere uitgescholden."


@pytest.fixture
def handled(team_a, worker, colleague):
    return make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)


def url(signal):
    return reverse("signals:correct", args=[signal.pk])


def form_data(signal, **changes):
    data = {
        "category": signal.category_id,
        "urgency": signal.urgency,
        "facts": signal.facts,
        "reason": "Na overleg anders ingeschat.",
        "seen": signal_fingerprint(signal, REPORT_FIELDS),
    }
    return {**data, **changes}


def test_anonymous_is_sent_to_login(handled, client_for):
    assert client_for(None).get(url(handled)).url.startswith("/account/login/")


@pytest.mark.parametrize("who", ["outsider", "stranger", "manager", "administrator"])
def test_not_need_to_know_gets_404(request, who, handled, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(handled)).status_code == 404
    assert post(client, url(handled), form_data(handled, urgency="acute")).status_code == 404
    handled.refresh_from_db()
    assert handled.urgency == "normal"


@pytest.mark.parametrize("who", ["worker", "colleague"])
def test_reporter_and_handler_get_403(request, who, handled, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(handled)).status_code == 403
    assert post(client, url(handled), form_data(handled, urgency="acute")).status_code == 403
    handled.refresh_from_db()
    assert handled.urgency == "normal"


def test_lead_corrects_category_urgency_and_facts(handled, lead, org, client_for):
    threat = category(org, "Bedreiging of geweld")
    client = client_for(lead)
    response = post(
        client,
        url(handled),
        form_data(handled, category=threat.pk, urgency="high", facts="Er werd ook gedreigd met geweld."),
    )
    assert response.status_code == 302
    handled.refresh_from_db()
    assert (handled.category, handled.urgency, handled.facts) == (threat, "high", "Er werd ook gedreigd met geweld.")
    event = SignalEvent.objects.get(signal=handled, kind=SignalEvent.Kind.CORRECTED)
    assert event.actor == lead and event.reason == "Na overleg anders ingeschat."
    assert event.label == "categorie: Online pesten → Bedreiging of geweld; urgentie: normaal → hoog; feiten aangepast"
    assert event.previous_facts == FACTS
    audit = AuditEvent.objects.get(object_id=str(handled.pk), actor=lead, action=AuditEvent.Action.CHANGE)
    assert audit.detail == "report corrected: category, urgency, facts"  # field names, never the text
    page = client.get(reverse("signals:detail", args=[handled.pk])).content.decode()
    assert "Eerdere feiten" in page and FACTS in page and "Na overleg anders ingeschat." in page


def test_opening_the_page_is_one_audited_view(handled, lead, client_for):
    client_for(lead).get(url(handled))
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, object_id=str(handled.pk))
    assert list(views.values_list("actor", flat=True)) == [lead.pk]


def test_reason_is_required_next_to_the_field(handled, lead, client_for):
    response = post(client_for(lead), url(handled), form_data(handled, urgency="high", reason=""))
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Schrijf op waarom je de melding corrigeert."]
    handled.refresh_from_db()
    assert handled.urgency == "normal"


def test_nothing_changed_is_said_plainly(handled, lead, client_for):
    response = post(client_for(lead), url(handled), form_data(handled))
    assert "Er is niets veranderd." in " ".join(response.context["form"].non_field_errors())
    assert not SignalEvent.objects.filter(signal=handled).exists()


def test_closed_signal_is_refused_with_a_message(team_a, worker, colleague, lead, client_for):
    closed = make_signal(team_a, worker, status=Status.CLOSED, handler=colleague)
    client = client_for(lead)
    assert not client.get(url(closed)).context["open"]
    response = post(client, url(closed), form_data(closed, urgency="acute"))
    assert "Heropen het eerst" in " ".join(response.context["form"].non_field_errors())
    closed.refresh_from_db()
    assert closed.urgency == "normal"


def test_phone_number_in_the_facts_asks_for_a_check(handled, lead, client_for):
    data = form_data(handled, facts="Bel haar op 06-12345678.")
    response = post(client_for(lead), url(handled), data)
    assert "telefoonnummer" in " ".join(response.context["form"].errors["confirm_identifiers"])
    post(client_for(lead), url(handled), {**data, "confirm_identifiers": "on"})
    handled.refresh_from_db()
    assert handled.facts == "Bel haar op 06-12345678."


def test_an_untriaged_signal_gets_the_deadline_of_its_new_urgency(team_a, worker, lead, officer):
    reported = make_signal(team_a, worker)
    signal_correct(
        signal=reported, actor=lead, category=reported.category, urgency="acute", facts=reported.facts, reason="Acuut."
    )
    reported.refresh_from_db()
    assert reported.triage_due_at == reported.created_at + timedelta(hours=1)
    assert Notification.objects.filter(kind=Kind.SIGNAL_ACUTE, recipient=officer).count() == 1
    assert not Notification.objects.filter(kind=Kind.SIGNAL_ACUTE, recipient=lead).exists()


def test_a_triaged_signal_keeps_its_triage_deadline(handled, lead):
    before = handled.triage_due_at
    signal_correct(
        signal=handled, actor=lead, category=handled.category, urgency="acute", facts=handled.facts, reason="Acuut."
    )
    handled.refresh_from_db()
    assert handled.triage_due_at == before
    assert not Notification.objects.filter(kind=Kind.SIGNAL_ACUTE).exists()


def test_another_organisations_category_is_refused(handled, lead, other_org):
    with pytest.raises(DomainError, match="eigen organisatie"):
        signal_correct(
            signal=handled,
            actor=lead,
            category=category(other_org),
            urgency="normal",
            facts=handled.facts,
            reason="x",
        )


def test_a_category_out_of_use_stays_a_choice_for_its_own_signal(handled, lead, client_for):
    handled.category.is_active = False
    handled.category.save(update_fields=["is_active"])
    choices = client_for(lead).get(url(handled)).context["form"].fields["category"].queryset
    assert handled.category in choices


def test_second_lead_with_a_stale_page_sees_what_happened(handled, lead, officer, client_for):
    stale = form_data(handled, urgency="high")
    post(client_for(officer), url(handled), form_data(handled, urgency="acute", reason="Dreiging."))
    response = post(client_for(lead), url(handled), stale)
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "Olaf Officier heeft dit signaal zojuist aangepast" in message and "normaal → acuut" in message
    handled.refresh_from_db()
    assert handled.urgency == "acute"
    assert response.context["signal"].urgency == "acute"  # the page shows what is recorded now


def test_timeline_of_many_corrections_costs_no_extra_queries(team_a, worker, colleague, lead, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)
    many = make_signal(team_a, worker, status=Status.IN_PROGRESS, handler=colleague)
    signal_correct(signal=few, actor=lead, category=few.category, urgency="high", facts="a", reason="r")
    for n in range(5):
        signal_correct(signal=many, actor=lead, category=many.category, urgency="high", facts=f"f{n}", reason="r")
    client = client_for(lead)
    client.get(reverse("signals:detail", args=[few.pk]))
    with CaptureQueriesContext(connection) as few_queries:
        client.get(reverse("signals:detail", args=[few.pk]))
    with CaptureQueriesContext(connection) as many_queries:
        client.get(reverse("signals:detail", args=[many.pk]))
    assert len(few_queries) == len(many_queries)
