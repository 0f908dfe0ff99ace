"""The manager's report is cached under the revisions of what it covers: any write shows up at once."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from registration import reports
from registration.models import Contact, TimeEntry
from registration.tests.factories import ContactFactory, TimeEntryFactory

URL = "/registratie/rapport/"
Q3 = {"period": "quarter", "day": "2026-08-15"}
AUGUST = datetime.date(2026, 8, 10)


@pytest.fixture
def entries(team_a, worker, platform, group_a):
    contact = ContactFactory(
        team=team_a, worker=worker, platform=platform, target_group=group_a, date=AUGUST, duration_minutes=30
    )
    entry = TimeEntryFactory(team=team_a, worker=worker, date=AUGUST, activity="content", duration_minutes=60)
    return contact, entry


def _totals(client):
    return client.get(URL, Q3).context["report"]["totals"]


def _worker_rows(client):
    report = client.get(URL, Q3).context["report"]
    return next(p for p in report["breakdowns"] if p["name"] == "worker")["rows"]


def _independent_minutes():
    start, end = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)
    return sum(c.duration_minutes for c in Contact.objects.filter(date__range=(start, end))) + sum(
        e.duration_minutes for e in TimeEntry.objects.filter(date__range=(start, end))
    )


def test_a_second_report_comes_from_the_cache_in_fewer_queries(client_for, manager, entries):
    client = client_for(manager)
    client.get("/")
    first = _totals(client)
    with CaptureQueriesContext(connection) as cold_queries:
        cache.clear()
        _totals(client)
    with CaptureQueriesContext(connection) as warm_queries:
        second = _totals(client)
    assert second == first == {"contacts": 1, "reached": 1, "minutes": 90, "hours": 1.5}
    grouping = [q for q in cold_queries.captured_queries if "GROUPING SETS" in q["sql"]]
    assert len(grouping) == 1
    assert not [q for q in warm_queries.captured_queries if "GROUPING SETS" in q["sql"]]


def test_new_contact_in_a_reported_month_shows_at_once(client_for, manager, entries, team_a, worker, platform, group_a):
    client = client_for(manager)
    assert _totals(client)["minutes"] == 90
    ContactFactory(
        team=team_a, worker=worker, platform=platform, target_group=group_a, date=AUGUST, duration_minutes=45
    )
    assert _totals(client)["minutes"] == 135 == _independent_minutes()


def test_edit_of_an_old_entry_and_its_move_to_another_month_show_at_once(client_for, manager, entries):
    client = client_for(manager)
    contact, entry = entries
    assert _totals(client)["minutes"] == 90
    entry.duration_minutes = 100
    entry.save()
    assert _totals(client)["minutes"] == 130
    contact.date = datetime.date(2026, 10, 2)  # out of the quarter
    contact.save()
    totals = _totals(client)
    assert (totals["minutes"], totals["contacts"]) == (100, 0)


def test_bulk_writes_and_set_based_updates_show_at_once(client_for, manager, entries, team_a, worker):
    client = client_for(manager)
    assert _totals(client)["minutes"] == 90
    TimeEntry.objects.bulk_create(
        [TimeEntry(team=team_a, worker=worker, date=AUGUST, activity="content", duration_minutes=10) for _ in range(3)]
    )
    assert _totals(client)["minutes"] == 120
    TimeEntry.objects.filter(team=team_a).update(duration_minutes=20)
    assert _totals(client)["minutes"] == 30 + 4 * 20 == _independent_minutes()


def test_removal_shows_at_once(client_for, manager, entries):
    client = client_for(manager)
    assert _totals(client)["minutes"] == 90
    Contact.objects.filter(date=AUGUST).delete()
    totals = _totals(client)
    assert (totals["minutes"], totals["contacts"]) == (60, 0)


def test_marking_exported_keeps_the_cached_report(client_for, manager, team_a, entries):
    client = client_for(manager)
    client.get("/")
    _totals(client)
    report_filter = reports.ReportFilter(
        start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30), team_ids=[team_a.pk]
    )
    key = reports.report_cache_key(report_filter)
    reports.report_parts_cached(report_filter)
    assert reports.report_mark_exported(report_filter) == 2
    assert reports.report_cache_key(report_filter) == key
    assert cache.get(key) is not None


def test_renamed_worker_shows_under_the_new_name(client_for, manager, worker, entries):
    client = client_for(manager)
    assert [r["labels"] for r in _worker_rows(client)] == [[worker.full_name]]
    worker.full_name = "Nieuwe Naam"
    worker.save(update_fields=["full_name"])
    assert [r["labels"] for r in _worker_rows(client)] == [["Nieuwe Naam"]]
    page = client.get(URL, Q3).content.decode()  # the cached breakdown tables follow the same key
    assert "Nieuwe Naam" in page
    assert "Wessel Werker" not in page


def test_the_filters_keep_what_was_chosen(client_for, manager, team_a, worker, entries):
    page = client_for(manager).get(URL, {**Q3, "teams": [team_a.pk], "workers": [worker.pk]}).content.decode()
    assert f'<option value="{team_a.pk}" selected>{team_a.name}</option>' in page
    assert f'<option value="{worker.pk}" selected>' in page


def test_a_rolled_back_write_leaves_the_report_as_committed(client_for, manager, entries, team_a, worker):
    client = client_for(manager)
    assert _totals(client)["minutes"] == 90
    report_filter = reports.ReportFilter(
        start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30), team_ids=[team_a.pk]
    )
    before = reports.report_cache_key(report_filter)

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        TimeEntryFactory(team=team_a, worker=worker, date=AUGUST, activity="content", duration_minutes=500)
        inside = reports.report_cache_key(report_filter)
        assert inside != before
        assert reports.report_parts_cached(report_filter)[0]["minutes"] == 590
        raise Undo
    assert reports.report_cache_key(report_filter) == before
    assert _totals(client)["minutes"] == 90
    TimeEntryFactory(team=team_a, worker=worker, date=AUGUST, activity="content", duration_minutes=5)
    key = reports.report_cache_key(report_filter)
    assert key not in (before, inside)
    assert _totals(client)["minutes"] == 95


def test_other_teams_and_months_keep_the_key(entries, team_a, team_b, outsider):
    report_filter = reports.ReportFilter(
        start=datetime.date(2026, 7, 1), end=datetime.date(2026, 9, 30), team_ids=[team_a.pk]
    )
    key = reports.report_cache_key(report_filter)
    TimeEntryFactory(team=team_b, worker=outsider, date=AUGUST, activity="content", duration_minutes=5)
    TimeEntryFactory(team=team_a, worker=entries[0].worker, date=datetime.date(2026, 10, 1), activity="content")
    assert reports.report_cache_key(report_filter) == key


def test_a_cached_report_page_needs_only_its_summary_and_tables(client_for, manager, entries):
    client = client_for(manager)
    cold = client.get(URL, Q3)
    key = cold.context["report"]["cache_key"]
    # The breakdown rows are large to read back; a warm page shows the cached tables and a small summary.
    cache.delete(key)
    warm = client.get(URL, Q3)
    assert warm.context["report"]["totals"] == cold.context["report"]["totals"]
    assert warm.context["report"]["weeks"] == cold.context["report"]["weeks"]
    assert warm.context["breakdowns_html"] == cold.context["breakdowns_html"]
    assert warm.context["report"]["breakdowns"] is None
    assert cache.get(key) is None
    cache.delete(f"{key}:summary")
    again = client.get(URL, Q3)
    assert again.context["report"]["breakdowns"] is not None
    assert again.context["report"]["totals"] == cold.context["report"]["totals"]
