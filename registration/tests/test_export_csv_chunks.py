"""The CSV export streams chunks of rows (not one piece per row) and marks the entries in one UPDATE per table."""

import csv
import datetime
import io

import pytest

from registration import exports
from registration.models import Contact, TimeEntry
from registration.tests.factories import ContactFactory, TimeEntryFactory
from registration.tests.http import post_form

pytestmark = pytest.mark.django_db


def test_csv_comes_in_chunks_of_rows_with_every_row_and_the_totals(
    client_for, manager, team_a, worker, platform, group_a, monkeypatch
):
    monkeypatch.setattr(exports, "CSV_CHUNK_ROWS", 10)
    for day in range(25):
        date = datetime.date(2026, 7, 1) + datetime.timedelta(days=day)
        ContactFactory(team=team_a, worker=worker, platform=platform, target_group=group_a, date=date)
        TimeEntryFactory(team=team_a, worker=worker, date=date, duration_minutes=day + 1)
    response = post_form(
        client_for(manager), "/registratie/rapport/export/csv/", {"period": "quarter", "day": "2026-08-15"}
    )
    pieces = list(response.streaming_content)
    # 50 rows in chunks of 10: five full chunks and one with the totals row (not 52 pieces).
    assert len(pieces) == 6
    rows = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8-sig"))))
    assert len(rows) == 52
    assert int(rows[-1][8]) == 25 * 15 + sum(range(1, 26))
    assert not Contact.objects.filter(exported_at__isnull=True).exists()
    assert not TimeEntry.objects.filter(exported_at__isnull=True).exists()
