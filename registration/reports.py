"""The hour and contact report: filters, totals and breakdowns, aggregated in the database.

Each breakdown is one grouped query: contacts and time entries grouped alike and joined with UNION ALL.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BigIntegerField, CharField, Count, DateField, F, IntegerField, Sum, Value
from django.db.models.functions import TruncMonth, TruncWeek
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from registration.models import (
    CONTACT_ACTIVITY,
    CONTACT_ACTIVITY_LABEL,
    Activity,
    AgreementGoal,
    Contact,
    TimeEntry,
)

NONE_LABEL = _("(geen)")


@dataclass
class ReportFilter:
    """What a report covers. `team_ids` are already limited to the teams the person may report on."""

    start: datetime.date
    end: datetime.date
    team_ids: list
    worker_ids: list = field(default_factory=list)
    agreement: object = None
    activity: str = ""
    target_group_ids: list = field(default_factory=list)
    platform_ids: list = field(default_factory=list)

    def as_params(self):
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "team_ids": list(self.team_ids),
            "worker_ids": list(self.worker_ids),
            "agreement_id": getattr(self.agreement, "pk", None),
            "activity": self.activity,
            "target_group_ids": list(self.target_group_ids),
            "platform_ids": list(self.platform_ids),
        }


def period_range(kind, day):
    """The first and last day of the week, month, quarter or year around a day."""
    if kind == "week":
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
    if kind == "month":
        start = day.replace(day=1)
    elif kind == "quarter":
        start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    else:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    months = 1 if kind == "month" else 3
    year, month = divmod(start.month - 1 + months, 12)
    return start, datetime.date(start.year + year, month + 1, 1) - datetime.timedelta(days=1)


def _scope(report_filter):
    """The teams and days a report covers: the filter's, narrowed to its agreement's teams and term."""
    f = report_filter
    team_ids = list(f.team_ids)
    start, end = f.start, f.end
    if f.agreement is not None:
        agreement_teams = {t.pk for t in f.agreement.teams.all()}
        team_ids = [tid for tid in team_ids if tid in agreement_teams]
        start, end = max(start, f.agreement.starts_on), min(end, f.agreement.ends_on)
    return team_ids, start, end


def report_querysets(report_filter):
    """The contacts and time entries a report covers (the caller scoped team_ids to the person)."""
    f = report_filter
    team_ids, start, end = _scope(f)
    contacts = Contact.objects.filter(team_id__in=team_ids, date__range=(start, end))
    entries = TimeEntry.objects.filter(team_id__in=team_ids, date__range=(start, end))
    if f.worker_ids:
        contacts = contacts.filter(worker_id__in=f.worker_ids)
        entries = entries.filter(worker_id__in=f.worker_ids)
    if f.activity == CONTACT_ACTIVITY:
        entries = entries.none()
    elif f.activity:
        contacts = contacts.none()
        entries = entries.filter(activity=f.activity)
    # Time entries have no target group or platform: filtering on either leaves only contacts.
    if f.target_group_ids:
        contacts = contacts.filter(target_group_id__in=f.target_group_ids)
        entries = entries.none()
    if f.platform_ids:
        contacts = contacts.filter(platform_id__in=f.platform_ids)
        entries = entries.none()
    return contacts.order_by(), entries.order_by()


def _null_id():
    return Value(None, output_field=BigIntegerField())


def _blank():
    return Value("", output_field=CharField())


# name -> (title, column titles, contact keys, time-entry keys); keys are (id expression, label expression).
def _breakdown_specs():
    return {
        "team": (_("Per team"), [_("Team")], [("team_id", "team__name")], [("team_id", "team__name")]),
        "worker": (
            _("Per jongerenwerker"),
            [_("Jongerenwerker")],
            [("worker_id", "worker__full_name")],
            [("worker_id", "worker__full_name")],
        ),
        "activity": (
            _("Per activiteit"),
            [_("Activiteit")],
            [(_null_id(), Value(CONTACT_ACTIVITY, output_field=CharField()))],
            [(_null_id(), "activity")],
        ),
        "target_group": (
            _("Per doelgroep"),
            [_("Doelgroep")],
            [("target_group_id", "target_group__name")],
            [(_null_id(), _blank())],
        ),
        "platform": (_("Per platform"), [_("Platform")], [("platform_id", "platform__name")], [(_null_id(), _blank())]),
        "month": (
            _("Per maand"),
            [_("Maand")],
            [(_null_id(), TruncMonth("date", output_field=DateField()))],
            [(_null_id(), TruncMonth("date", output_field=DateField()))],
        ),
        "worker_month": (
            _("Per jongerenwerker per maand"),
            [_("Jongerenwerker"), _("Maand")],
            [("worker_id", "worker__full_name"), (_null_id(), TruncMonth("date", output_field=DateField()))],
            [("worker_id", "worker__full_name"), (_null_id(), TruncMonth("date", output_field=DateField()))],
        ),
    }


def _expr(value):
    return F(value) if isinstance(value, str) else value


def _grouped(queryset, keys, is_contacts):
    names = {}
    for index, (id_expr, label_expr) in enumerate(keys):
        names[f"k{index}_id"] = _expr(id_expr)
        names[f"k{index}_label"] = _expr(label_expr)
    grouped = queryset.annotate(**names).values(*names.keys())
    if is_contacts:
        return grouped.annotate(
            contacts=Count("pk"), reached=Sum("young_people_count"), minutes=Sum("duration_minutes")
        )
    return grouped.annotate(
        contacts=Value(0, output_field=IntegerField()),
        reached=Value(0, output_field=BigIntegerField()),
        minutes=Sum("duration_minutes"),
    )


def _label(name, value):
    if value in (None, ""):
        return str(NONE_LABEL)
    if name == "activity":
        return str(CONTACT_ACTIVITY_LABEL) if value == CONTACT_ACTIVITY else str(Activity(value).label)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value


def _rows(name, merged):
    """A breakdown's rows, by label: each key's labels, the ids they belong to, and its figures."""
    rows = []
    for key, item in merged.items():
        labels = [_label(name, label) for _id, label in key]
        rows.append(
            {"labels": labels, "ids": [id_ for id_, _label_ in key], **item, "hours": round(item["minutes"] / 60, 2)}
        )
    rows.sort(
        key=lambda r: [
            str(label) if not isinstance(label, datetime.date) else label.isoformat() for label in r["labels"]
        ]
    )
    return rows


def breakdown(contacts, entries, name):
    """One breakdown of the report, from one UNION ALL query of two grouped selects."""
    title, columns, contact_keys, entry_keys = _breakdown_specs()[name]
    query = _grouped(contacts, contact_keys, True).union(_grouped(entries, entry_keys, False), all=True)
    merged = {}
    for row in query:
        key = tuple((row[f"k{i}_id"], row[f"k{i}_label"]) for i in range(len(columns)))
        item = merged.setdefault(key, {"contacts": 0, "reached": 0, "minutes": 0})
        item["contacts"] += row["contacts"] or 0
        item["reached"] += row["reached"] or 0
        item["minutes"] += row["minutes"] or 0
    return {"name": name, "title": str(title), "columns": [str(c) for c in columns], "rows": _rows(name, merged)}


def totals(contacts, entries):
    """Contacts, young people reached and minutes over the whole report (one query)."""
    row = breakdown_total = {"contacts": 0, "reached": 0, "minutes": 0}
    keys = [(_null_id(), _blank())]
    query = _grouped(contacts, keys, True).union(_grouped(entries, keys, False), all=True)
    for part in query:
        for key in breakdown_total:
            row[key] += part[key] or 0
    row["hours"] = round(row["minutes"] / 60, 2)
    return row


def weekly_hours(contacts, entries):
    """Hours per week (for the chart): [(monday, hours)] (one query)."""
    keys = [(_null_id(), TruncWeek("date", output_field=DateField()))]
    query = _grouped(contacts, keys, True).union(_grouped(entries, keys, False), all=True)
    weeks = {}
    for row in query:
        weeks[row["k0_label"]] = weeks.get(row["k0_label"], 0) + (row["minutes"] or 0)
    return [(week, round(minutes / 60, 2)) for week, minutes in sorted(weeks.items())]


PERIOD_DAYS = {"week": 7, "month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}


def goal_progress(agreement, start, end, total, worker_count):
    """Each goal of an agreement against its target, prorated to the report's period."""
    start, end = max(start, agreement.starts_on), min(end, agreement.ends_on)
    days = max((end - start).days + 1, 0)
    progress = []
    for goal in agreement.goals.all():
        if goal.per == AgreementGoal.Per.AGREEMENT:
            target = goal.target
        else:
            target = round(goal.target * days / PERIOD_DAYS[goal.per], 1)
        actual = {
            AgreementGoal.Metric.CONTACTS: total["contacts"],
            AgreementGoal.Metric.YOUNG_PEOPLE: total["reached"],
            AgreementGoal.Metric.HOURS: total["hours"],
            AgreementGoal.Metric.HOURS_PER_WORKER_WEEK: round(
                total["hours"] / max(worker_count, 1) / max(days / 7, 1), 1
            ),
        }[goal.metric]
        if goal.metric == AgreementGoal.Metric.HOURS_PER_WORKER_WEEK:
            target = goal.target
        percent = round(100 * actual / target) if target else 0
        progress.append(
            {"goal": goal, "description": goal.description, "target": target, "actual": actual, "percent": percent}
        )
    return progress


BREAKDOWNS = ("team", "worker", "activity", "target_group", "platform", "month", "worker_month")

# The one-scan report (PostgreSQL): every row of the report once, the same keys as the breakdowns above.
# name -> (id column, label column) per key; the columns are those of `_report_rows`.
_SET_KEYS = {
    "team": [("r_team_id", "r_team")],
    "worker": [("r_worker_id", "r_worker")],
    "activity": [(None, "r_activity")],
    "target_group": [("r_group_id", "r_group")],
    "platform": [("r_platform_id", "r_platform")],
    "month": [(None, "r_month")],
    "worker_month": [("r_worker_id", "r_worker"), (None, "r_month")],
    "week": [(None, "r_week")],
    "total": [],
}
# The columns GROUPING() reports on, and which of them each grouping set groups by.
_GROUPING_COLUMNS = ("r_team_id", "r_worker_id", "r_activity", "r_group_id", "r_platform_id", "r_month", "r_week")


def _grouping_mask(name):
    grouped = {column for key in _SET_KEYS[name] for column in key if column}
    width = len(_GROUPING_COLUMNS)
    return sum(1 << (width - 1 - i) for i, column in enumerate(_GROUPING_COLUMNS) if column not in grouped)


def _report_rows(contacts, entries):
    """Contacts and time entries as one row set with every key column (a UNION ALL, not yet grouped)."""
    month = TruncMonth("date", output_field=DateField())
    week = TruncWeek("date", output_field=DateField())
    contact_columns = {
        "r_team_id": F("team_id"),
        "r_team": F("team__name"),
        "r_worker_id": F("worker_id"),
        "r_worker": F("worker__full_name"),
        "r_activity": Value(CONTACT_ACTIVITY, output_field=CharField()),
        "r_group_id": F("target_group_id"),
        "r_group": F("target_group__name"),
        "r_platform_id": F("platform_id"),
        "r_platform": F("platform__name"),
        "r_month": month,
        "r_week": week,
        "r_contacts": Value(1, output_field=IntegerField()),
        "r_reached": F("young_people_count"),
        "r_minutes": F("duration_minutes"),
    }
    entry_columns = {
        **contact_columns,
        "r_activity": F("activity"),
        "r_group_id": _null_id(),
        "r_group": _blank(),
        "r_platform_id": _null_id(),
        "r_platform": _blank(),
        "r_contacts": Value(0, output_field=IntegerField()),
        "r_reached": Value(0, output_field=IntegerField()),
    }
    return (
        contacts.annotate(**contact_columns)
        .values(*contact_columns)
        .union(entries.annotate(**entry_columns).values(*contact_columns), all=True)
    )


def _grouped_report(contacts, entries):
    """Every breakdown, the weeks and the totals from ONE scan: GROUP BY GROUPING SETS (PostgreSQL).

    Returns {set name: {key tuple: {"contacts", "reached", "minutes"}}}, keys as `breakdown` makes them.
    """
    result = {name: {} for name in _SET_KEYS}
    try:
        inner_sql, params = _report_rows(contacts, entries).query.sql_with_params()
    except EmptyResultSet:
        return result
    key_columns = []
    for key in _SET_KEYS.values():
        for id_column, label_column in key:
            key_columns += [c for c in (id_column, label_column) if c and c not in key_columns]
    sets = ", ".join(
        "({})".format(", ".join(f'"{c}"' for key in keys for c in key if c)) for keys in _SET_KEYS.values()
    )
    grouping = ", ".join(f'"{c}"' for c in _GROUPING_COLUMNS)
    selected = ", ".join(f'u."{c}"' for c in key_columns)
    sql = (
        f"SELECT GROUPING({grouping}), {selected}, "
        'SUM(u."r_contacts"), SUM(u."r_reached"), SUM(u."r_minutes") '
        f"FROM ({inner_sql}) AS u GROUP BY GROUPING SETS ({sets})"
    )
    names = {_grouping_mask(name): name for name in _SET_KEYS}
    # The planner overestimates the year's rows tenfold, so PostgreSQL would JIT-compile this one query,
    # which costs more (2-3 s) than the query itself; off for this transaction only.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        for mask, *values in cursor.fetchall():
            row = dict(zip(key_columns, values[: len(key_columns)], strict=True))
            count, reached, minutes = values[len(key_columns) :]
            name = names[mask]
            key = tuple((row[i] if i else None, row[label]) for i, label in _SET_KEYS[name])
            result[name][key] = {"contacts": count or 0, "reached": reached or 0, "minutes": minutes or 0}
    return result


def _breakdown_from(name, merged):
    title, columns, _contact_keys, _entry_keys = _breakdown_specs()[name]
    return {"name": name, "title": str(title), "columns": [str(c) for c in columns], "rows": _rows(name, merged)}


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def report_parts(contacts, entries):
    """Totals, breakdowns and weeks: one GROUPING SETS query on PostgreSQL, one query per part elsewhere."""
    if connection.vendor != "postgresql":
        return (
            totals(contacts, entries),
            [breakdown(contacts, entries, name) for name in BREAKDOWNS],
            weekly_hours(contacts, entries),
        )
    grouped = _grouped_report(contacts, entries)
    total = {"contacts": 0, "reached": 0, "minutes": 0, **grouped["total"].get((), {})}
    total["hours"] = round(total["minutes"] / 60, 2)
    breakdowns = [_breakdown_from(name, grouped[name]) for name in BREAKDOWNS]
    weeks = sorted((_as_date(key[0][1]), item["minutes"]) for key, item in grouped["week"].items())
    return total, breakdowns, [(week, round(minutes / 60, 2)) for week, minutes in weeks]


CACHE_SECONDS = 7 * 24 * 3600
# Cached parts and HTML are kept for a week: a change to the rows' shape takes a new PARTS_SHAPE, a change to
# _report_breakdowns.html a new suffix.
PARTS_SHAPE = 2
HTML_SUFFIX = ":html-3"
_REVISIONS_SQL = (
    "SELECT team_id, month, revision FROM registration_report_revision "
    "WHERE (team_id = ANY(%s) AND month BETWEEN %s AND %s) OR team_id = 0 ORDER BY team_id, month"
)


def report_cache_key(report_filter):
    """The cache key of a report's parts: its scope and filters plus the revisions of what it covers.

    The revisions (registration/migrations/0003_report_revisions.py) are bumped by PostgreSQL in every
    transaction that writes a contact or time entry of a (team, month), or renames what a report shows. A
    write that commits changes the key, so a cached report is never stale. None where there are no
    revisions (SQLite): the report is then always computed.
    """
    if connection.vendor != "postgresql":
        return None
    f = report_filter
    team_ids, start, end = _scope(f)
    with connection.cursor() as cursor:
        cursor.execute(_REVISIONS_SQL, [sorted(team_ids), start.replace(day=1), end])
        revisions = [(team_id, month.isoformat(), revision) for team_id, month, revision in cursor.fetchall()]
    scope = {
        "shape": PARTS_SHAPE,
        "database": connection.settings_dict["NAME"],
        "language": get_language(),
        "teams": sorted(team_ids),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "workers": sorted(f.worker_ids),
        "activity": f.activity,
        "target_groups": sorted(f.target_group_ids),
        "platforms": sorted(f.platform_ids),
        "revisions": revisions,
    }
    digest = hashlib.sha256(json.dumps(scope, sort_keys=True).encode()).hexdigest()
    return f"registration:report:{digest}"


def report_parts_cached(report_filter, key=None):
    """Totals, breakdowns and weeks, from the cache when nothing in the report's scope changed since.

    The key holds the revisions read BEFORE computing: a write committing meanwhile may already be in the
    stored parts, but its new revision makes every later read miss this entry and compute afresh.
    """
    key = key or report_cache_key(report_filter)
    if key is not None:
        parts = cache.get(key)
        if parts is not None:
            return parts
    contacts, entries = report_querysets(report_filter)
    parts = report_parts(contacts, entries)
    if key is not None:
        cache.set(key, parts, CACHE_SECONDS)
    return parts


def report_build(report_filter, key=None):
    """The whole report: totals, each breakdown, hours per week and goal progress (constant queries)."""
    key = key or report_cache_key(report_filter)
    total, breakdowns, weeks = report_parts_cached(report_filter, key)
    return _report(report_filter, total, breakdowns, weeks, len(breakdowns[1]["rows"]), key)


def _report(report_filter, total, breakdowns, weeks, worker_count, key):
    goals = []
    if report_filter.agreement is not None:
        goals = goal_progress(report_filter.agreement, report_filter.start, report_filter.end, total, worker_count)
    return {
        "filter": report_filter,
        "totals": total,
        "breakdowns": breakdowns,
        "weeks": weeks,
        "goals": goals,
        "generated_at": timezone.now(),
        "cache_key": key,
    }


def breakdowns_html(report):
    """The breakdown tables as HTML (a year has thousands of rows), cached under the report's own key."""
    key = report.get("cache_key")
    html = cache.get(f"{key}{HTML_SUFFIX}") if key else None
    if html is None:
        context = {"report": report, "matrix": worker_month_matrix(report["breakdowns"])}
        html = render_to_string("registration/_report_breakdowns.html", context)
        if key:
            cache.set(f"{key}{HTML_SUFFIX}", str(html), CACHE_SECONDS)
    return mark_safe(html)  # our own template, autoescaped


def worker_month_matrix(breakdowns):
    """Hours per youth worker per month as a table to read: a row per worker, a column per month, their total.

    On the page this replaces the long list (a year of 400 workers is 4,800 rows); the exports keep the list,
    with contacts and young people reached per worker per month.
    """
    part = next((part for part in breakdowns if part["name"] == "worker_month"), None)
    if part is None:
        return None
    months = sorted({row["labels"][1] for row in part["rows"]})
    column = {month: index for index, month in enumerate(months)}
    workers = {}
    for row in part["rows"]:
        name, month = row["labels"]
        minutes = workers.setdefault((name, row["ids"][0]), [None] * len(months))
        minutes[column[month]] = row["minutes"]
    rows = [
        {
            "name": name,
            "hours": [None if value is None else round(value / 60, 2) for value in minutes],
            "total": round(sum(value or 0 for value in minutes) / 60, 2),
        }
        for (name, _worker_id), minutes in workers.items()
    ]
    return {"title": part["title"], "months": months, "rows": rows}


def _summary(report):
    return report["totals"], report["weeks"], len(report["breakdowns"][1]["rows"])


def report_page(report_filter):
    """The report page's report and its breakdowns as HTML.

    When both are cached, the breakdown rows (a year: hundreds of kilobytes to unpickle) are not read at
    all: the page shows them as the cached HTML, and the rest comes from a small summary.
    """
    key = report_cache_key(report_filter)
    if key is not None:
        cached = cache.get_many([f"{key}:summary", f"{key}{HTML_SUFFIX}"])
        if len(cached) == 2:
            total, weeks, worker_count = cached[f"{key}:summary"]
            report = _report(report_filter, total, None, weeks, worker_count, key)
            return report, mark_safe(cached[f"{key}{HTML_SUFFIX}"])  # our own template, autoescaped
    report = report_build(report_filter, key)
    html = breakdowns_html(report)
    if key is not None:
        cache.set(f"{key}:summary", _summary(report), CACHE_SECONDS)
    return report, html


def report_mark_exported(report_filter, at=None):
    """Mark the report's contacts and time entries that existed at `at` (default: now) as exported then.

    One set-based UPDATE per table; an entry's first export time is kept.
    """
    contacts, entries = report_querysets(report_filter)
    moment = at or timezone.now()
    return sum(
        queryset.filter(exported_at__isnull=True, created_at__lte=moment).update(exported_at=moment)
        for queryset in (contacts, entries)
    )
