"""Managers see aggregates only: counts and medians, never content, in no view, export or search."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from signals.models import Signal
from signals.tests.factories import category, make_signal

pytestmark = pytest.mark.django_db


def test_manager_gets_counts_and_medians(team_a, team_b, worker, outsider, manager, org, client_for):
    now = timezone.now()
    make_signal(
        team_a,
        worker,
        urgency="acute",
        category=category(org, "Online pesten"),
        created_at=now,
        triaged_at=now + timedelta(hours=1),
        closed_at=now + timedelta(hours=10),
        status=Signal.Status.CLOSED,
        facts="GEHEIME INHOUD A",
    )
    make_signal(
        team_b,
        outsider,
        urgency="normal",
        category=category(org, "Drugs"),
        created_at=now,
        triaged_at=now + timedelta(hours=3),
        facts="GEHEIME INHOUD B",
    )
    response = client_for(manager).get(reverse("signals:statistics"))
    stats = response.context["stats"]
    assert stats["total"] == 2
    assert {row["category__name"]: row["count"] for row in stats["per_category"]} == {"Online pesten": 1, "Drugs": 1}
    assert [(v, c) for v, _label, c in stats["per_urgency"]] == [("acute", 1), ("high", 0), ("normal", 1)]
    assert stats["median_hours_to_triage"] == 2.0 and stats["median_hours_to_close"] == 10.0
    assert "GEHEIME INHOUD" not in response.content.decode()


def test_export_is_aggregate_only_and_audited(team_a, worker, manager, client_for):
    make_signal(team_a, worker, facts="GEHEIME INHOUD")
    response = client_for(manager).get(reverse("signals:statistics_export"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "GEHEIME INHOUD" not in body and "Online pesten" in body
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=manager).count() == 1


def test_manager_can_not_open_any_signal_page_or_list(team_a, worker, manager, client_for):
    signal = make_signal(team_a, worker, facts="GEHEIME INHOUD")
    client = client_for(manager)
    assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 404
    assert client.get(reverse("signals:list")).status_code == 403
    assert client.get(reverse("signals:queue")).status_code == 403
    assert "GEHEIME INHOUD" not in client.get(reverse("home")).content.decode()
    assert not Signal.objects.visible_to(manager).exists()


def test_stranger_sees_no_figures_of_our_organisation(team_a, worker, stranger, client_for):
    make_signal(team_a, worker)
    assert client_for(stranger).get(reverse("signals:statistics")).context["stats"]["total"] == 0
