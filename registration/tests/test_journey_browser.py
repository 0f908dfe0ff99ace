"""The journey of issue 4 in a real browser: a worker logs from a phone, the lead approves, the manager reports."""

import datetime
import io
import time

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from registration.models import Contact, MonthApproval, TimeEntry
from registration.reports import period_range
from registration.tests.factories import AgreementFactory, ContactFactory, TimeEntryFactory, make_goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _frozen_today():
    """The live server and the browser run on the real clock."""
    yield


def _wait_for(page, files, key):
    for _attempt in range(100):
        if key in files:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"no {key} download")


def test_worker_logs_lead_approves_manager_reports(
    browser_page, browser_login, browser, live_server, worker, lead, manager, team_a, platform, group_a
):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    ContactFactory(
        team=team_a,
        worker=worker,
        platform=platform,
        target_group=group_a,
        date=last_month,
        duration_minutes=45,
        young_people_count=3,
    )
    TimeEntryFactory(team=team_a, worker=worker, date=last_month, duration_minutes=60)
    agreement = AgreementFactory(
        organisation=team_a.organisation,
        teams=[team_a],
        starts_on=datetime.date(today.year - 1, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
    )
    make_goal(agreement)
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. A youth worker on a phone logs a contact with the quick form, then a time entry.
    page.set_viewport_size({"width": 375, "height": 812})
    browser_login(page, worker)
    started = time.monotonic()
    page.goto("/registratie/contact/snel/")
    page.shot("1-quick-contact-form")
    page.select_option("#id_platform", str(platform.pk))
    page.click("button[data-duration='15']")
    page.fill("#id_young_people_count", "2")
    page.select_option("#id_target_group", str(group_a.pk))
    page.click("button[type=submit]:has-text('Contact opslaan')")
    page.wait_for_url("**/registratie/?week=*")
    page.shot("2-week-after-contact")
    assert Contact.objects.filter(worker=worker, date=today, duration_minutes=15, young_people_count=2).exists()
    assert time.monotonic() - started < 30
    page.goto("/registratie/tijd/nieuw/")
    page.select_option("#id_activity", "monitoring")
    page.fill("#id_duration_minutes", "30")
    page.click("button[type=submit]:has-text('Tijd opslaan')")
    page.wait_for_url("**/registratie/?week=*")
    page.shot("3-week-after-time-entry")
    assert TimeEntry.objects.filter(worker=worker, date=today, duration_minutes=30).exists()
    assert page.locator(".day-total").count() == 7

    # 2. The team lead approves last month.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, lead)
    page.goto(f"/registratie/maanden/{team_a.pk}/{last_month:%Y-%m}/")
    page.shot("4-month-to-approve")
    page.click("button:has-text('Maand goedkeuren')")
    page.wait_for_selector("text=Goedgekeurd")
    page.shot("5-month-approved")
    assert MonthApproval.objects.get(team=team_a, month=last_month).status == "approved"

    # 3. The manager builds the quarter's report for the agreement and downloads XLSX and PDF.
    page.context.clear_cookies()
    browser_login(page, manager)
    page.goto("/registratie/rapport/")
    page.select_option("#id_period", "quarter")
    page.fill("#id_day", last_month.isoformat())
    page.select_option("#id_agreement", str(agreement.pk))
    page.click("button:has-text('Rapport maken')")
    page.wait_for_selector("[data-report-totals]")
    page.shot("6-report")
    start, end = period_range("quarter", last_month)
    contacts = Contact.objects.filter(date__range=(start, end))
    entries = TimeEntry.objects.filter(date__range=(start, end))
    want_contacts = contacts.count()
    want_minutes = sum(c.duration_minutes for c in contacts) + sum(e.duration_minutes for e in entries)
    # The system Chromium saves attachments without telling Playwright: catch each file on its way in.
    files = {}

    def keep(route):
        response = route.fetch()
        files[route.request.url.rstrip("/").rsplit("/", 1)[-1]] = response.body()
        route.fulfill(response=response)

    page.route("**/registratie/rapport/export/**", keep)
    report_url = page.url
    page.click("button:has-text('Excel')")
    _wait_for(page, files, "xlsx")
    workbook = load_workbook(io.BytesIO(files["xlsx"]))
    totals = list(workbook["Totalen"].iter_rows(values_only=True))[-1]
    assert totals[0] == want_contacts and totals[2] == want_minutes
    page.goto(report_url)
    page.click("button:has-text('PDF')")
    _wait_for(page, files, "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    assert f"{want_contacts} contacten" in text
    assert f"{round(want_minutes / 60, 2)} uur" in text
    assert team_a.organisation.name in text
    page.shot("7-after-downloads")
    page.goto("/registratie/overzicht/")
    page.wait_for_function("() => window.Chart !== undefined")
    assert page.locator(f"#chart-agreement-{agreement.pk}").is_visible()
    page.shot("8-manager-dashboard")
    assert Contact.objects.filter(exported_at__isnull=False).count() == want_contacts
