"""signals: reporting, the signal page and its steps, the queue, the figures, intervision.

Signals are need-to-know, not team scope: the reporter, the handler, the team's leads and safeguarding
officers and the participants of a session that discussed it. A manager and an administrator see no
signal's content (404 on every content page) and only the aggregate figures; the administrator sets
the organisation's categories and response deadlines (names and numbers, no signal content). Another
team's signal is a 404 for everyone, its leads included (no `org_wide`). The cast's youth worker
reports and handles the own team's signals; intervision sessions are led by the same youth worker.
"""

from datetime import timedelta

from tests.reliability.access import ADMIN, LEAD, OFFICER, OTHER_ORG, WORKER, Route, register

NOBODY_WIDER = frozenset()
SEES = frozenset({WORKER, LEAD, OFFICER})  # the reporter-handler and the team's leads
LEADS = frozenset({LEAD, OFFICER})
ADMIN_ONLY = frozenset({ADMIN})
REDIRECTED = frozenset({302})


def _new_signal(world, scope, i=0):
    from django.utils import timezone

    from signals.models import Signal
    from signals.tests.factories import category

    team = world.team(scope)
    member = world.member(scope)
    now = timezone.now()
    return Signal(
        team=team,
        reporter=member,
        handler=member,
        status=Signal.Status.IN_PROGRESS,
        category=category(team.organisation),
        facts=f"Feitenbeschrijving van signaal {i}.",
        source="gezien in een groepschat",
        seen_at=now - timedelta(hours=1),
        channel=Signal.Channel.GROUP_CHAT,
        triage_due_at=now + timedelta(hours=8),
    )


def signal(world, scope):
    row = _new_signal(world, scope)
    row.save()
    return {"pk": row.pk}


def closed_signal(world, scope):
    """A closed signal, so that the reopen form can succeed (and the fuzzer reaches the service)."""
    row = _new_signal(world, scope)
    row.status = row.Status.CLOSED
    row.save()
    return {"pk": row.pk}


def many_signals(world, scope, n):
    from signals.models import Signal

    return [{"pk": row.pk} for row in Signal.objects.bulk_create(_new_signal(world, scope, i) for i in range(n))]


def step(world, scope):
    return {**signal(world, scope), "kind": "map"}


def many_steps(world, scope, n):
    return [{**kwargs, "kind": "map"} for kwargs in many_signals(world, scope, n)]


def _new_session(world, scope):
    from django.utils import timezone

    from signals.models import IntervisionSession

    member = world.member(scope)
    return IntervisionSession(
        team=world.team(scope),
        starts_at=timezone.now() + timedelta(days=2),
        place="Buurthuis",
        facilitator=member,
        created_by=member,
    )


def session(world, scope):
    from signals.tests.factories import make_session

    member = world.member(scope)
    return {"pk": make_session(world.team(scope), member).pk}


def many_sessions(world, scope, n):
    from signals.models import IntervisionSession

    return [
        {"pk": row.pk} for row in IntervisionSession.objects.bulk_create(_new_session(world, scope) for _ in range(n))
    ]


def item(world, scope):
    from signals.models import AgendaItem

    pk = session(world, scope)["pk"]
    return {"pk": pk, "item_pk": AgendaItem.objects.create(session_id=pk, topic="Groepsdruk online", order=1).pk}


def many_items(world, scope, n):
    from signals.models import AgendaItem

    sessions = many_sessions(world, scope, n)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(session_id=kw["pk"], topic="Groepsdruk online", order=1) for kw in sessions
    )
    return [{"pk": row.session_id, "item_pk": row.pk} for row in items]


def _new_actions(world, scope, items):
    from django.utils import timezone

    from signals.models import FollowUpAction

    return [
        FollowUpAction(
            team=world.team(scope),
            agenda_item_id=kw["item_pk"],
            description="Navragen bij school",
            owner=world.member(scope),
            due_on=timezone.localdate() + timedelta(days=7),
        )
        for kw in items
    ]


def action(world, scope):
    row = _new_actions(world, scope, [item(world, scope)])[0]
    row.save()
    return {"pk": row.pk}


def many_actions(world, scope, n):
    from signals.models import FollowUpAction

    rows = FollowUpAction.objects.bulk_create(_new_actions(world, scope, many_items(world, scope, n)))
    return [{"pk": row.pk} for row in rows]


def _categories(world, scope, n):
    import secrets

    from signals.models import SignalCategory
    from signals.services.signal import signal_categories_seed

    org = world.other_org if scope == OTHER_ORG else world.org
    signal_categories_seed(org)  # the signal rows expect the defaults; one more category must not replace them
    tag = secrets.token_hex(3)
    return SignalCategory.objects.bulk_create(
        SignalCategory(organisation=org, name=f"Categorie {tag}{i}", order=50) for i in range(n)
    )


def category(world, scope):
    return {"pk": _categories(world, scope, 1)[0].pk}


def many_categories(world, scope, n):
    return [{"pk": row.pk} for row in _categories(world, scope, n)]


SIGNAL = {"obj": signal, "foreign": many_signals, "org_wide": NOBODY_WIDER}
SESSION = {"obj": session, "foreign": many_sessions, "org_wide": NOBODY_WIDER}
# Categories belong to the organisation, not a team: its administrator manages them for every team.
CATEGORY = {"obj": category, "foreign": many_categories, "org_wide": ADMIN_ONLY}

register(
    # Whoever works with young people reports; managers and administrators do not.
    Route("signals:list", get=SEES, post_like_get=True),
    Route("signals:report", get=SEES, post=SEES),
    Route("signals:queue", get=LEADS, post_like_get=True),
    # Aggregates only: the one signals page a manager opens.
    Route("signals:statistics", get=LEADS | {"manager"}, post_like_get=True),
    Route("signals:statistics_export", get=LEADS | {"manager"}, post_like_get=True),
    Route("signals:detail", get=SEES, post_like_get=True, fuzz=False, note="a read-only page", **SIGNAL),
    Route("signals:acute", get=SEES, post_like_get=True, fuzz=False, note="a read-only page", **SIGNAL),
    Route("signals:triage", get=LEADS, post=LEADS, **SIGNAL),
    Route(
        "signals:step",
        get=SEES,
        post=SEES,
        obj=step,
        foreign=many_steps,
        org_wide=NOBODY_WIDER,
        random_kwargs=lambda pk: {"pk": pk, "kind": "map"},
    ),
    Route("signals:weigh", get=SEES, post=SEES, **SIGNAL),
    Route("signals:decide", get=SEES, post=SEES, **SIGNAL),
    Route("signals:close_request", post=SEES, **SIGNAL),
    Route("signals:close_approve", post=LEADS, **SIGNAL),
    Route("signals:close_refuse", post=LEADS, **SIGNAL),
    Route("signals:reopen", get=LEADS, post=LEADS, obj=closed_signal, foreign=many_signals, org_wide=NOBODY_WIDER),
    # After triage: another handler, a corrected report; the team's leads and safeguarding officers.
    Route("signals:handler_change", get=LEADS, post=LEADS, **SIGNAL),
    Route("signals:correct", get=LEADS, post=LEADS, **SIGNAL),
    # The organisation's categories and response deadlines: its administrator only.
    Route("signals:settings", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("signals:category_add", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("signals:category_edit", get=ADMIN_ONLY, post=ADMIN_ONLY, **CATEGORY),
    Route("signals:category_active", post=ADMIN_ONLY, **CATEGORY),
    Route("signals:category_delete", post=ADMIN_ONLY, **CATEGORY),
    # Intervision: the facilitator, the participants and the team's leads.
    Route(
        "signals:session_list",
        get=SEES | {"manager", "administrator"},
        post_like_get=True,
        fuzz=False,
        note="a list; managers see an empty one",
    ),
    Route("signals:session_create", get=SEES, post=SEES),
    Route("signals:session_detail", get=SEES, post_like_get=True, fuzz=False, note="a read-only page", **SESSION),
    Route("signals:session_ics", get=SEES, post_like_get=True, fuzz=False, note="a calendar file", **SESSION),
    Route("signals:session_finalise", post=frozenset({WORKER}), **SESSION),
    Route("signals:agenda_add", post=SEES, **SESSION),
    Route(
        "signals:item_record",
        get=SEES,
        post=SEES,
        obj=item,
        foreign=many_items,
        org_wide=NOBODY_WIDER,
        random_kwargs=lambda pk: {"pk": pk, "item_pk": pk},
    ),
    Route(
        "signals:action_add",
        post=SEES,
        obj=item,
        foreign=many_items,
        org_wide=NOBODY_WIDER,
        random_kwargs=lambda pk: {"pk": pk, "item_pk": pk},
    ),
    Route("signals:action_finish", get=SEES, post=SEES, obj=action, foreign=many_actions, org_wide=NOBODY_WIDER),
)
