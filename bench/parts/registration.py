"""Registration's pages (week view, quick contact, report) and exports (funder report as CSV, XLSX, PDF; the
detail export of all contacts), each with the SQL that makes PostgreSQL alone write the same rows.
"""

import datetime

from django.utils import timezone

from bench.parts import NotReady, get, url

PART = "registration"


def _require_models():
    from bench.seeders import models_or_none

    if models_or_none(PART, "Contact", "TimeEntry") is None:
        raise NotReady("registration: contacts and time entries not merged")


def week_view(user):
    _require_models()
    return get(PART, "registration:week")


def contact_quick_post(user):
    """The quick form as a worker on a phone sends it: team, platform, duration, young people, target group."""
    _require_models()
    from accounts.models import Membership, Platform, TargetGroup

    path = url(PART, "registration:contact_quick")
    team_id = Membership.objects.filter(user=user).values_list("team_id", flat=True).order_by("team_id").first()
    data = {
        "team": team_id,
        "platform": Platform.objects.visible_to(user).order_by("pk").values_list("pk", flat=True).first(),
        "duration_minutes": 15,
        "young_people_count": 1,
        "target_group": TargetGroup.objects.filter(team_id=team_id).order_by("pk").values_list("pk", flat=True)[0],
        "channel": "dm",
        "date": timezone.localdate().isoformat(),
    }
    return {"url": path, "method": "POST", "form_url": path, "data": data}


def report_params(year, **extra):
    """The report form for one calendar year over every team the manager sees."""
    return {"period": "year", "day": f"{year}-07-01", **extra}


def manager_report(user):
    _require_models()
    year = timezone.localdate().year - 1
    query = "&".join(f"{key}={value}" for key, value in report_params(year).items())
    return get(PART, "registration:report", query=query)


# Exports -----------------------------------------------------------------------------------------


def _client(manager):
    from bench.measure.queries import client_for

    return client_for(manager)


def _export(manager, year, handle, fmt, **extra):
    """POST the report's export button as the manager; a large XLSX/PDF runs the export task's own service."""
    _require_models()
    from registration.models import ExportJob
    from registration.services.export_jobs import export_job_run

    client = _client(manager)
    response = client.post_form(url(PART, "registration:report_export", fmt), report_params(year, **extra))
    if response.status_code == 302 and "/export/" in response.url:
        # Large: the view queued a Celery task; run its body here, as the worker would, and take the file.
        job = ExportJob.objects.filter(requested_by=manager).latest("pk")
        export_job_run(job.pk)
        job.refresh_from_db()
        handle.write(bytes(job.content))
        return None
    if response.status_code != 200:
        raise RuntimeError(f"export {fmt} answered HTTP {response.status_code}")
    if fmt == "csv":
        lines = 0
        for chunk in response.streaming_content:
            handle.write(chunk)
            lines += chunk.count(b"\n")
        return lines - 2  # the header and the totals row
    for chunk in response.streaming_content if response.streaming else [response.content]:
        handle.write(chunk)
    return None


def write_csv(manager, year, handle):
    return _export(manager, year, handle, "csv")


def write_xlsx(manager, year, handle):
    return _export(manager, year, handle, "xlsx")


def write_pdf(manager, year, handle):
    return _export(manager, year, handle, "pdf")


def write_contacts(manager, year, handle):
    from registration.models import CONTACT_ACTIVITY

    return _export(manager, year, handle, "csv", activity=CONTACT_ACTIVITY)


def reset_exported(manager, year):
    """Unmark the year's entries as exported: every measured export is then a first export (which marks them)."""
    from django.db import connection

    teams, start, end = _scope(manager, year)
    with connection.cursor() as cursor:
        for table in ("registration_contact", "registration_timeentry"):
            cursor.execute(
                f"UPDATE {table} SET exported_at = NULL WHERE team_id IN ({teams}) "
                f"AND date BETWEEN '{start}' AND '{end}' AND exported_at IS NOT NULL"
            )


# The same rows from PostgreSQL alone -------------------------------------------------------------


def _scope(manager, year):
    from accounts.models import Team

    team_ids = list(Team.objects.filter(organisation_id=manager.organisation_id).values_list("pk", flat=True))
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return ", ".join(map(str, team_ids)) or "NULL", start.isoformat(), end.isoformat()


def contacts_sql(manager, year):
    """The detail rows of every contact of the year, as the CSV has them."""
    _require_models()
    teams, start, end = _scope(manager, year)
    return f"""
        SELECT 'contact' AS kind, c.date, t.name AS team, u.full_name AS worker, 'Online contact' AS activity,
               p.name AS platform, coalesce(g.name, '') AS target_group, c.young_people_count, c.duration_minutes
        FROM registration_contact c
        JOIN accounts_team t ON t.id = c.team_id
        JOIN accounts_user u ON u.id = c.worker_id
        JOIN accounts_platform p ON p.id = c.platform_id
        LEFT JOIN accounts_targetgroup g ON g.id = c.target_group_id
        WHERE c.team_id IN ({teams}) AND c.date BETWEEN '{start}' AND '{end}'
        ORDER BY c.date, c.id"""


def entries_sql(manager, year):
    teams, start, end = _scope(manager, year)
    return f"""
        SELECT 'tijd' AS kind, e.date, t.name AS team, u.full_name AS worker, e.activity,
               '' AS platform, '' AS target_group, 0 AS young_people_count, e.duration_minutes
        FROM registration_timeentry e
        JOIN accounts_team t ON t.id = e.team_id
        JOIN accounts_user u ON u.id = e.worker_id
        WHERE e.team_id IN ({teams}) AND e.date BETWEEN '{start}' AND '{end}'
        ORDER BY e.date, e.id"""


def detail_sql(manager, year):
    """Every contact and time entry of the year, as the report's CSV has them."""
    return f"({contacts_sql(manager, year)}) UNION ALL ({entries_sql(manager, year)})"


MONTH_C, MONTH_E = "date_trunc('month', c.date)::date::text", "date_trunc('month', e.date)::date::text"
WEEK_C, WEEK_E = "date_trunc('week', c.date)::date::text", "date_trunc('week', e.date)::date::text"
# Breakdown name -> (two label columns for contacts, two for time entries), as in registration.reports.
BREAKDOWNS = {
    "team": (("t.name", "''"), ("t.name", "''")),
    "worker": (("u.full_name", "''"), ("u.full_name", "''")),
    "activity": (("'contact'", "''"), ("e.activity", "''")),
    "target_group": (("coalesce(g.name, '')", "''"), ("''", "''")),
    "platform": (("p.name", "''"), ("''", "''")),
    "month": ((MONTH_C, "''"), (MONTH_E, "''")),
    "worker_month": (("u.full_name", MONTH_C), ("u.full_name", MONTH_E)),
    "week": ((WEEK_C, "''"), (WEEK_E, "''")),
    "total": (("''", "''"), ("''", "''")),
}


def aggregate_sql(manager, year):
    """The report's totals, every breakdown and the weekly hours: grouped in the database, one statement."""
    _require_models()
    teams, start, end = _scope(manager, year)
    contact_from = f"""FROM registration_contact c JOIN accounts_team t ON t.id = c.team_id
        JOIN accounts_user u ON u.id = c.worker_id JOIN accounts_platform p ON p.id = c.platform_id
        LEFT JOIN accounts_targetgroup g ON g.id = c.target_group_id
        WHERE c.team_id IN ({teams}) AND c.date BETWEEN '{start}' AND '{end}'"""
    entry_from = f"""FROM registration_timeentry e JOIN accounts_team t ON t.id = e.team_id
        JOIN accounts_user u ON u.id = e.worker_id
        WHERE e.team_id IN ({teams}) AND e.date BETWEEN '{start}' AND '{end}'"""
    parts = []
    for name, ((c1, c2), (e1, e2)) in BREAKDOWNS.items():
        parts.append(
            f"SELECT '{name}'::text AS breakdown, ({c1})::text AS label, ({c2})::text AS label2, "
            f"count(*) AS contacts, sum(c.young_people_count) AS reached, sum(c.duration_minutes) AS minutes "
            f"{contact_from} GROUP BY 2, 3"
        )
        parts.append(
            f"SELECT '{name}', ({e1})::text, ({e2})::text, 0, 0, sum(e.duration_minutes) {entry_from} GROUP BY 2, 3"
        )
    return " UNION ALL ".join(parts)


def workbook_sql(manager, year):
    """What the workbook holds: the aggregates, then every detail row."""
    aggregate = (
        "SELECT breakdown, label, label2, '', '', '', '', contacts, minutes "
        f"FROM ({aggregate_sql(manager, year)}) AS aggregate"
    )
    detail = (
        "SELECT kind, date::text, team, worker, activity, platform, target_group, young_people_count, "
        f"duration_minutes FROM ({detail_sql(manager, year)}) AS detail"
    )
    return f"({aggregate}) UNION ALL ({detail})"
