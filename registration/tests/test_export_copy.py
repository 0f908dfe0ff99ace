"""The exports' detail rows written by PostgreSQL's COPY give the same files as the Python path (SQLite).

Names a spreadsheet would run as a formula, quotes, commas, line breaks, XML's special characters and a
control character go through both paths; the CSV bytes and the workbook's parts must be identical.
"""

import csv
import datetime
import io
import zipfile

import pytest
import time_machine
from django.db import connection
from django.utils import timezone, translation
from openpyxl import load_workbook

from audit.models import AuditEvent
from registration import exports, reports
from registration.models import Contact, ExportJob, TimeEntry
from registration.services.export_jobs import export_mark
from registration.tests.factories import ContactFactory, PlatformFactory, TargetGroupFactory, TimeEntryFactory
from registration.tests.http import post_form

pytestmark = pytest.mark.django_db

Q3 = {"period": "quarter", "day": "2026-08-15"}
START, END = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)


@pytest.fixture
def tricky(org, team_a, team_b, worker, outsider):
    """Contacts and time entries in two teams with awkward names; one contact outside the quarter."""
    team_a.name = '=HYPERLINK("x")'
    team_a.save()
    worker.full_name = 'Jan "de" Vries, jr.'
    worker.save()
    outsider.full_name = "@home <b>&</b>"
    outsider.save()
    platforms = [
        PlatformFactory(organisation=org, name="+31 line\nbreak", slug="p1"),
        PlatformFactory(organisation=org, name="-minus\r\x07bell", slug="p2"),
    ]
    groups = [TargetGroupFactory(team=team_a, name=""), TargetGroupFactory(team=team_b, name="Meiden, 12-16")]
    for day in range(0, 92, 7):
        date = START + datetime.timedelta(days=day)
        for index, (team, person) in enumerate([(team_a, worker), (team_b, outsider)]):
            ContactFactory(
                team=team,
                worker=person,
                date=date,
                platform=platforms[(day + index) % 2],
                target_group=groups[index],
                duration_minutes=day + 5,
                young_people_count=index + 1,
            )
            TimeEntryFactory(team=team, worker=person, date=date, activity="monitoring", duration_minutes=day + 30)
    ContactFactory(team=team_a, worker=worker, date=datetime.date(2026, 6, 30), platform=platforms[0])


def _filter(team_a, team_b, **extra):
    return reports.ReportFilter(start=START, end=END, team_ids=[team_a.pk, team_b.pk], **extra)


def _csv(report_filter, use_copy):
    contacts, entries = reports.report_querysets(report_filter)
    target = io.BytesIO()
    rows = exports.csv_write(reports.totals(contacts, entries), report_filter, target, use_copy=use_copy)
    return target.getvalue(), rows


@pytest.mark.parametrize("language", ["nl", "en"])
def test_csv_from_copy_is_byte_for_byte_the_python_csv(tricky, team_a, team_b, language):
    with translation.override(language):
        copied, copied_rows = _csv(_filter(team_a, team_b), use_copy=True)
        python, python_rows = _csv(_filter(team_a, team_b), use_copy=False)
        header_wanted = exports.detail_header()
    assert copied == python
    assert copied_rows == python_rows == 2 * 14 * 2
    rows = list(csv.reader(io.StringIO(copied.decode("utf-8-sig"), newline="")))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header == header_wanted and header[1] == ("Datum" if language == "nl" else "Date")
    assert len(body) == copied_rows and all(len(row) == 9 for row in rows)
    first = body[0]
    assert first[1] == "2026-07-01" and first[2] == '\'=HYPERLINK("x")' and first[3] == 'Jan "de" Vries, jr.'
    assert first[5] == "'+31 line\nbreak" and first[6] == ""  # an empty group name stays an empty field
    assert {row[3] for row in body} == {'Jan "de" Vries, jr.', "'@home <b>&</b>"}
    assert "'-minus\r\x07bell" in {row[5] for row in body}
    entry = body[-1]
    assert entry[0] == ("tijd" if language == "nl" else "time") and entry[5:8] == ["", "", "0"]
    assert entry[4] == ("Monitoren en scrollen" if language == "nl" else "Monitoring and scrolling")
    minutes = sum(int(row[8]) for row in body)
    assert totals[0] in ("Totaal", "Total") and int(totals[8]) == minutes
    assert int(totals[7]) == sum(int(row[7]) for row in body)


def test_csv_paths_agree_under_filters_and_another_date_style(tricky, team_a, team_b, worker):
    with connection.cursor() as cursor:
        cursor.execute("SET datestyle = 'SQL, DMY'")  # COPY must still write 2026-07-01, not 01/07/2026
    for extra in ({"worker_ids": [worker.pk]}, {"activity": "contact"}, {"activity": "monitoring"}):
        copied, rows = _csv(_filter(team_a, team_b, **extra), use_copy=True)
        assert copied == _csv(_filter(team_a, team_b, **extra), use_copy=False)[0]
        assert rows == 28  # 14 contacts and 14 entries of the worker; 28 contacts; 28 time entries


def _workbook(report_filter, use_copy):
    built = exports.xlsx_write(reports.report_build(report_filter), report_filter, "Org", use_copy=use_copy)
    with built:
        return built.read()


def test_xlsx_detail_sheet_from_copy_is_the_python_sheet_and_opens(tricky, team_a, team_b):
    report_filter = _filter(team_a, team_b)
    copied, python = _workbook(report_filter, True), _workbook(report_filter, False)
    with zipfile.ZipFile(io.BytesIO(copied)) as a, zipfile.ZipFile(io.BytesIO(python)) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(name) == b.read(name) for name in a.namelist())
    workbook = load_workbook(io.BytesIO(copied))
    assert workbook.sheetnames == ["Totalen", *[p["title"] for p in reports.report_build(report_filter)["breakdowns"]],
                                   "Regels"]  # fmt: skip
    detail = list(workbook["Regels"].iter_rows(values_only=True))
    assert list(detail[0]) == exports.detail_header()
    assert workbook["Regels"]["A1"].font.b and workbook["Regels"].cell(len(detail), 1).font.b
    body = detail[1:-1]
    assert len(body) == 2 * 14 * 2
    first = body[0]
    assert first[0] == "contact" and first[1] == datetime.datetime(2026, 7, 1)
    assert first[2] == '=HYPERLINK("x")' and workbook["Regels"]["C2"].data_type == "s"  # text, never a formula
    assert first[3] == 'Jan "de" Vries, jr.' and first[4] == "Online contact" and first[5] == "+31 line\nbreak"
    assert isinstance(first[7], int) and isinstance(first[8], int)
    assert "-minus\rbell" in {row[5] for row in body}  # the control character is dropped, the rest kept
    assert "@home <b>&</b>" in {row[3] for row in body}
    last = body[-1]
    assert last[0] == "tijd" and last[4] == "Monitoren en scrollen" and last[7] == 0
    assert detail[-1][0] == "Totaal" and detail[-1][8] == sum(row[8] for row in body)
    totals = list(workbook["Totalen"].iter_rows(values_only=True))
    assert totals[1][1:3] == (datetime.datetime(2026, 7, 1), datetime.datetime(2026, 9, 30))
    assert totals[-1][2] == detail[-1][8]
    per_month = list(workbook["Per maand"].iter_rows(values_only=True))
    assert per_month[1][0] == datetime.datetime(2026, 7, 1) and per_month[-1][0] == "Totaal"


def test_csv_export_streams_a_file_counts_one_audit_event_and_marks_after_commit(
    client_for, manager, tricky, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_form(client_for(manager), "/registratie/rapport/export/csv/", Q3)
    assert len(callbacks) == 1  # the marking task, queued once the export's request committed
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="urenrapport-20260701-20260930.csv"'
    content = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(content)
    assert content.startswith("\ufeffSoort,Datum".encode())
    assert len(list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))) == 2 * 14 * 2 + 2
    assert AuditEvent.objects.filter(action="export", object_type="registration.report").count() == 1
    assert not Contact.objects.filter(date__gte=START, exported_at__isnull=True).exists()
    assert not TimeEntry.objects.filter(exported_at__isnull=True).exists()
    assert Contact.objects.get(date="2026-06-30").exported_at is None


def test_large_xlsx_task_writes_progress_between_copies_and_every_row(
    client_for, manager, tricky, settings, monkeypatch
):
    # Pieces of 64 bytes: COPY hands on many pieces while it runs, and nothing may query the busy connection.
    monkeypatch.setattr(exports._Pieces, "PIECE", 64)
    settings.REGISTRATION_EXPORT_ASYNC_ROWS = 10
    client = client_for(manager)
    response = post_form(client, "/registratie/rapport/export/xlsx/", Q3)
    assert response.status_code == 302
    job = ExportJob.objects.get(requested_by=manager)
    assert job.status == ExportJob.Status.DONE and job.progress == 100
    download = client.get(f"/registratie/export/{job.pk}/download/")
    detail = list(load_workbook(io.BytesIO(download.content))["Regels"].iter_rows(values_only=True))
    assert len(detail) == 2 * 14 * 2 + 2
    assert AuditEvent.objects.filter(action="export", object_type="registration.report").count() == 1


def test_marking_after_the_export_leaves_later_rows_and_earlier_marks_alone(manager, team_a, team_b, tricky):
    report_filter = _filter(team_a, team_b)
    at = timezone.now()
    earlier = at - datetime.timedelta(days=3)
    already = Contact.objects.filter(date__gte=START).earliest("pk")
    Contact.objects.filter(pk=already.pk).update(exported_at=earlier)
    with time_machine.travel(at + datetime.timedelta(minutes=5), tick=False):
        later = ContactFactory(team=team_a, worker=already.worker, date=START, platform=already.platform)
    marked = export_mark(manager.pk, report_filter.as_params(), at.isoformat())
    assert marked == 2 * 14 * 2 - 1
    assert Contact.objects.get(pk=already.pk).exported_at == earlier
    assert Contact.objects.get(pk=later.pk).exported_at is None
    assert not TimeEntry.objects.filter(exported_at__isnull=True).exists()
    assert set(Contact.objects.filter(date__gte=START).exclude(pk__in=[already.pk, later.pk]).values_list(
        "exported_at", flat=True)) == {at}  # fmt: skip
