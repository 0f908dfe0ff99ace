"""Signals with the young people involved, their steps and events; intervision sessions with agenda and actions.

Signals are spread over the two years. Those older than a month went the whole Meldcode way and are closed
(a few stayed open); younger ones are in every status, so each team lead's queue has real work in it.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from bench.seeders import models_or_none

STEP_KINDS = ["map", "consult", "talk", "weigh", "decide"]
# Status of a recent signal, and how many of the five steps it has.
RECENT = [("reported", 0), ("triaged", 1), ("in_progress", 2), ("in_progress", 3), ("decided", 5), ("closed", 5)]
URGENCIES = ["acute"] + ["high"] * 5 + ["normal"] * 14
CHANNELS = ["dm", "group_chat", "story", "public_post", "comment", "live", "offline"]
DEADLINE = {"acute": timedelta(hours=1), "high": timedelta(hours=8), "normal": timedelta(days=3)}


def seed(context):
    """Seed the signals part, or say why not."""
    names = ("Signal", "SignalCategory", "SignalPerson", "SignalStep", "SignalEvent", "IntervisionSession")
    models = models_or_none("signals", *names, "AgendaItem", "FollowUpAction")
    if models is None:
        return "signals has no Signal model on this branch yet"
    signal, category, person, step, event, session, item, action = models
    categories = _categories(context, category)
    signals = _signals(context, signal, categories)
    _people(context, person, signals)
    steps = _steps(context, step, signals)
    _events(context, event, signals, steps)
    _sessions(context, session, item, action, signals)
    return None


def _categories(context, model):
    from signals.models.signal import DEFAULT_CATEGORIES

    created = model.objects.bulk_create(
        model(organisation=context.organisation, name=str(name), order=order)
        for order, name in enumerate(DEFAULT_CATEGORIES)
    )
    return [c.pk for c in created]


def _moment(context, day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour=hour)))


def _signals(context, model, categories):
    """The signals as plain tuples the later seeders read: (id, team, reporter, handler, status, steps, created)."""
    rng = context.rng
    days = (context.today - context.start).days
    first_id = context.loader.next_id(model)
    signals = []
    rows = []
    for n in range(context.size.signals):
        team = context.team_ids[n % len(context.team_ids)]
        reporter = rng.choice(context.workers[team])
        age = rng.randrange(days)
        if age > 30:
            status, step_count = ("closed", 5) if rng.random() > 0.01 else ("in_progress", 3)
        else:
            status, step_count = rng.choice(RECENT)
        if n < len(context.team_ids):  # every team has at least one signal in progress, on its lead's queue
            age, status, step_count = 2, "in_progress", 2
        created = _moment(context, context.today - timedelta(days=age), rng.randint(8, 21))
        urgency = rng.choice(URGENCIES)
        handler = None if status == "reported" else rng.choice([context.leads[team], context.officers[team], reporter])
        triaged = None if status == "reported" else created + DEADLINE[urgency] / 2
        closed = created + timedelta(days=rng.randint(5, 30)) if status == "closed" else None
        signals.append((first_id + n, team, reporter, handler, status, step_count, created))
        rows.append(
            (
                first_id + n, team, reporter, handler, rng.choice(categories), status, urgency,
                "Beschrijving van wat er online te zien was, zonder namen.", "gezien in een groepschat",
                created - timedelta(hours=rng.randint(0, 48)), rng.choice(context.platform_ids), rng.choice(CHANNELS),
                created + DEADLINE[urgency], triaged,
                None if status in ("closed", "reported") else context.today + timedelta(days=rng.randint(-5, 10)),
                closed, closed or created, created,
            )
        )  # fmt: skip
    fields = (
        "id", "team_id", "reporter_id", "handler_id", "category_id", "status", "urgency", "facts", "source",
        "seen_at", "platform_id", "channel", "triage_due_at", "triaged_at", "step_due_on", "closed_at",
        "last_activity_at", "created_at",
    )  # fmt: skip
    context.loader.copy(model, fields, rows)
    context.extra["signals"] = signals
    return signals


def _people(context, model, signals):
    rng = context.rng
    rows = ((pk, rng.choice(context.young_people[team]), "about") for pk, team, *_rest in signals)
    context.loader.copy(model, ("signal_id", "young_person_id", "role"), rows)


def _steps(context, model, signals):
    """Each signal's steps, in order; returns {signal id: [(step id, kind, recorded by, when)]}."""
    first_id = context.loader.next_id(model)
    steps = {}
    rows = []
    for pk, _team, reporter, handler, _status, count, created in signals:
        for index, kind in enumerate(STEP_KINDS[:count]):
            step_id = first_id + len(rows)
            at = created + timedelta(days=index + 1)
            by = handler or reporter
            steps.setdefault(pk, []).append((step_id, kind, by, at))
            rows.append(
                (
                    step_id, pk, kind, at.date(), by, at,
                    "Feiten zoals gezien." if kind == "map" else "",
                    "safeguarding_officer" if kind == "consult" else "",
                    "Advies: bespreek het met de jongere." if kind == "consult" else "",
                    "Gesprek gevoerd, jongere wil hulp." if kind == "talk" else "",
                    "help" if kind == "weigh" else "",
                    kind == "decide",
                )
            )  # fmt: skip
    fields = (
        "id", "signal_id", "kind", "happened_on", "recorded_by_id", "recorded_at", "facts", "consulted_with",
        "advice", "outcome", "weigh_outcome", "help_arranged",
    )  # fmt: skip
    context.loader.copy(model, fields, rows)
    return steps


def _events(context, model, signals, steps):
    """The timeline: reported, triaged, one row per step, status changes and views."""
    names = ["in kaart brengen", "overleggen", "gesprek met de jongere", "afwegingskader", "beslissen"]
    labels = {kind: f"Stap {n}: {name}" for n, (kind, name) in enumerate(zip(STEP_KINDS, names, strict=True), 1)}

    def rows():
        for pk, team, reporter, handler, status, _count, created in signals:
            yield pk, "reported", created, reporter, "", "reported", "", None
            if status == "reported":
                continue
            yield pk, "triaged", created + timedelta(hours=1), context.leads[team], "reported", "triaged", "", None
            yield pk, "viewed", created + timedelta(hours=1), context.leads[team], "", "", "", None
            for step_id, kind, by, at in steps.get(pk, []):
                yield pk, "step", at, by, "", "", labels[kind], step_id
            if status in ("decided", "closed"):
                yield pk, "status", created + timedelta(days=5), handler, "in_progress", "decided", "", None
            if status == "closed":
                yield pk, "status", created + timedelta(days=6), context.leads[team], "decided", "closed", "", None

    fields = ("signal_id", "kind", "at", "actor_id", "old_status", "new_status", "label", "step_id")
    context.loader.copy(model, fields, rows())


def _sessions(context, session_model, item_model, action_model, signals):
    """Intervision sessions spread over the period, each with participants, agenda items and actions."""
    rng = context.rng
    loader = context.loader
    count = context.size.sessions
    days = (context.today - context.start).days
    session_id = loader.next_id(session_model)
    item_id = loader.next_id(item_model)
    by_team = {}
    for pk, team, *_rest in signals:
        by_team.setdefault(team, []).append(pk)
    sessions, participants, items, actions = [], [], [], []
    for n in range(count):
        team = context.team_ids[n % len(context.team_ids)]
        lead = context.leads[team]
        # Spread from the start of the period to four weeks ahead (the next session is on the queue page).
        starts = _moment(context, context.start + timedelta(days=(n * (days + 28)) // max(count, 1)), 14)
        finalised = starts + timedelta(hours=3) if starts < timezone.now() else None
        sessions.append((session_id + n, team, starts, "Teamkamer", lead, lead, finalised))
        for user in {lead, *rng.sample(context.workers[team], min(5, len(context.workers[team])))}:
            participants.append((session_id + n, user))
        on_agenda = rng.sample(by_team.get(team, []), min(2, len(by_team.get(team, []))))
        for order, signal in enumerate([*on_agenda, None]):
            pk = item_id + len(items)
            topic = "" if signal else "Werkafspraken online"
            notes = ("Besproken in het team.", "Samen met de jongere verder.", "Volgen en na twee weken bellen.")
            items.append((pk, session_id + n, signal, topic, order, *notes))
            owner = rng.choice(context.workers[team])
            due = starts.date() + timedelta(days=14)
            done = due < context.today
            actions.append((team, pk, signal, "Contact opnemen en terugkoppelen", owner, due,
                            "done" if done else "open", "Gedaan en teruggekoppeld." if done else ""))  # fmt: skip
    loader.copy(session_model, ("id", "team_id", "starts_at", "place", "facilitator_id", "created_by_id",
                                "finalised_at"), sessions)  # fmt: skip
    loader.copy(session_model.participants.through, ("intervisionsession_id", "user_id"), participants)
    loader.copy(item_model, ("id", "session_id", "signal_id", "topic", "order", "notes", "considerations",
                             "course_of_action"), items)  # fmt: skip
    loader.copy(action_model, ("team_id", "agenda_item_id", "signal_id", "description", "owner_id", "due_on",
                               "status", "done_note"), actions)  # fmt: skip
