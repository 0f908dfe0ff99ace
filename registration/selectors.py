"""Reads of contact registration and time that depend on who is asking."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, IntegerField, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership, Platform, PlatformAccount, TargetGroup, Team, User
from accounts.permissions import is_manager, require
from accounts.selectors import get_visible_or_404
from jongerenwerk.sql import placeholders
from registration import permissions
from registration.models import (
    Contact,
    FunderAgreement,
    MonthApproval,
    TeamBudget,
    Theme,
    TimeEntry,
    YoungPerson,
)

DEFAULT_WEEKLY_MINUTES = 4 * 60


def young_person_list(user):
    """The young-person records of the teams this person may see, with their target group."""
    return YoungPerson.objects.visible_to(user).select_related("team", "target_group").order_by("pseudonym")


def contact_list(user):
    """The contacts of the teams this person may see, newest first, with what a list shows."""
    return Contact.objects.visible_to(user).select_related("team", "worker", "platform", "target_group")


def time_entry_list(user):
    """The time entries of the teams this person may see, newest first."""
    return TimeEntry.objects.visible_to(user).select_related("team", "worker")


def get_young_person_for_user(user, pk):
    """One visible young-person record, else 404."""
    return get_visible_or_404(YoungPerson.objects.select_related("team", "target_group"), user, pk)


def get_contact_for_user(user, pk, for_write=False):
    """One visible contact, else 404; 403 when it is to be changed by someone who may not."""
    contact = get_visible_or_404(Contact.objects.select_related("team", "worker", "platform", "target_group"), user, pk)
    if for_write:
        require(permissions.can_edit_entry(user, contact))
    return contact


def get_time_entry_for_user(user, pk, for_write=False):
    """One visible time entry, else 404; 403 when it is to be changed by someone who may not."""
    entry = get_visible_or_404(TimeEntry.objects.select_related("team", "worker"), user, pk)
    if for_write:
        require(permissions.can_edit_entry(user, entry))
    return entry


def get_agreement_for_user(user, pk):
    """One funder agreement of the person's organisation, for managers only (404 for others outside it)."""
    agreement = get_visible_or_404(FunderAgreement.objects.all(), user, pk)
    require(permissions.can_manage_agreements(user))
    return agreement


def agreement_list(user):
    """The funder agreements of this person's organisation, with their teams."""
    return FunderAgreement.objects.visible_to(user).prefetch_related("teams", "goals")


def registering_teams(user):
    """The teams in which this person logs contacts and time."""
    team_ids = [tid for tid, role in _memberships(user) if role in permissions.REGISTERING_ROLES]
    return Team.objects.filter(pk__in=team_ids).order_by("name")


def report_teams(user):
    """The teams this person may build reports for: all visible for a manager, the led teams for a lead."""
    if is_manager(user):
        return Team.objects.visible_to(user).order_by("name")
    led = [tid for tid, role in _memberships(user) if role == Membership.Role.TEAM_LEAD]
    return Team.objects.filter(pk__in=led).order_by("name")


REPORT_CHOICES = ("teams", "agreements", "workers", "target_groups", "platforms")

# One statement, a part per choice list (its number in REPORT_CHOICES), each by its own order: the agreements
# newest first (FunderAgreement's ordering), the others by name. {teams} stands for the report teams' ids.
_REPORT_CHOICES_SQL = (
    "SELECT 0 AS part, id, name AS label, NULL AS sort_day, name AS sort_name "
    f"FROM {Team._meta.db_table} WHERE id IN ({{teams}}) "
    "UNION ALL "
    f"SELECT 1, id, name, starts_on, name FROM {FunderAgreement._meta.db_table} WHERE organisation_id = %s "
    "UNION ALL "
    # A person as User.__str__ shows them; each once, however many of the teams they are in.
    f"SELECT 2, u.id, COALESCE(NULLIF(u.full_name, ''), u.email), NULL, u.full_name FROM {User._meta.db_table} u "
    f"WHERE EXISTS (SELECT 1 FROM {Membership._meta.db_table} m WHERE m.user_id = u.id AND m.team_id IN ({{teams}})) "
    "UNION ALL "
    f"SELECT 3, id, name, NULL, name FROM {TargetGroup._meta.db_table} "
    "WHERE team_id IN ({teams}) AND NOT is_archived "
    "UNION ALL "
    f"SELECT 4, id, name, NULL, name FROM {Platform._meta.db_table} "
    "WHERE (organisation_id IS NULL OR organisation_id = %s) AND is_active "
    "ORDER BY part, sort_day DESC, sort_name, id"
)


def _report_team_scope(user):
    """SQL for the ids of the teams this person reports on (report_teams), and its parameters."""
    if is_manager(user):
        return f"SELECT id FROM {Team._meta.db_table} WHERE organisation_id = %s", [user.organisation_id]
    led = [tid for tid, role in _memberships(user) if role == Membership.Role.TEAM_LEAD]
    return placeholders(led), led


def report_choices(user):
    """The report form's choice lists as (id, label) pairs, by REPORT_CHOICES name, in one query.

    The teams are report_teams; the agreements those of the person's organisation; the people, target groups
    (not archived) of those teams; the platforms they may choose (shared or their organisation's, in use).
    The report page asks for five lists of hundreds of options: one round trip and no ORM, the same pairs
    in the same order as the querysets behind each list (registration/tests/test_report_choices.py).
    On PostgreSQL they are cached under row 0 of the report revisions, which every change to these lists bumps
    (migrations 0003 and 0006): a revision read instead of the statement, never a stale list.
    """
    choices = {name: [] for name in REPORT_CHOICES}
    if not user.is_authenticated or user.organisation_id is None:
        return choices
    teams, team_params = _report_team_scope(user)
    key = _choices_cache_key(user, team_params)
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    organisation = user.organisation_id
    with connection.cursor() as cursor:
        cursor.execute(
            _REPORT_CHOICES_SQL.format(teams=teams),
            [*team_params, organisation, *team_params, *team_params, organisation],
        )
        rows = cursor.fetchall()
    lists = [choices[name] for name in REPORT_CHOICES]
    for part, pk, label, _day, _name in rows:
        lists[part].append((pk, label))
    if key is not None:
        cache.set(key, choices, CHOICES_CACHE_SECONDS)
    return choices


CHOICES_CACHE_SECONDS = 24 * 3600
_CHOICES_REVISION_SQL = "SELECT revision FROM registration_report_revision WHERE team_id = 0"


def _choices_cache_key(user, team_params):
    """The cache key of a person's report choices: whose lists (a manager's organisation, or the teams a lead
    leads) and row 0's revision, read now. None without a revision (SQLite, or a database emptied by TRUNCATE):
    the lists are then read every time. A change committed after the revision was read has a new one, so a
    list stored under this key may be newer than its key, never older."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(_CHOICES_REVISION_SQL)
        row = cursor.fetchone()
    if row is None:
        return None
    scope = "manager" if is_manager(user) else ",".join(map(str, sorted(team_params)))
    name = connection.settings_dict["NAME"]
    return f"registration:report-choices:{name}:{user.organisation_id}:{scope}:{row[0]}"


def _memberships(user):
    from accounts.selectors import memberships_of

    return memberships_of(user)


def platform_choices(user):
    return Platform.objects.visible_to(user).filter(is_active=True).order_by("name")


def target_group_choices(user, team_ids=None):
    groups = TargetGroup.objects.visible_to(user).filter(is_archived=False).select_related("team")
    if team_ids is not None:
        groups = groups.filter(team_id__in=team_ids)
    return groups.order_by("name")


def platform_account_choices(user, team_ids=None):
    accounts = (
        PlatformAccount.objects.visible_to(user)
        .select_related("platform")
        .exclude(status__in=[PlatformAccount.Status.ARCHIVED, PlatformAccount.Status.REJECTED])
    )
    if team_ids is not None:
        accounts = accounts.filter(team_id__in=team_ids)
    return accounts


def theme_choices(user):
    """The organisation's active themes; the default list is seeded the first time it is asked for."""
    from registration.services import theme_seed_defaults

    if user.organisation_id is None:
        return Theme.objects.none()
    theme_seed_defaults(organisation_id=user.organisation_id)
    return Theme.objects.visible_to(user).filter(is_active=True)


def last_contact_defaults(user):
    """The choices of this worker's last contact, to start the next one with (one query)."""
    last = (
        Contact.objects.filter(worker=user)
        .order_by("-created_at")
        .values("team_id", "platform_id", "platform_account_id", "target_group_id", "channel", "duration_minutes")
        .first()
    )
    if last is None:
        return {}
    return {
        "team": last["team_id"],
        "platform": last["platform_id"],
        "platform_account": last["platform_account_id"],
        "target_group": last["target_group_id"],
        "channel": last["channel"],
    }


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def worker_minutes(worker_ids, start, end):
    """Logged minutes per worker between two dates (inclusive), contacts and time entries together (1 query)."""
    contacts = (
        Contact.objects.filter(worker_id__in=worker_ids, date__range=(start, end))
        .values("worker_id")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    )
    entries = (
        TimeEntry.objects.filter(worker_id__in=worker_ids, date__range=(start, end))
        .values("worker_id")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    )
    totals = {}
    for row in contacts.union(entries, all=True):
        totals[row["worker_id"]] = totals.get(row["worker_id"], 0) + row["minutes"]
    return totals


FOLLOW_UPS_SHOWN = 5

# One row per open follow-up due by a date (the first FOLLOW_UPS_SHOWN by due date), or one row of NULLs
# without them, each with the week's minutes and the budget. The follow-up conditions are those of the
# partial index contact_open_follow_ups.
_WEEK_TOTALS_TEMPLATE = """
SELECT w.minutes, w.budget, f.id, f.follow_up, f.follow_up_due
FROM (
    SELECT
        (SELECT COALESCE(SUM(duration_minutes), 0) FROM {contact} WHERE worker_id = %s AND date BETWEEN %s AND %s)
        + (SELECT COALESCE(SUM(duration_minutes), 0) FROM {entry} WHERE worker_id = %s AND date BETWEEN %s AND %s)
        AS minutes,
        (SELECT COALESCE(SUM(minutes), 0) FROM (
            SELECT MAX(COALESCE(NULLIF(m.weekly_budget_minutes, 0), b.weekly_minutes, %s)) AS minutes
            FROM {membership} m LEFT JOIN {budget} b ON b.team_id = m.team_id
            WHERE m.user_id = %s AND m.role IN ({roles})
            GROUP BY m.team_id
        ) per_team) AS budget
) w
LEFT JOIN (
    SELECT id, follow_up, follow_up_due FROM {contact}
    WHERE worker_id = %s AND follow_up_due <= %s AND follow_up_done_at IS NULL AND NOT (follow_up = '')
    ORDER BY follow_up_due, id
    LIMIT {shown}
) f ON 1 = 1
ORDER BY f.follow_up_due, f.id
"""
_WEEK_TOTALS_SQL = _WEEK_TOTALS_TEMPLATE.format(
    contact=Contact._meta.db_table,
    entry=TimeEntry._meta.db_table,
    membership=Membership._meta.db_table,
    budget=TeamBudget._meta.db_table,
    roles=placeholders(permissions.REGISTERING_ROLES),
    shown=FOLLOW_UPS_SHOWN,
)


def worker_week_totals(user, start, end, follow_ups_until):
    """This person's logged minutes between two dates, weekly budget and open follow-ups due by a date (1 query).

    On every worker's home page: plain SQL, one round trip instead of three ORM queries. The same answers as
    worker_minutes([user.pk], start, end).get(user.pk, 0), weekly_budget_minutes(user) (a team's registering
    memberships share their budget: budget_set_member sets them together) and the first FOLLOW_UPS_SHOWN of
    their contacts with a follow-up not done, due by the date, by due date, as {pk, follow_up, follow_up_due}.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _WEEK_TOTALS_SQL,
            [
                *(user.pk, start, end) * 2,
                DEFAULT_WEEKLY_MINUTES,
                user.pk,
                *permissions.REGISTERING_ROLES,
                user.pk,
                follow_ups_until,
            ],
        )
        rows = cursor.fetchall()
    follow_ups = [{"pk": pk, "follow_up": text, "follow_up_due": due} for _m, _b, pk, text, due in rows if pk]
    return rows[0][0], rows[0][1], follow_ups


def week_view(user, start):
    """One worker's week: each day's contacts and time entries (plain rows) and totals (2 queries)."""
    end = start + datetime.timedelta(days=6)
    contacts = (
        Contact.objects.filter(worker=user, date__range=(start, end))
        .order_by("date", "time", "pk")
        .values("pk", "date", "duration_minutes", "young_people_count", "platform__name", "target_group__name")
    )
    entries = (
        TimeEntry.objects.filter(worker=user, date__range=(start, end))
        .order_by("date", "pk")
        .values("pk", "date", "duration_minutes", "activity")
    )
    days = {start + datetime.timedelta(days=offset): ([], []) for offset in range(7)}
    for row in contacts:
        days[row["date"]][0].append(row)
    for row in entries:
        days[row["date"]][1].append(row)
    rows = []
    for day, (day_contacts, day_entries) in days.items():
        minutes = sum(c["duration_minutes"] for c in day_contacts) + sum(e["duration_minutes"] for e in day_entries)
        rows.append({"date": day, "contacts": day_contacts, "entries": day_entries, "minutes": minutes})
    return {"start": start, "end": end, "days": rows, "minutes": sum(d["minutes"] for d in rows)}


def weekly_budget_minutes(user, team_ids=None):
    """This person's weekly budget: their own per-team setting, else the team's default, else 4 hours."""
    memberships = Membership.objects.filter(user=user, role__in=permissions.REGISTERING_ROLES)
    if team_ids is not None:
        memberships = memberships.filter(team_id__in=team_ids)
    rows = list(
        memberships.annotate(
            team_default=Coalesce("team__registration_budget__weekly_minutes", Value(DEFAULT_WEEKLY_MINUTES))
        ).values("team_id", "weekly_budget_minutes", "team_default")
    )
    per_team = {}
    for row in rows:
        per_team[row["team_id"]] = row["weekly_budget_minutes"] or row["team_default"]
    return sum(per_team.values())


def team_budget_minutes(team):
    budget = TeamBudget.objects.filter(team=team).values_list("weekly_minutes", flat=True).first()
    return budget or DEFAULT_WEEKLY_MINUTES


def locked_months(team_ids, start, end):
    """The (team_id, first-of-month) pairs that are approved between two dates (1 query)."""
    return set(
        MonthApproval.objects.filter(
            team_id__in=team_ids,
            status=MonthApproval.Status.APPROVED,
            month__gte=start.replace(day=1),
            month__lte=end,
        ).values_list("team_id", "month")
    )


def month_overview(user, team, month):
    """A team's month for its lead: per worker the contacts and minutes, and the approval (3 queries)."""
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    end = next_month - datetime.timedelta(days=1)
    contacts = (
        Contact.objects.filter(team=team, date__range=(month, end))
        .values("worker_id", "worker__full_name")
        .annotate(contacts=Count("pk"), minutes=Sum("duration_minutes"), entries=Value(0, IntegerField()))
        .order_by()
    )
    entries = (
        TimeEntry.objects.filter(team=team, date__range=(month, end))
        .values("worker_id", "worker__full_name")
        .annotate(contacts=Value(0, IntegerField()), minutes=Sum("duration_minutes"), entries=Count("pk"))
        .order_by()
    )
    workers = {}
    for row in contacts.union(entries, all=True):
        item = workers.setdefault(
            row["worker_id"], {"name": row["worker__full_name"], "contacts": 0, "entries": 0, "minutes": 0}
        )
        item["contacts"] += row["contacts"]
        item["entries"] += row["entries"]
        item["minutes"] += row["minutes"]
    approval = MonthApproval.objects.filter(team=team, month=month).first()
    rows = sorted(workers.values(), key=lambda item: item["name"])
    return {"workers": rows, "approval": approval, "minutes": sum(r["minutes"] for r in rows), "end": end}
