"""The one-scan report (GROUPING SETS on PostgreSQL) gives exactly what one query per breakdown gives."""

import datetime

import pytest

from registration import reports
from registration.reports import BREAKDOWNS, ReportFilter, breakdown, totals, weekly_hours
from registration.tests.factories import ContactFactory, PlatformFactory, TargetGroupFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db


def _sorted_rows(part):
    return sorted(part["rows"], key=repr)


def _per_breakdown(report_filter):
    contacts, entries = reports.report_querysets(report_filter)
    return (
        totals(contacts, entries),
        [breakdown(contacts, entries, name) for name in BREAKDOWNS],
        weekly_hours(contacts, entries),
    )


@pytest.fixture
def mixed(org, team_a, team_b, worker, outsider):
    platforms = [PlatformFactory(organisation=org, name=n, slug=n.lower()) for n in ("Instagram", "TikTok")]
    group = TargetGroupFactory(team=team_a, name="Meiden")
    other = TargetGroupFactory(team=team_b, name="Jongens")
    for day in range(0, 70, 4):
        date = datetime.date(2026, 7, 1) + datetime.timedelta(days=day)
        ContactFactory(
            team=team_a,
            worker=worker,
            date=date,
            platform=platforms[day // 4 % 2],
            target_group=group,
            duration_minutes=day + 5,
            young_people_count=day % 5 + 1,
        )
        ContactFactory(
            team=team_b,
            worker=outsider,
            date=date,
            platform=platforms[0],
            target_group=other,
            duration_minutes=7,
            young_people_count=2,
        )
        TimeEntryFactory(
            team=team_a,
            worker=worker,
            date=date,
            activity=["monitoring", "content"][day // 4 % 2],
            duration_minutes=day + 10,
        )
    return {"platforms": platforms, "group": group}


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"activity": "contact"},
        {"activity": "monitoring"},
        {"platform_ids": "first"},
        {"worker_ids": "worker"},
        {"team_ids": []},
    ],
)
def test_one_scan_matches_one_query_per_breakdown(mixed, team_a, team_b, worker, extra):
    params = {"start": datetime.date(2026, 7, 1), "end": datetime.date(2026, 9, 30), "team_ids": [team_a.pk, team_b.pk]}
    params.update(extra)
    if params.get("platform_ids") == "first":
        params["platform_ids"] = [mixed["platforms"][0].pk]
    if params.get("worker_ids") == "worker":
        params["worker_ids"] = [worker.pk]
    report_filter = ReportFilter(**params)
    want_total, want_breakdowns, want_weeks = _per_breakdown(report_filter)
    contacts, entries = reports.report_querysets(report_filter)
    total, breakdowns, weeks = reports.report_parts(contacts, entries)
    assert total == want_total
    assert weeks == want_weeks
    assert [b["name"] for b in breakdowns] == list(BREAKDOWNS)
    for got, want in zip(breakdowns, want_breakdowns, strict=True):
        assert {k: v for k, v in got.items() if k != "rows"} == {k: v for k, v in want.items() if k != "rows"}
        assert _sorted_rows(got) == _sorted_rows(want)
    if not extra:
        assert total["contacts"] == 36 and sum(len(b["rows"]) for b in breakdowns) == 22


def test_one_scan_is_one_query(mixed, team_a, team_b, django_assert_num_queries):
    report_filter = ReportFilter(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), [team_a.pk, team_b.pk])
    contacts, entries = reports.report_querysets(report_filter)
    # SAVEPOINT, SET LOCAL jit = off, the one SELECT, RELEASE.
    with django_assert_num_queries(4):
        reports.report_parts(contacts, entries)
