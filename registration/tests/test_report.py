import csv
import datetime
import io
import random
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Membership, TargetGroup
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from registration.models import Contact, TimeEntry
from registration.tests.factories import (
    AgreementFactory,
    ContactFactory,
    PlatformFactory,
    TargetGroupFactory,
    TimeEntryFactory,
    make_goal,
)
from registration.tests.http import post_form

URL = "/registratie/rapport/"
Q3 = {"period": "quarter", "day": "2026-08-15"}
ACTIVITIES = ["monitoring", "content", "consultation", "intervision"]


@pytest.fixture
def data(org, team_a, team_b, worker, outsider):
    """A quarter of contacts and time entries in two teams, with pseudo-random values (fixed seed)."""
    rng = random.Random(42)
    second = make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="Anna Tweede")
    platforms = [PlatformFactory(organisation=org, name=n, slug=n.lower()) for n in ("Instagram", "TikTok")]
    groups = {team_a.pk: TargetGroupFactory(team=team_a, name="Meiden"), team_b.pk: TargetGroupFactory(team=team_b)}
    people = [(team_a, worker), (team_a, second), (team_b, outsider)]
    for day in range(0, 92, 3):
        date = datetime.date(2026, 7, 1) + datetime.timedelta(days=day)
        for team, person in people:
            ContactFactory(
                team=team,
                worker=person,
                date=date,
                platform=rng.choice(platforms),
                target_group=groups[team.pk],
                duration_minutes=rng.randint(5, 120),
                young_people_count=rng.randint(1, 6),
            )
            TimeEntryFactory(
                team=team,
                worker=person,
                date=date,
                activity=rng.choice(ACTIVITIES),
                duration_minutes=rng.randint(10, 240),
            )
    # Outside the quarter: must not count.
    ContactFactory(
        team=team_a,
        worker=worker,
        date=datetime.date(2026, 6, 30),
        platform=platforms[0],
        target_group=groups[team_a.pk],
        duration_minutes=500,
    )
    return {"platforms": platforms, "second": second}


def expected(team_ids=None, start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30)):
    contacts = [c for c in Contact.objects.all() if start <= c.date <= end and (not team_ids or c.team_id in team_ids)]
    entries = [e for e in TimeEntry.objects.all() if start <= e.date <= end and (not team_ids or e.team_id in team_ids)]
    minutes = sum(c.duration_minutes for c in contacts) + sum(e.duration_minutes for e in entries)
    return {"contacts": len(contacts), "reached": sum(c.young_people_count for c in contacts), "minutes": minutes}


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_worker_gets_403(client_for, worker):
    assert client_for(worker).get(URL).status_code == 403
    assert post_form(client_for(worker), URL + "export/csv/", Q3).status_code == 403


def test_manager_totals_match_independent_sums(client_for, manager, data):
    report = client_for(manager).get(URL, Q3).context["report"]
    want = expected()
    assert {k: report["totals"][k] for k in want} == want
    for part in report["breakdowns"]:
        assert sum(row["minutes"] for row in part["rows"]) == want["minutes"], part["name"]
        assert sum(row["contacts"] for row in part["rows"]) == want["contacts"], part["name"]


def test_breakdown_per_worker_per_month_matches(client_for, manager, worker, data):
    report = client_for(manager).get(URL, Q3).context["report"]
    part = next(p for p in report["breakdowns"] if p["name"] == "worker_month")
    row = next(r for r in part["rows"] if r["labels"] == [worker.full_name, datetime.date(2026, 8, 1)])
    contacts = Contact.objects.filter(worker=worker, date__month=8, date__year=2026)
    entries = TimeEntry.objects.filter(worker=worker, date__month=8, date__year=2026)
    assert row["minutes"] == sum(c.duration_minutes for c in contacts) + sum(e.duration_minutes for e in entries)
    assert row["contacts"] == contacts.count()


def test_the_page_shows_hours_per_worker_per_month_as_a_row_per_worker(client_for, manager, worker, team_b, data):
    namesake = make_member(team_b, Membership.Role.YOUTH_WORKER, full_name=worker.full_name)
    ContactFactory(team=team_b, worker=namesake, date=datetime.date(2026, 9, 2), duration_minutes=90)
    html = client_for(manager).get(URL, Q3).content.decode()
    matrix = html.split('class="table table-sm report-matrix"', 1)[1].split("</table>", 1)[0]
    head = re.findall(r'<th scope="col">([^<]+)</th>', matrix)
    assert head == ["Jongerenwerker", "Jul 2026", "Aug 2026", "Sep 2026", "Totaal"]
    rows = {}
    for name, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)</tr>', matrix):
        rows.setdefault(name, []).append(re.findall(r"<td>([^<]*)</td>", cells))
    assert len(rows[worker.full_name]) == 2  # two people of the same name: two rows

    def hours(month):
        minutes = sum(
            c.duration_minutes for c in Contact.objects.filter(worker=worker, date__month=month, date__year=2026)
        ) + sum(e.duration_minutes for e in TimeEntry.objects.filter(worker=worker, date__month=month, date__year=2026))
        return round(minutes / 60, 2)

    own = next(cells for cells in rows[worker.full_name] if cells[-1] != "1,5")
    assert own[:3] == [f"{hours(month):g}".replace(".", ",") for month in (7, 8, 9)]
    assert ["", "", "1,5", "1,5"] in rows[worker.full_name]


def test_platform_filter_keeps_only_its_contacts(client_for, manager, data):
    platform = data["platforms"][1]
    params = {**Q3, "platforms": [platform.pk]}
    report = client_for(manager).get(URL, params).context["report"]
    contacts = Contact.objects.filter(platform=platform, date__range=("2026-07-01", "2026-09-30"))
    assert report["totals"]["contacts"] == contacts.count()
    assert report["totals"]["minutes"] == sum(c.duration_minutes for c in contacts)


def test_activity_filter(client_for, manager, data):
    report = client_for(manager).get(URL, {**Q3, "activity": "content"}).context["report"]
    entries = TimeEntry.objects.filter(activity="content", date__range=("2026-07-01", "2026-09-30"))
    assert report["totals"] == {
        "contacts": 0,
        "reached": 0,
        "minutes": sum(e.duration_minutes for e in entries),
        "hours": report["totals"]["hours"],
    }


def test_team_lead_sees_only_their_team(client_for, lead, team_a, team_b, data):
    response = client_for(lead).get(URL, {**Q3, "teams": [team_b.pk]})
    assert "teams" in response.context["form"].errors
    report = client_for(lead).get(URL, Q3).context["report"]
    want = expected(team_ids={team_a.pk})
    assert {k: report["totals"][k] for k in want} == want


def test_agreement_report_has_goal_progress(client_for, manager, team_a, data):
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a])
    make_goal(agreement, description="120 contacten per kwartaal", metric="contacts", target=120, per="quarter")
    client = client_for(manager)
    report = client.get(URL, {**Q3, "agreement": agreement.pk}).context["report"]
    contacts = expected(team_ids={team_a.pk})["contacts"]
    goal = report["goals"][0]
    assert goal["actual"] == contacts
    assert goal["target"] == pytest.approx(120 * 92 / (365.25 / 4), abs=0.1)
    # The same progress from the cached report (its summary, without the breakdown rows).
    assert client.get(URL, {**Q3, "agreement": agreement.pk}).context["report"]["goals"] == report["goals"]


@pytest.mark.parametrize("extra_days", [0, 1])
def test_report_query_count_does_not_grow(
    client_for, manager, team_a, worker, platform, group_a, extra_days, django_assert_num_queries
):
    for day in range(1 + extra_days * 40):
        ContactFactory(
            team=team_a,
            worker=worker,
            platform=platform,
            target_group=group_a,
            date=datetime.date(2026, 7, 1) + datetime.timedelta(days=day % 90),
        )
        TimeEntryFactory(team=team_a, worker=worker, date=datetime.date(2026, 7, 1) + datetime.timedelta(days=day % 90))
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a])
    make_goal(agreement)
    client = client_for(manager)
    client.get("/")
    # Cold: the choice lists (row 0's revision, then the lists), the revisions, then the one GROUPING SETS query
    # (with SET LOCAL jit in its savepoint).
    with django_assert_num_queries(15):
        client.get(URL, {**Q3, "agreement": agreement.pk})
    # Cached: the revisions decide, no scan; the choice lists come from the cache under row 0's revision.
    with django_assert_num_queries(9):
        client.get(URL, {**Q3, "agreement": agreement.pk})


def test_csv_export_streams_parses_back_and_is_audited(client_for, manager, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(client_for(manager), URL + "export/csv/", Q3)
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    want = expected()
    body = rows[1:-1]
    assert len(body) == Contact.objects.filter(date__gte="2026-07-01").count() + TimeEntry.objects.count()
    assert sum(int(r[8]) for r in body) == want["minutes"]
    assert int(rows[-1][8]) == want["minutes"]
    assert AuditEvent.objects.filter(action="export", object_type="registration.report").count() == 1
    assert not Contact.objects.filter(date__gte="2026-07-01", exported_at__isnull=True).exists()
    assert Contact.objects.filter(date="2026-06-30", exported_at__isnull=True).exists()


def test_xlsx_export_has_typed_cells_a_sheet_per_breakdown_and_totals(client_for, manager, data):
    response = post_form(client_for(manager), URL + "export/xlsx/", Q3)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    want = expected()
    assert {"Totalen", "Per team", "Per jongerenwerker", "Per activiteit", "Per maand", "Regels"} <= set(
        workbook.sheetnames
    )
    totals = list(workbook["Totalen"].iter_rows(values_only=True))
    assert totals[-1][:3] == (want["contacts"], want["reached"], want["minutes"])
    team_rows = list(workbook["Per team"].iter_rows(values_only=True))
    assert team_rows[-1][0] == "Totaal" and team_rows[-1][3] == want["minutes"]
    assert sum(row[3] for row in team_rows[1:-1]) == want["minutes"]
    detail = list(workbook["Regels"].iter_rows(values_only=True))
    assert isinstance(detail[1][1], datetime.datetime)
    assert isinstance(detail[1][8], int)


def test_pdf_export_has_organisation_period_and_totals(client_for, manager, org, data):
    response = post_form(client_for(manager), URL + "export/pdf/", Q3)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    want = expected()
    assert org.name in text
    assert "01-07-2026" in text or "1-7-2026" in text or "01/07/2026" in text
    assert f"{want['contacts']} contacten" in text
    assert f"{round(want['minutes'] / 60, 2)} uur" in text
    assert "Per jongerenwerker" in text


def test_large_xlsx_runs_as_a_task_with_progress_and_download(client_for, manager, data, settings):
    settings.REGISTRATION_EXPORT_ASYNC_ROWS = 10
    client = client_for(manager)
    response = post_form(client, URL + "export/xlsx/", Q3)
    assert response.status_code == 302
    status = client.get(response["Location"], HTTP_ACCEPT="application/json").json()
    assert status["status"] == "done" and status["progress"] == 100
    download = client.get(status["download"])
    workbook = load_workbook(io.BytesIO(download.content))
    assert list(workbook["Totalen"].iter_rows(values_only=True))[-1][2] == expected()["minutes"]


def test_export_job_of_someone_else_is_404(client_for, manager, lead, data, settings):
    settings.REGISTRATION_EXPORT_ASYNC_ROWS = 10
    response = post_form(client_for(manager), URL + "export/pdf/", Q3)
    assert client_for(lead).get(response["Location"]).status_code == 404


def test_filter_lists_the_people_of_the_reported_teams_and_refuses_others(client_for, lead, worker, outsider, data):
    client = client_for(lead)
    form = client.get(URL).context["form"]
    people = dict(form.fields["workers"].choices)
    assert people[worker.pk] == "Wessel Werker"
    assert outsider.pk not in people
    html = client.get(URL).content.decode()
    assert f'<option value="{worker.pk}">Wessel Werker</option>' in html
    response = client.get(URL, {**Q3, "workers": [outsider.pk]})
    assert "workers" in response.context["form"].errors
    assert response.context["report"] is None


def test_chosen_person_narrows_the_report_and_stays_selected(client_for, manager, worker, data):
    response = client_for(manager).get(URL, {**Q3, "workers": [worker.pk, worker.pk]})
    assert response.context["report"]["filter"].worker_ids == [worker.pk]
    contacts = Contact.objects.filter(worker=worker, date__range=("2026-07-01", "2026-09-30"))
    assert response.context["report"]["totals"]["contacts"] == contacts.count()
    assert f'<option value="{worker.pk}" selected>Wessel Werker</option>' in response.content.decode()


def test_filter_offers_the_reported_teams_and_their_groups_only(
    client_for, manager, lead, team_a, team_b, other_team, data
):
    TargetGroupFactory(team=other_team, name="Elders")
    TargetGroupFactory(team=team_a, name="Oud", is_archived=True)
    manager_form = client_for(manager).get(URL).context["form"]
    assert manager_form.fields["teams"].choices == sorted(
        [(team_a.pk, team_a.name), (team_b.pk, team_b.name)], key=lambda p: p[1]
    )
    assert sorted(name for _pk, name in manager_form.fields["target_groups"].choices) == sorted(
        TargetGroup.objects.filter(team__in=[team_a, team_b], is_archived=False).values_list("name", flat=True)
    )
    lead_form = client_for(lead).get(URL).context["form"]
    assert lead_form.fields["teams"].choices == [(team_a.pk, team_a.name)]
    assert [name for _pk, name in lead_form.fields["target_groups"].choices] == ["Meiden"]


def test_agreement_is_offered_by_name_and_read_only_when_chosen(client_for, manager, team_a, other_org, data):
    agreement = AgreementFactory(organisation=team_a.organisation, teams=[team_a])
    foreign = AgreementFactory(organisation=other_org, name="Elders")
    client = client_for(manager)
    html = client.get(URL).content.decode()
    assert f'<option value="{agreement.pk}">Online jongerenwerk 2026</option>' in html
    assert "Elders" not in html
    chosen = client.get(URL, {**Q3, "agreement": agreement.pk})
    assert chosen.context["report"]["filter"].agreement == agreement
    assert f'<option value="{agreement.pk}" selected>' in chosen.content.decode()
    refused = client.get(URL, {**Q3, "agreement": foreign.pk})
    assert "agreement" in refused.context["form"].errors
    assert refused.context["report"] is None


def test_report_without_agreement_query_count(client_for, manager, data, django_assert_num_queries):
    client = client_for(manager)
    client.get(URL, Q3)
    # Cached: session, user, memberships, the form's five choice lists in one, revisions and the notification
    # count.
    with django_assert_num_queries(6):
        client.get(URL, Q3)
