"""Reads behind the dashboards: this week against budget, the team's weeks, each agreement's progress.

Each number comes from one grouped query, whatever the number of people or agreements.
"""

import datetime

from django.db.models import BigIntegerField, Count, DateField, F, IntegerField, Sum, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.models import Membership
from registration import selectors
from registration.models import AgreementGoal, Contact, TimeEntry
from registration.permissions import REGISTERING_ROLES
from registration.reports import goal_progress, period_range

TEAM_WEEKS = 8


def worker_week(user, today=None):
    """This person's minutes this week against their weekly budget, and their follow-ups due (one query).

    The follow-ups are the first few open ones due within two days, as the home page lists them.
    """
    today = today or timezone.localdate()
    start = selectors.week_start(today)
    minutes, budget, follow_ups = selectors.worker_week_totals(
        user, start, start + datetime.timedelta(days=6), today + datetime.timedelta(days=2)
    )
    return {
        "start": start,
        "minutes": minutes,
        "hours": round(minutes / 60, 1),
        "budget_hours": round(budget / 60, 1),
        "percent": round(100 * minutes / budget) if budget else 0,
        "over": minutes > budget,
        "follow_ups": follow_ups,
    }


def team_weeks(team_ids, today=None):
    """Hours per team per week over the last weeks, and each member's hours this week."""
    today = today or timezone.localdate()
    this_week = selectors.week_start(today)
    first = this_week - datetime.timedelta(weeks=TEAM_WEEKS - 1)
    weeks = [first + datetime.timedelta(weeks=i) for i in range(TEAM_WEEKS)]

    def grouped(model):
        return (
            model.objects.filter(team_id__in=team_ids, date__gte=first)
            .annotate(week=TruncWeek("date", output_field=DateField()))
            .values("team_id", "week")
            .annotate(minutes=Sum("duration_minutes"))
            .order_by()
        )

    minutes = {}
    for row in grouped(Contact).union(grouped(TimeEntry), all=True):
        key = (row["team_id"], row["week"])
        minutes[key] = minutes.get(key, 0) + row["minutes"]
    members = list(
        Membership.objects.filter(team_id__in=team_ids, role__in=REGISTERING_ROLES, user__is_active=True)
        .select_related("user", "team")
        .order_by("team__name", "user__full_name")
    )
    this_week_minutes = selectors.worker_minutes(
        [m.user_id for m in members], this_week, this_week + datetime.timedelta(days=6)
    )
    teams = {}
    for membership in members:
        team = teams.setdefault(membership.team_id, {"team": membership.team, "members": [], "weeks": []})
        team["members"].append(
            {"user": membership.user, "hours": round(this_week_minutes.get(membership.user_id, 0) / 60, 1)}
        )
    for team_id, team in teams.items():
        team["weeks"] = [{"week": w, "hours": round(minutes.get((team_id, w), 0) / 60, 1)} for w in weeks]
        team["chart"] = {
            "labels": [w.strftime("%d-%m") for w in weeks],
            "hours": [item["hours"] for item in team["weeks"]],
        }
    return list(teams.values())


def _agreement_rows(model, agreement_ids, is_contacts):
    # One join through the agreement's teams, with the agreement's own period on the same join.
    rows = model.objects.filter(
        team__funder_agreements__in=agreement_ids,
        team__funder_agreements__starts_on__lte=F("date"),
        team__funder_agreements__ends_on__gte=F("date"),
    )
    rows = rows.annotate(agreement_id=F("team__funder_agreements"), day=F("date"))
    rows = rows.values("agreement_id", "day")
    if is_contacts:
        return rows.annotate(
            contacts=Count("pk"), reached=Sum("young_people_count"), minutes=Sum("duration_minutes")
        ).order_by()
    return rows.annotate(
        contacts=Value(0, output_field=IntegerField()),
        reached=Value(0, output_field=BigIntegerField()),
        minutes=Sum("duration_minutes"),
    ).order_by()


def _agreement_workers(model, agreement_ids):
    return (
        model.objects.filter(
            team__funder_agreements__in=agreement_ids,
            team__funder_agreements__starts_on__lte=F("date"),
            team__funder_agreements__ends_on__gte=F("date"),
        )
        .values_list("team__funder_agreements", "worker_id")
        .distinct()
        .order_by()
    )


def _sum(days, start, end):
    total = {"contacts": 0, "reached": 0, "minutes": 0}
    for day, item in days.items():
        if start <= day <= end:
            for key in total:
                total[key] += item[key]
    total["hours"] = round(total["minutes"] / 60, 1)
    return total


def _goals(agreement, days, worker_count, today):
    """Each goal against its target: over the whole agreement, or over the current week/month/quarter/year."""
    rows = []
    for goal in agreement.goals.all():
        if goal.per == AgreementGoal.Per.AGREEMENT or goal.metric == AgreementGoal.Metric.HOURS_PER_WORKER_WEEK:
            start, end = agreement.starts_on, min(agreement.ends_on, today)
            rows.extend(goal_progress_for(goal, agreement, start, end, _sum(days, start, end), worker_count))
        else:
            start, end = period_range(goal.per, today)
            total = _sum(days, start, end)
            actual = {
                AgreementGoal.Metric.CONTACTS: total["contacts"],
                AgreementGoal.Metric.YOUNG_PEOPLE: total["reached"],
                AgreementGoal.Metric.HOURS: total["hours"],
            }[goal.metric]
            rows.append(
                {
                    "goal": goal,
                    "description": goal.description,
                    "target": goal.target,
                    "actual": actual,
                    "percent": round(100 * actual / goal.target),
                    "period": (start, end),
                }
            )
    return rows


def goal_progress_for(goal, agreement, start, end, total, worker_count):
    return [row for row in goal_progress(agreement, start, end, total, worker_count) if row["goal"] == goal]


def agreement_progress(user, today=None):
    """Every agreement's hours against budget (per week, for the chart) and each goal against target."""
    today = today or timezone.localdate()
    agreements = list(selectors.agreement_list(user))
    ids = [a.pk for a in agreements]
    daily = {}
    for row in _agreement_rows(Contact, ids, True).union(_agreement_rows(TimeEntry, ids, False), all=True):
        item = daily.setdefault(row["agreement_id"], {}).setdefault(
            row["day"], {"contacts": 0, "reached": 0, "minutes": 0}
        )
        for key in item:
            item[key] += row[key] or 0
    workers = {}
    for agreement_id, worker_id in _agreement_workers(Contact, ids).union(_agreement_workers(TimeEntry, ids)):
        workers.setdefault(agreement_id, set()).add(worker_id)
    result = []
    for agreement in agreements:
        days = daily.get(agreement.pk, {})
        total = _sum(days, agreement.starts_on, agreement.ends_on)
        weeks = {}
        for day, item in days.items():
            week = selectors.week_start(day)
            weeks[week] = weeks.get(week, 0) + item["minutes"]
        week_count = max(((agreement.ends_on - agreement.starts_on).days + 1) / 7, 1)
        ordered = sorted(weeks.items())
        result.append(
            {
                "agreement": agreement,
                "total": total,
                "percent": round(100 * total["hours"] / agreement.hour_budget) if agreement.hour_budget else 0,
                "goals": _goals(agreement, days, len(workers.get(agreement.pk, ())), today),
                "chart": {
                    "labels": [week.strftime("%d-%m") for week, _minutes in ordered],
                    "hours": [round(minutes / 60, 1) for _week, minutes in ordered],
                    "budget": round(agreement.hour_budget / week_count, 1),
                },
            }
        )
    return result
