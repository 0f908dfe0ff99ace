"""Reads of signals and intervision that depend on who is asking. Need-to-know, not team scope.

The queue's reads are in `queue`, the signal page's in `page`."""

import statistics
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from accounts.permissions import LEAD_ROLES, require
from accounts.selectors import get_visible_or_404, memberships_of, visible_team_ids
from signals import permissions
from signals.models import (
    FollowUpAction,
    IntervisionSession,
    Signal,
    SignalCategory,
    SignalSettings,
)
from signals.models.signal import URGENCY_RANK, choice_label

Status = Signal.Status


URGENCY_ORDER = Case(
    When(urgency=Signal.Urgency.ACUTE, then=Value(0)),
    When(urgency=Signal.Urgency.HIGH, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def get_signal_for_user(user, pk, for_write=False):
    """One signal this person may see in full, else 404; 403 when visible but they may not work on it."""
    signal = get_visible_or_404(
        Signal.objects.select_related("team", "category", "platform", "reporter", "handler", "close_requested_by"),
        user,
        pk,
    )
    if for_write:
        require(permissions.can_work_on(user, signal))
    return signal


def lead_team_ids(user):
    """The teams in which this person is a team lead or safeguarding officer."""
    return sorted({tid for tid, role in memberships_of(user) if role in LEAD_ROLES})


class SignalRow(NamedTuple):
    """One line of a signal table: only what the table shows, read as values rather than model instances."""

    pk: int
    urgency: str
    status: str
    category: str
    handler: str | None
    triage_due_at: datetime
    step_due_on: date | None

    @property
    def status_label(self):
        return choice_label(Status, self.status)


SIGNAL_ROW_FIELDS = ("pk", "urgency", "status", "category__name", "handler__full_name", "triage_due_at", "step_due_on")


SIGNAL_ROW_IDS = ("pk", "urgency", "status", "category_id", "handler_id", "triage_due_at", "step_due_on")


def signal_list(user, *, fields=SIGNAL_ROW_FIELDS, status=None, category=None, urgency=None, handler=None):
    """Visible signals as table rows, most urgent first (acute, then oldest deadline), with the usual filters."""
    rows = Signal.objects.visible_to(user)
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(category_id=category)
    if urgency:
        rows = rows.filter(urgency=urgency)
    if handler:
        rows = rows.filter(handler_id=handler)
    return (
        rows.annotate(urgency_order=URGENCY_ORDER)
        .order_by(
            Case(When(status=Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()),
            "urgency_order",
            "triage_due_at",
            "pk",
        )
        .values_list(*fields)
    )


def signal_rows(values):
    """The rows of a `signal_list` (or a slice of it) as `SignalRow`s."""
    return [SignalRow(*row) for row in values]


def _urgency_rank(row):
    """As URGENCY_ORDER: acute, high, then anything else."""
    return URGENCY_RANK.get(row.urgency, 2)


def _nulls_last(value):
    return (value is None, value)


class OpenAction(NamedTuple):
    """An open follow-up action of the person's own, as their home page lists it."""

    pk: int
    description: str
    due_on: date

    @property
    def is_overdue(self):
        return self.due_on < timezone.localdate()


# A person's own open signals (reported or handled, in their organisation: they see every one of them, see
# `visible_to`), most urgent first, as SIGNAL_ROW_FIELDS; and their open follow-up actions, soonest first.
# On every worker's home page: two plain statements instead of building two ORM queries (~2.5 ms of CPU).
_MY_SIGNALS_SQL = """
SELECT s.id, s.urgency, s.status, c.name, h.full_name, s.triage_due_at, s.step_due_on
FROM signals_signal s
JOIN accounts_team t ON t.id = s.team_id
JOIN signals_signalcategory c ON c.id = s.category_id
LEFT JOIN accounts_user h ON h.id = s.handler_id
WHERE t.organisation_id = %s AND NOT s.status = %s AND (s.handler_id = %s OR s.reporter_id = %s)
ORDER BY CASE s.urgency WHEN %s THEN 0 WHEN %s THEN 1 ELSE 2 END, s.id
LIMIT 10
"""
_MY_ACTIONS_SQL = """
SELECT a.id, a.description, a.due_on FROM signals_followupaction a
WHERE a.owner_id = %s AND a.status = %s
ORDER BY a.due_on, a.id
LIMIT 10
"""


def _aware(value):
    """A datetime read with plain SQL as the ORM gives it: SQLite hands back UTC without its zone."""
    return value if value is None or timezone.is_aware(value) else timezone.make_aware(value, UTC)


def my_open_work(user):
    """For a youth worker's home page: their own open signals (as `SignalRow`s) and open follow-up actions
    (as `OpenAction`s), ten of each at most."""
    signals = []
    with connection.cursor() as cursor:
        if memberships_of(user):
            cursor.execute(
                _MY_SIGNALS_SQL,
                [user.organisation_id, Status.CLOSED, user.pk, user.pk, Signal.Urgency.ACUTE, Signal.Urgency.HIGH],
            )
            signals = [SignalRow(*row[:5], _aware(row[5]), row[6]) for row in cursor.fetchall()]
        cursor.execute(_MY_ACTIONS_SQL, [user.pk, FollowUpAction.Status.OPEN])
        actions = [OpenAction(*row) for row in cursor.fetchall()]
    return signals, actions


def lead_attention_counts(user):
    """For a lead's home page, in two queries: untriaged, overdue steps and actions, waiting for approval."""
    teams = lead_team_ids(user)
    now = timezone.now()
    overdue_actions = FollowUpAction.objects.open().filter(team_id__in=teams, due_on__lt=timezone.localdate()).count()
    return {"actions_overdue": overdue_actions} | Signal.objects.filter(team_id__in=teams).aggregate(
        untriaged=Count("pk", filter=Q(status=Status.REPORTED)),
        acute=Count("pk", filter=Q(status=Status.REPORTED, urgency=Signal.Urgency.ACUTE)),
        triage_overdue=Count("pk", filter=Q(status=Status.REPORTED, triage_due_at__lt=now)),
        steps_overdue=Count(
            "pk",
            filter=Q(
                status__in=(Status.TRIAGED, Status.IN_PROGRESS, Status.REOPENED), step_due_on__lt=timezone.localdate()
            ),
        ),
        awaiting_approval=Count(
            "pk",
            filter=Q(status=Status.DECIDED, close_requested_at__isnull=False)
            & ~Q(handler=user)
            & ~Q(close_requested_by=user),
        ),
    )


def _median_hours(durations):
    values = [d.total_seconds() / 3600 for d in durations if d is not None]
    return round(statistics.median(values), 1) if values else None


def signal_statistics(user):
    """Aggregates only (never content): counts per category, urgency and month, median time to triage and close."""
    rows = (
        Signal.objects.filter(team_id__in=visible_team_ids(user))
        if permissions.can_see_statistics(user)
        else (Signal.objects.none())
    )
    per_category = list(rows.values("category__name").annotate(count=Count("pk")).order_by("-count", "category__name"))
    per_urgency = {row["urgency"]: row["count"] for row in rows.values("urgency").annotate(count=Count("pk"))}
    per_month = list(
        rows.annotate(month=TruncMonth("created_at")).values("month").annotate(count=Count("pk")).order_by("month")
    )
    times = list(rows.values_list("created_at", "triaged_at", "closed_at"))
    return {
        "total": sum(row["count"] for row in per_category),
        "per_category": per_category,
        "per_urgency": [(value, label, per_urgency.get(value, 0)) for value, label in Signal.Urgency.choices],
        "per_month": per_month,
        "median_hours_to_triage": _median_hours([t - c if t else None for c, t, _x in times]),
        "median_hours_to_close": _median_hours([x - c if x else None for c, _t, x in times]),
    }


def session_list(user):
    """Sessions this person takes part in or leads, next ones first."""
    now = timezone.now() - timedelta(hours=3)
    rows = IntervisionSession.objects.visible_to(user).select_related("team", "facilitator")
    return list(rows.filter(starts_at__gte=now).order_by("starts_at")), list(
        rows.filter(starts_at__lt=now).order_by("-starts_at")[:20]
    )


def get_session_for_user(user, pk):
    """One session this person takes part in (or leads), else 404."""
    return get_visible_or_404(IntervisionSession.objects.select_related("team", "facilitator"), user, pk)


def get_action_for_user(user, pk):
    """One follow-up action of a session this person may see, or that they own; else 404."""
    visible_sessions = IntervisionSession.objects.visible_to(user).values("pk")
    action = (
        FollowUpAction.objects.filter(Q(owner=user) | Q(agenda_item__session__in=visible_sessions))
        .select_related("team", "signal", "agenda_item__session")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404
    return action


def signal_settings_for(organisation):
    """The organisation's response deadlines (the defaults, unsaved, until an administrator sets them)."""
    found = SignalSettings.objects.filter(organisation=organisation).first()
    return found or SignalSettings(organisation=organisation)


def category_list_for_settings(user):
    """The organisation's categories with how many signals have each (a count, never content)."""
    return list(
        SignalCategory.objects.visible_to(user).annotate(signal_count=Count("signal")).order_by("order", "name")
    )


def get_category_for_user(user, pk):
    """One category of this person's organisation, else 404."""
    return get_visible_or_404(SignalCategory.objects.all(), user, pk)
