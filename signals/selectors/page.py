"""The signal page: the signal with its people, steps, contacts, actions, timeline and everyone's names."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, DateField, DateTimeField, F, Max, Min
from django.http import Http404
from django.utils import timezone

from accounts.models import Platform, Team, User
from signals.models import (
    FollowUpAction,
    Signal,
    SignalCategory,
    SignalEvent,
    SignalPerson,
    SignalStep,
)
from signals.models.signal import choice_label, signal_visible_to

Status = Signal.Status


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
