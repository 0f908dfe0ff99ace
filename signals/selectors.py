"""Reads of signals and intervision that depend on who is asking. Need-to-know, not team scope."""

import json
import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, Count, DateField, DateTimeField, F, IntegerField, Max, Min, Q, Value, When
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Platform, Team, User
from accounts.permissions import LEAD_ROLES, require
from accounts.selectors import get_visible_or_404, memberships_of, visible_team_ids
from signals import permissions
from signals.models import (
    FollowUpAction,
    IntervisionSession,
    Signal,
    SignalCategory,
    SignalEvent,
    SignalPerson,
    SignalSettings,
    SignalStep,
)
from signals.models.signal import URGENCY_RANK, choice_label, signal_visible_to

Status = Signal.Status
Role = Membership.Role

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


def get_signal_page_for_user(user, pk):
    """As `get_signal_for_user`, for the signal page, with the young people involved (`signal_people`): the signal
    and its people; people's names are read later, with the page's other names.

    The signal is read by its number and need-to-know checked on the row (`signal_visible_to`, the same rule as
    `visible_to`): missing and not visible are the same 404.
    """
    if connection.vendor == "postgresql":
        signal, people = _signal_with_people(pk)
    else:
        signal = Signal.objects.select_related("team", "category", "platform").filter(pk=pk).first()
        people = signal_people(signal) if signal is not None else []
    if signal is None or not signal_visible_to(signal, user):
        raise Http404
    return signal, people


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


def signal_queue(user, *, start=0, stop=50, **filters):
    """The team lead's queue: untriaged, overdue steps and actions, closings awaiting approval, next session, and
    rows `start:stop` of all signals (`signal_list` with `filters`) with the categories and handlers to filter on.

    The signal rows are read with their category and handler ids, named from the filter choices (which hold
    nearly every one of them) rather than joined: joining names to every visible signal before sorting them
    cost the list query a millisecond. A handler outside the lead's teams is named with one more query.
    """
    teams = lead_team_ids(user)
    waiting, overdue_actions, next_session = _queue_panels(teams)
    listed = _queue_signal_ids(user, start, stop, filters)
    categories, handlers = filter_choices(user)
    named = _named_rows([row[:7] for row in waiting] + listed, categories, handlers)
    waiting = [(row, values[4], *values[7:]) for row, values in zip(named[: len(waiting)], waiting, strict=True)]
    untriaged = [s for s, *_rest in waiting if s.status == Status.REPORTED]
    overdue_steps = [s for s, *_rest in waiting if s.status in _STEP_STATUSES]
    awaiting = [
        (requested_at, s)
        for s, handler_id, requested_by_id, requested_at in waiting
        if s.status == Status.DECIDED and user.pk not in (handler_id, requested_by_id)
    ]
    return {
        "untriaged": sorted(untriaged, key=lambda s: (_urgency_rank(s), *_nulls_last(s.triage_due_at), s.pk)),
        "overdue_steps": sorted(overdue_steps, key=lambda s: (_urgency_rank(s), s.step_due_on, s.pk)),
        "overdue_actions": overdue_actions,
        "awaiting_approval": [s for _at, s in sorted(awaiting, key=lambda pair: (pair[0], pair[1].pk))],
        "next_session": next_session,
        "signals": named[len(waiting) :],
        "categories": [(pk, name) for pk, name, active in categories if active],
        "handlers": handlers,
    }


# `signal_list(user, fields=SIGNAL_ROW_IDS, ...)[start:stop]` as one statement for PostgreSQL: the same
# need-to-know rule as `SignalQuerySet.visible_to` (organisation; the lead's teams, reporter, handler, or on the
# agenda of a session they took part in), filters and order. Building it with the ORM cost ~1.5 ms of CPU.
# Each lead team is read on its own in the queue's order (index `signal_team_queue_order`) and the signals seen
# otherwise apart, each part at most `stop` rows, merged in that order: with the need-to-know OR in one WHERE,
# PostgreSQL read and sorted all of a team's signals (1,000) to show 50 (~2.5 ms; now ~1 ms, bench database).
# The signals seen otherwise are read from the other teams of the organisation and the sessions taken part in as
# lists (indexes `signal_handler_team`, `signal_reporter_team`): joined, PostgreSQL read all the signals a lead
# handles in their own team (~300) to drop them, and every agenda item (~0.7 -> ~0.2 ms).
# A lead's teams are of their own organisation (`memberships_of` reads only those).
_QUEUE_ORDER = (
    "CASE WHEN s.status = 'closed' THEN 1 ELSE 0 END, "
    "CASE WHEN s.urgency = 'acute' THEN 0 WHEN s.urgency = 'high' THEN 1 ELSE 2 END, s.triage_due_at, s.id"
)
_QUEUE_COLUMNS = (
    f"s.id, s.urgency, s.status, s.category_id, s.handler_id, s.triage_due_at, s.step_due_on, {_QUEUE_ORDER}"
)
_QUEUE_TEAM_PART = (
    f"(SELECT {_QUEUE_COLUMNS} FROM signals_signal s WHERE s.team_id = %(team_{{n}})s {{filters}}"
    f"ORDER BY {_QUEUE_ORDER} LIMIT %(stop)s)"
)
_QUEUE_OTHERS_PART = f"""(SELECT {_QUEUE_COLUMNS}
  FROM signals_signal s
  WHERE s.team_id = ANY(ARRAY(SELECT t.id FROM accounts_team t
                              WHERE t.organisation_id = %(organisation)s AND NOT t.id = ANY(%(lead_teams)s)))
    AND (s.reporter_id = %(user)s OR s.handler_id = %(user)s
         OR s.id = ANY(ARRAY(SELECT a.signal_id FROM signals_agendaitem a
                              WHERE a.signal_id IS NOT NULL AND a.session_id = ANY(ARRAY(
                                SELECT p.intervisionsession_id FROM signals_intervisionsession_participants p
                                WHERE p.user_id = %(user)s)))))
    {{filters}}
  ORDER BY {_QUEUE_ORDER} LIMIT %(stop)s)"""
_QUEUE_ROWS_SQL = """SELECT id, urgency, status, category_id, handler_id, triage_due_at, step_due_on
FROM ({parts}) AS listed (id, urgency, status, category_id, handler_id, triage_due_at, step_due_on, closed_rank,
                          urgency_rank, due, pk)
ORDER BY closed_rank, urgency_rank, due, pk LIMIT %(limit)s OFFSET %(offset)s"""
_QUEUE_FILTERS = {"status": "s.status", "category": "s.category_id", "urgency": "s.urgency", "handler": "s.handler_id"}


def _queue_signal_ids(user, start, stop, filters):
    """Rows `start:stop` of `signal_list(user, fields=SIGNAL_ROW_IDS, **filters)`, as tuples; other databases than
    PostgreSQL (SQLite for `make run`) read them with the ORM."""
    if connection.vendor != "postgresql":
        return list(signal_list(user, fields=SIGNAL_ROW_IDS, **filters)[start:stop])
    if not memberships_of(user):
        return []
    teams = lead_team_ids(user)
    params = {
        "organisation": user.organisation_id,
        "lead_teams": teams,
        "user": user.pk,
        "stop": stop,
        "limit": stop - start,
        "offset": start,
    }
    params |= {f"team_{n}": team for n, team in enumerate(teams)}
    # Ids are checked as the ORM checks them (a value that is not a number is an error there too).
    given = {key: int(value) if key in ("category", "handler") else value for key, value in filters.items() if value}
    params |= {f"filter_{key}": value for key, value in given.items()}
    where = "".join(f"AND {_QUEUE_FILTERS[key]} = %(filter_{key})s " for key in given)
    parts = [_QUEUE_TEAM_PART.format(n=n, filters=where) for n in range(len(teams))]
    parts.append(_QUEUE_OTHERS_PART.format(filters=where))
    with connection.cursor() as cursor:
        cursor.execute(_QUEUE_ROWS_SQL.format(parts=" UNION ALL ".join(parts)), params)
        return cursor.fetchall()


_STEP_STATUSES = (Status.TRIAGED, Status.IN_PROGRESS, Status.REOPENED)


def _queue_panels(teams):
    """What waits in these teams: the signals to triage, with a step overdue or a closing to approve (rows of
    `SIGNAL_ROW_IDS` and who asked to close, when), the overdue open follow-up actions (dicts, by deadline) and the
    next intervision session (a dict, or None). One statement on PostgreSQL, three querysets elsewhere."""
    return _queue_panels_sql(teams) if connection.vendor == "postgresql" else _queue_panels_orm(teams)


def _queue_panels_orm(teams):
    today = timezone.localdate()
    # One query for the three signal lists (their statuses do not overlap); the queue splits and sorts them.
    waiting = list(
        Signal.objects.filter(team_id__in=teams)
        .filter(
            Q(status=Status.REPORTED)
            | Q(status__in=_STEP_STATUSES, step_due_on__lt=today)
            | Q(status=Status.DECIDED, close_requested_at__isnull=False)
        )
        .order_by()
        .values_list(*SIGNAL_ROW_IDS, "close_requested_by_id", "close_requested_at")
    )
    actions = list(
        FollowUpAction.objects.open()
        .filter(team_id__in=teams, due_on__lt=today)
        .order_by("due_on", "pk")
        .values(
            "signal_id",
            "due_on",
            category=F("signal__category__name"),
            session_id=F("agenda_item__session_id"),
            owner_name=F("owner__full_name"),
        )
    )
    session = (
        IntervisionSession.objects.filter(team_id__in=teams, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values("pk", "kind", "starts_at", team_name=F("team__name"))
        .first()
    )
    return waiting, actions, _with_kind_label(session)


def _with_kind_label(session):
    if session is not None:
        session["kind_label"] = choice_label(IntervisionSession.Kind, session["kind"])
    return session


# `_queue_panels_orm` as one statement: the three reads as parts of a UNION ALL, told apart by `part`, each in the
# columns it needs (the others NULL). Built with the ORM they cost ~2 ms of CPU and two round trips more.
# Names are read by subqueries rather than joins: planning the joins took longer than running the statement.
_QUEUE_PANELS_SQL = """
SELECT 0 AS part, s.id, s.urgency, s.status, s.category_id, s.handler_id, s.triage_due_at AS at, s.step_due_on AS due,
       s.close_requested_by_id, s.close_requested_at, NULL::bigint AS session_id, NULL AS name, NULL AS other, 0 AS pk
FROM signals_signal s
WHERE s.team_id = ANY(%(teams)s)
  AND (s.status = %(reported)s OR (s.status = ANY(%(step_statuses)s) AND s.step_due_on < %(today)s)
       OR (s.status = %(decided)s AND s.close_requested_at IS NOT NULL))
UNION ALL
SELECT 1, a.signal_id, NULL, NULL, NULL, NULL, NULL, a.due_on, NULL, NULL,
       (SELECT i.session_id FROM signals_agendaitem i WHERE i.id = a.agenda_item_id),
       (SELECT c.name FROM signals_signal s JOIN signals_signalcategory c ON c.id = s.category_id
        WHERE s.id = a.signal_id),
       (SELECT u.full_name FROM accounts_user u WHERE u.id = a.owner_id), a.id
FROM signals_followupaction a
WHERE a.team_id = ANY(%(teams)s) AND a.status = %(open)s AND a.due_on < %(today)s
UNION ALL
(SELECT 2, n.id, NULL, NULL, NULL, NULL, n.starts_at, NULL, NULL, NULL, NULL,
        (SELECT t.name FROM accounts_team t WHERE t.id = n.team_id), n.kind, 0
 FROM signals_intervisionsession n
 WHERE n.team_id = ANY(%(teams)s) AND n.starts_at >= %(now)s
 ORDER BY n.starts_at LIMIT 1)
ORDER BY part, due, pk
"""


def _queue_panels_sql(teams):
    params = {
        "teams": teams,
        "reported": Status.REPORTED.value,
        "step_statuses": [status.value for status in _STEP_STATUSES],
        "decided": Status.DECIDED.value,
        "open": FollowUpAction.Status.OPEN.value,
        "today": timezone.localdate(),
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(_QUEUE_PANELS_SQL, params)
        rows = cursor.fetchall()
    waiting = [row[1:10] for row in rows if row[0] == 0]
    actions = [
        {"signal_id": row[1], "due_on": row[7], "category": row[11], "session_id": row[10], "owner_name": row[12]}
        for row in rows
        if row[0] == 1
    ]
    session = next(
        ({"pk": row[1], "kind": row[12], "starts_at": row[6], "team_name": row[11]} for row in rows if row[0] == 2),
        None,
    )
    return waiting, actions, _with_kind_label(session)


def _named_rows(rows, categories, handlers):
    """`SignalRow`s of rows of `SIGNAL_ROW_IDS`, named from (pk, name, ...) lists; names not in them read once."""
    category_names = {pk: name for pk, name, *_rest in categories}
    handler_names = dict(handlers)
    missing = {row[3] for row in rows} - category_names.keys()
    if missing:
        category_names |= dict(SignalCategory.objects.filter(pk__in=missing).values_list("pk", "name"))
    missing = {row[4] for row in rows} - handler_names.keys() - {None}
    if missing:
        handler_names |= dict(User.objects.filter(pk__in=missing).values_list("pk", "full_name"))
    return [
        SignalRow(pk, urgency, status, category_names.get(category), handler_names.get(handler), triage_due, step_due)
        for pk, urgency, status, category, handler, triage_due, step_due in rows
    ]


# The categories (ordered as SignalCategory's Meta) and the people of some teams, in one statement: read with the
# ORM as two querysets they cost the queue ~1.5 ms of CPU and a round trip more. `IN (NULL)` matches no team.
_FILTER_CHOICES_SQL = """
SELECT 0, c.id, c.name, c.is_active, c."order" FROM signals_signalcategory c WHERE c.organisation_id = %s
UNION ALL
SELECT DISTINCT 1, u.id, u.full_name, FALSE, 0 FROM accounts_user u JOIN accounts_membership m ON m.user_id = u.id
WHERE m.team_id IN ({teams})
ORDER BY 1, 5, 3
"""


def filter_choices(user):
    """The organisation's categories as (pk, name, is_active), and the handlers a lead can filter on (their
    teams' people) as (pk, name) pairs."""
    teams = lead_team_ids(user) or visible_team_ids(user)
    organisation = user.organisation_id if user.is_authenticated else None
    with connection.cursor() as cursor:
        cursor.execute(
            _FILTER_CHOICES_SQL.format(teams=", ".join(["%s"] * len(teams)) or "NULL"), [organisation, *teams]
        )
        rows = cursor.fetchall()
    categories = [(pk, name, bool(active)) for part, pk, name, active, _order in rows if part == 0]
    return categories, [(pk, name) for part, pk, name, _active, _order in rows if part == 1]


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


@dataclass
class ViewedSummary:
    """One person's openings of a signal, as one timeline row at their last opening."""

    actor_id: int
    at: datetime
    first_at: datetime
    times: int
    actor_name: str | None = None
    kind: str = SignalEvent.Kind.VIEWED


class PersonRow(NamedTuple):
    """A young person involved in a signal, as the page and the audit event need them (`signal_about_id`)."""

    pk: int
    role: str
    young_person_id: int
    pseudonym: str

    @property
    def role_label(self):
        return choice_label(SignalPerson.Role, self.role)


def signal_people(signal):
    """The young people involved in a signal, as `PersonRow`s (first their roles, then in order of adding)."""
    rows = signal.people.order_by("role", "pk").values_list("pk", "role", "young_person_id", "young_person__pseudonym")
    return [PersonRow(*row) for row in rows]


def _select(model, alias):
    return ", ".join(f'{alias}."{field.column}"' for field in model._meta.concrete_fields)


# `get_signal_page_for_user`'s reads as one statement for PostgreSQL: the signal with its team, category and
# platform (as `select_related` joins them) and its people as `signal_people` orders them. The ORM's two
# querysets cost ~1 ms of Python and a round trip more.
_SIGNAL_WITH_PEOPLE_SQL = f"""
SELECT {_select(Signal, "s")}, {_select(Team, "t")}, {_select(SignalCategory, "c")}, {_select(Platform, "p")},
  (SELECT json_agg(json_build_array(sp.id, sp.role, sp.young_person_id, y.pseudonym) ORDER BY sp.role, sp.id)
   FROM signals_signalperson sp JOIN registration_youngperson y ON y.id = sp.young_person_id
   WHERE sp.signal_id = s.id)::text
FROM signals_signal s JOIN accounts_team t ON t.id = s.team_id
  JOIN signals_signalcategory c ON c.id = s.category_id LEFT JOIN accounts_platform p ON p.id = s.platform_id
WHERE s.id = %s
"""


def _signal_with_people(pk):
    """The signal (with team, category and platform) and its `PersonRow`s; (None, []) when there is none."""
    with connection.cursor() as cursor:
        cursor.execute(_SIGNAL_WITH_PEOPLE_SQL, [pk])
        row = cursor.fetchone()
    if row is None:
        return None, []
    instances, start = [], 0
    for model in (Signal, Team, SignalCategory, Platform):
        values = row[start : start + len(model._meta.concrete_fields)]
        start += len(values)
        instances.append(None if values[0] is None else model.from_db(connection.alias, None, values))
    signal, team, category, platform = instances
    signal.team, signal.category, signal.platform = team, category, platform
    return signal, [PersonRow(*person) for person in json.loads(row[start] or "[]")]


class ActionRow(NamedTuple):
    """A follow-up action as the signal page shows it."""

    description: str
    owner_id: int
    due_on: date
    status: str
    owner_name: str | None = None

    @property
    def status_label(self):
        return choice_label(FollowUpAction.Status, self.status)

    @property
    def is_overdue(self):
        return self.status == FollowUpAction.Status.OPEN and self.due_on < timezone.localdate()


def signal_page(signal, *, with_views):
    """What the signal page shows besides the signal: steps, contacts, actions and the timeline, with people's names.

    The names of everyone on the page (reporter, handler, who asked to close, who recorded a step, owners,
    actors and viewers) are read with the rest instead of joined into each read: a join makes a user instance
    per row, and a viewer's openings are counted before their name is read (joining the names before counting
    read one user row per view: 1 ms more at 1,400 views, and growing).
    """
    read = _signal_page_rows_postgresql if connection.vendor == "postgresql" else _signal_page_rows
    steps, contacts, actions, events, views, names = read(signal, with_views)
    signal.reporter_name, signal.handler_name = names.get(signal.reporter_id), names.get(signal.handler_id)
    signal.close_requested_by_name = names.get(signal.close_requested_by_id)
    for step in steps:
        step.recorded_by_name = names.get(step.recorded_by_id)
    timeline = _signal_timeline(steps, events, views)
    for event in timeline:
        event.actor_name = names.get(event.actor_id)
    return {
        "steps": steps,
        "contacts": contacts,
        "actions": [action._replace(owner_name=names.get(action.owner_id)) for action in actions],
        "timeline": timeline,
    }


def _signal_user_ids(signal):
    return {signal.reporter_id, signal.handler_id, signal.close_requested_by_id} - {None}


def _signal_page_rows(signal, with_views):
    """The page's rows read with the ORM (for SQLite): steps (with their session), contacts, actions, the events
    but views, each viewer's openings (when `with_views`), and {user id: name} of everyone in them."""
    steps = list(signal.steps.annotate(session_id=F("agenda_item__session_id")))
    contacts = list(signal.contacts.order_by("-date", "-pk").values("pk", "date", platform_name=F("platform__name")))
    actions = [
        ActionRow(*row)
        for row in signal.actions.order_by("due_on", "pk").values_list("description", "owner_id", "due_on", "status")
    ]
    events = list(signal.events.exclude(kind=SignalEvent.Kind.VIEWED).order_by("at", "pk"))
    views = []
    if with_views:
        views = [
            ViewedSummary(row["actor_id"], row["last_at"], row["first_at"], row["times"])
            for row in signal.events.filter(kind=SignalEvent.Kind.VIEWED)
            .values("actor_id")
            .annotate(times=Count("pk"), first_at=Min("at"), last_at=Max("at"))
            .order_by()
        ]
    user_ids = _signal_user_ids(signal)
    user_ids.update(row.recorded_by_id for row in steps)
    user_ids.update(row.owner_id for row in actions)
    user_ids.update(row.actor_id for row in events + views)
    names = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "full_name"))
    return steps, contacts, actions, events, views, names


# `_signal_page_rows` as one statement for PostgreSQL, one JSON document: six reads cost six round trips and
# ~2.5 ms of ORM Python. Same rows, orders and joins as the ORM's; the views are counted only when asked for.
_SIGNAL_PAGE_SQL = """
WITH steps AS (
  SELECT s.*, a.session_id FROM signals_signalstep s LEFT JOIN signals_agendaitem a ON a.id = s.agenda_item_id
  WHERE s.signal_id = %(signal)s
), actions AS (
  SELECT id, description, owner_id, due_on, status FROM signals_followupaction WHERE signal_id = %(signal)s
), events AS (
  SELECT * FROM signals_signalevent WHERE signal_id = %(signal)s AND kind <> 'viewed'
), views AS (
  SELECT actor_id, COUNT(*) AS times, MIN(at) AS first_at, MAX(at) AS last_at FROM signals_signalevent
  WHERE %(with_views)s AND signal_id = %(signal)s AND kind = 'viewed' GROUP BY actor_id
)
SELECT json_build_object(
  'steps', (SELECT json_agg(steps ORDER BY happened_on, recorded_at, id) FROM steps),
  'contacts', (SELECT json_agg(json_build_array(c.id, c.date, p.name) ORDER BY c.date DESC, c.id DESC)
               FROM signals_signal_contacts sc JOIN registration_contact c ON c.id = sc.contact_id
               JOIN accounts_platform p ON p.id = c.platform_id WHERE sc.signal_id = %(signal)s),
  'actions', (SELECT json_agg(json_build_array(description, owner_id, due_on, status) ORDER BY due_on, id)
              FROM actions),
  'events', (SELECT json_agg(events ORDER BY at, id) FROM events),
  'views', (SELECT json_agg(json_build_array(actor_id, last_at, first_at, times)) FROM views),
  'names', (SELECT json_agg(json_build_array(u.id, u.full_name)) FROM accounts_user u
            WHERE u.id = ANY(%(users)s::bigint[] || ARRAY(
              SELECT recorded_by_id FROM steps UNION ALL SELECT owner_id FROM actions
              UNION ALL SELECT actor_id FROM events UNION ALL SELECT actor_id FROM views)))
)::text
"""


def _json_parsers(model):
    """(attname, column, parse) of a model's fields as `json_agg` of its rows gives them: dates and times as text."""
    parsers = []
    for field in model._meta.concrete_fields:
        parse = None
        if isinstance(field, DateTimeField):
            parse = datetime.fromisoformat
        elif isinstance(field, DateField):
            parse = date.fromisoformat
        parsers.append((field.attname, field.column, parse))
    return parsers


def _from_json(model, parsers, row):
    """A model instance of one row of `json_agg` (JSON fields come parsed already)."""
    values = [
        parse(row[column]) if parse is not None and row[column] is not None else row[column]
        for _attname, column, parse in parsers
    ]
    return model.from_db(connection.alias, [attname for attname, _column, _parse in parsers], values)


_STEP_PARSERS, _EVENT_PARSERS = _json_parsers(SignalStep), _json_parsers(SignalEvent)


def _signal_page_rows_postgresql(signal, with_views):
    """`_signal_page_rows`, read with `_SIGNAL_PAGE_SQL`."""
    with connection.cursor() as cursor:
        cursor.execute(
            _SIGNAL_PAGE_SQL,
            {"signal": signal.pk, "with_views": with_views, "users": sorted(_signal_user_ids(signal))},
        )
        found = json.loads(cursor.fetchone()[0])
    steps = []
    for row in found["steps"] or ():
        step = _from_json(SignalStep, _STEP_PARSERS, row)
        step.session_id = row["session_id"]
        steps.append(step)
    contacts = [
        {"pk": pk, "date": date.fromisoformat(on), "platform_name": platform}
        for pk, on, platform in found["contacts"] or ()
    ]
    actions = [
        ActionRow(description, owner, date.fromisoformat(due), status)
        for description, owner, due, status in found["actions"] or ()
    ]
    events = [_from_json(SignalEvent, _EVENT_PARSERS, row) for row in found["events"] or ()]
    views = [
        ViewedSummary(actor, datetime.fromisoformat(last), datetime.fromisoformat(first), times)
        for actor, last, first, times in found["views"] or ()
    ]
    return steps, contacts, actions, events, views, dict(found["names"] or ())


def _signal_timeline(steps, events, views):
    """The signal's events and each viewer's openings (`ViewedSummary`, one row per viewer) in time order.

    The events' steps are taken from `steps` instead of joined again; a signal opened thousands of times keeps
    a short timeline, its views counted per viewer in the database.
    """
    by_pk = {step.pk: step for step in steps}
    for event in events:
        if event.step_id in by_pk:
            event.step = by_pk[event.step_id]
    if not views:
        return events
    return sorted(events + views, key=lambda event: event.at)
