"""The team lead's queue: what waits, the page of all signals, and the filters."""

from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from accounts.selectors import memberships_of, visible_team_ids
from jongerenwerk.sql import placeholders
from signals.models import (
    FollowUpAction,
    IntervisionSession,
    Signal,
    SignalCategory,
)
from signals.models.signal import choice_label
from signals.selectors import SIGNAL_ROW_IDS, SignalRow, _nulls_last, _urgency_rank, lead_team_ids, signal_list

Status = Signal.Status


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
        cursor.execute(_FILTER_CHOICES_SQL.format(teams=placeholders(teams)), [organisation, *teams])
        rows = cursor.fetchall()
    categories = [(pk, name, bool(active)) for part, pk, name, active, _order in rows if part == 0]
    return categories, [(pk, name) for part, pk, name, _active, _order in rows if part == 1]
