import datetime

import pytest

from accounts.models import Membership
from audit.models import AuditEvent
from registration.models import FunderAgreement, TeamBudget
from registration.tests.factories import AgreementFactory, ContactFactory, TimeEntryFactory, make_goal
from registration.tests.http import post_form

CREATE = "/registratie/opdrachten/nieuw/"
DASHBOARD = "/registratie/overzicht/"


def agreement_data(team, **extra):
    data = {
        "name": "Online jongerenwerk 2027",
        "funder": "Gemeente Noord-Oost",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "teams": [team.pk],
        "hour_budget": 400,
        "goals-TOTAL_FORMS": 3,
        "goals-INITIAL_FORMS": 0,
        "goals-MIN_NUM_FORMS": 0,
        "goals-MAX_NUM_FORMS": 12,
        "goals-0-description": "120 online contacten per kwartaal",
        "goals-0-metric": "contacts",
        "goals-0-target": 120,
        "goals-0-per": "quarter",
        "goals-1-description": "4 uur online aanwezigheid per week per jongerenwerker",
        "goals-1-metric": "hours_per_worker_week",
        "goals-1-target": 4,
        "goals-1-per": "week",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(client):
    assert client.get(CREATE).status_code == 302


def test_team_lead_gets_403(client_for, lead):
    assert client_for(lead).get(CREATE).status_code == 403


def test_manager_of_another_organisation_gets_404(client_for, team_a, other_team):
    from accounts.tests.factories import make_member

    other_manager = make_member(other_team, Membership.Role.MANAGER)
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a])
    assert client_for(other_manager).get(f"/registratie/opdrachten/{agreement.pk}/wijzigen/").status_code == 404


def test_a_huge_goal_count_is_refused_without_building_the_forms(client_for, manager, team_a):
    """A hostile TOTAL_FORMS builds at most the 12 goals there can be (Django's default: 1,012 forms)."""
    response = post_form(client_for(manager), CREATE, agreement_data(team_a, **{"goals-TOTAL_FORMS": 58194693}))
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 12
    assert "maximaal 12" in response.content.decode()
    assert not FunderAgreement.objects.exists()


def test_manager_records_an_agreement_with_goals(client_for, manager, team_a):
    response = post_form(client_for(manager), CREATE, agreement_data(team_a))
    assert response.status_code == 302
    agreement = FunderAgreement.objects.get()
    assert list(agreement.teams.all()) == [team_a]
    assert [g.target for g in agreement.goals.all()] == [120, 4]
    assert AuditEvent.objects.filter(action="create", object_type="registration.funderagreement").exists()


def test_end_before_start_is_refused_next_to_the_field(client_for, manager, team_a):
    response = post_form(client_for(manager), CREATE, agreement_data(team_a, ends_on="2026-01-01"))
    assert "ends_on" in response.context["form"].errors
    assert not FunderAgreement.objects.exists()


def test_worker_dashboard_shows_this_week_against_budget(client_for, worker, team_a, platform):
    TeamBudget.objects.create(team=team_a, weekly_minutes=180)
    ContactFactory(
        team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 11, 17), duration_minutes=120
    )
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 11, 18), duration_minutes=90)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 11, 13), duration_minutes=600)
    week = client_for(worker).get(DASHBOARD).context["week"]
    assert (week["hours"], week["budget_hours"], week["over"]) == (3.5, 3.0, True)


def test_personal_budget_overrides_the_team_default(client_for, lead, worker, team_a):
    TeamBudget.objects.create(team=team_a, weekly_minutes=180)
    response = post_form(client_for(lead), f"/registratie/budget/{team_a.pk}/", {"hours": "5.5", "user": worker.pk})
    assert response.status_code == 302
    assert Membership.objects.get(user=worker, team=team_a).weekly_budget_minutes == 330
    assert client_for(worker).get(DASHBOARD).context["week"]["budget_hours"] == 5.5


def test_worker_may_not_set_budgets(client_for, worker, team_a):
    assert post_form(client_for(worker), f"/registratie/budget/{team_a.pk}/", {"hours": "6"}).status_code == 403
    assert not TeamBudget.objects.exists()


def test_lead_sets_the_team_default(client_for, lead, team_a):
    post_form(client_for(lead), f"/registratie/budget/{team_a.pk}/", {"hours": "2"})
    assert TeamBudget.objects.get(team=team_a).weekly_minutes == 120


def test_lead_dashboard_shows_team_hours_per_week(client_for, lead, worker, team_a, platform):
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 11, 17), duration_minutes=60)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 11, 10), duration_minutes=90)
    teams = client_for(lead).get(DASHBOARD).context["teams"]
    weeks = {item["week"]: item["hours"] for item in teams[0]["weeks"]}
    assert weeks[datetime.date(2026, 11, 16)] == 1.0
    assert weeks[datetime.date(2026, 11, 9)] == 1.5
    assert {m["user"]: m["hours"] for m in teams[0]["members"]}[worker] == 1.0


def test_manager_dashboard_shows_agreement_hours_goals_and_chart_data(
    client_for, manager, worker, team_a, team_b, outsider, platform
):
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a], hour_budget=10)
    make_goal(agreement, description="3 contacten", metric="contacts", target=3, per="agreement")
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 3, 2), duration_minutes=60)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 3, 3), duration_minutes=240)
    TimeEntryFactory(team=team_b, worker=outsider, date=datetime.date(2026, 3, 3), duration_minutes=700)
    TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2025, 12, 31), duration_minutes=500)
    response = client_for(manager).get(DASHBOARD)
    row = response.context["agreements"][0]
    assert row["total"]["hours"] == 5.0 and row["percent"] == 50
    assert row["goals"][0]["actual"] == 1 and row["goals"][0]["percent"] == 33
    html = response.content.decode()
    assert 'id="dashboard-charts"' in html and "vendor/chartjs/chart.umd.min.js" in html
    assert "<script>" not in html.replace('<script id="dashboard-charts" type="application/json">', "")


@pytest.mark.parametrize("size", [1, 5])
def test_dashboard_query_count_does_not_grow(
    client_for, manager, lead, worker, team_a, platform, size, django_assert_num_queries
):
    for index in range(size):
        agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a], name=f"Opdracht {index}")
        make_goal(agreement)
        for day in range(size * 3):
            ContactFactory(
                team=team_a,
                worker=worker,
                platform=platform,
                date=datetime.date(2026, 11, 1) + datetime.timedelta(days=day % 19),
            )
            TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 10, 1) + datetime.timedelta(days=day))
    client = client_for(manager)
    client.get("/")
    with django_assert_num_queries(14):
        client.get(DASHBOARD)


def test_dashboard_anonymous_is_sent_to_login(client):
    assert client.get(DASHBOARD).status_code == 302


def test_dashboard_is_403_for_an_administrator_without_registering_role(client_for, administrator):
    assert client_for(administrator).get(DASHBOARD).status_code == 403


def test_budget_page_of_another_organisation_is_404(client_for, lead, other_team):
    assert client_for(lead).get(f"/registratie/budget/{other_team.pk}/").status_code == 404


def test_quarter_goal_counts_the_current_quarter(client_for, manager, worker, team_a, platform):
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a])
    make_goal(agreement, description="120 contacten per kwartaal", metric="contacts", target=120, per="quarter")
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 9, 30))
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 1))
    ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 11, 19))
    goal = client_for(manager).get(DASHBOARD).context["agreements"][0]["goals"][0]
    assert (goal["target"], goal["actual"], goal["percent"]) == (120, 2, 2)
