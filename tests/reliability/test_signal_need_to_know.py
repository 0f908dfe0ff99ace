"""Signal need-to-know: a manager can open no signal's content in any view, export or search.

One signal of the manager's own organisation (team A), about a young person of team A, on the agenda of
an intervision session with a follow-up action, carries recognisable facts. The manager walks every
signals URL (GET and POST, with search and filter parameters), the young-person pages that show signals
(list, search, record, export) and the home page: the facts never appear, and every page about one
signal, session, agenda item or action is a 404. A youth worker of the same team who neither reported
nor handles the signal gets the same 404s.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from signals.models import AgendaItem, FollowUpAction, Signal
from signals.tests.factories import make_session, make_signal, young_person
from tests.reliability.access import MANAGER, OWN, WORKER, load_all, resolver_urls
from tests.reliability.figures import record
from tests.reliability.matrix import describe, post_form, url_for

pytestmark = pytest.mark.django_db

FACTS = "NTK-feit: in de groepschat van de sportclub"
INTERPRETATION = "NTK-duiding: mogelijk grooming"
SOURCE = "NTK-bron: schermafdruk van een collega"
TOPIC = "NTK-onderwerp van het agendapunt"
ACTION = "NTK-vervolgactie: bellen met school"
MARKERS = ("NTK-",)
SEARCHES = ("?q=NTK", "?q=sportclub", "?status=reported", "?urgency=high", "?category=1", "?handler=1")


@pytest.fixture
def secret(world):
    """A signal (reported and handled by the cast's youth worker) with everything that could leak."""
    person = young_person(world.team_a, "Vos")
    signal = make_signal(
        world.team_a,
        world.users[WORKER],
        handler=world.users[WORKER],
        status=Signal.Status.IN_PROGRESS,
        urgency=Signal.Urgency.HIGH,
        about=person,
        facts=FACTS,
        interpretation=INTERPRETATION,
        source=SOURCE,
    )
    session = make_session(world.team_a, world.users[WORKER], signals=[signal])
    item = AgendaItem.objects.get(session=session, signal=signal)
    AgendaItem.objects.filter(pk=item.pk).update(notes=TOPIC)
    action = FollowUpAction.objects.create(
        team=world.team_a,
        agenda_item=item,
        signal=signal,
        description=ACTION,
        owner=world.users[WORKER],
        due_on=timezone.localdate() + timedelta(days=3),
    )
    return {"signal": signal, "person": person, "session": session, "item": item, "action": action}


def kwargs_for(name, pattern, secret):
    """The secret's own objects for each kind of signals URL."""
    if "<" not in pattern:
        return {}
    if "<str:kind>" in pattern:
        return {"pk": secret["signal"].pk, "kind": "map"}
    if "item_pk" in pattern:
        return {"pk": secret["session"].pk, "item_pk": secret["item"].pk}
    if name == "signals:action_finish":
        return {"pk": secret["action"].pk}
    if name.startswith("signals:session_") or name == "signals:agenda_add":
        return {"pk": secret["session"].pk}
    return {"pk": secret["signal"].pk} if "<int:pk>" in pattern else {}


def content_urls(secret):
    """{url: is about one signal, session, item or action} for every signals URL, built on the secret."""
    urls = {}
    for name, pattern in sorted(resolver_urls().items()):
        if name.startswith("signals:"):
            kwargs = kwargs_for(name, pattern, secret)
            urls[reverse(name, kwargs=kwargs)] = bool(kwargs)
    return urls


def leaked(response):
    if response.get("Content-Type", "").startswith(("text/", "application/json")) or not response.streaming:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return [marker for marker in MARKERS if marker.encode() in body]
    return []


def walk(client, secret, world):
    """Every signals URL (plus searches), and the young-person pages, as this client. Returns the faults."""
    faults, calls = [], 0
    person = secret["person"]
    pages = [(url, about_one) for url, about_one in content_urls(secret).items()]
    pages += [
        (url + query, False) for url, about_one in content_urls(secret).items() if not about_one for query in SEARCHES
    ]
    for url, about_one in pages:
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else post_form(client, url, {"q": "NTK"})
            calls += 1
            # A POST-only URL answers GET with 405 before it looks anything up: that reveals nothing.
            if about_one and response.status_code not in ((404, 405) if method == "GET" else (404,)):
                faults.append(f"{method} {url}: {describe(response)}, expected 404 (need-to-know)")
            if response.status_code >= 500:
                faults.append(f"{method} {url}: {describe(response)}")
            if leaked(response):
                faults.append(f"{method} {url}: the signal's content appears ({describe(response)})")
    young_pages = [
        ("GET", reverse("registration:young_person_list")),
        ("GET", reverse("registration:young_person_list") + "?q=Vos"),
        ("GET", reverse("registration:young_person_list") + "?q=NTK"),
        ("GET", reverse("registration:young_person_detail", kwargs={"pk": person.pk})),
        ("POST", reverse("registration:young_person_export", kwargs={"pk": person.pk})),
        ("GET", reverse("home")),
        ("GET", reverse("notifications:list")),
    ]
    for method, url in young_pages:
        response = client.get(url) if method == "GET" else post_form(client, url, {})
        calls += 1
        if response.status_code >= 500 or leaked(response):
            faults.append(f"{method} {url}: {describe(response)}, the signal's content appears or it failed")
    return faults, calls


def test_a_manager_opens_no_signal_content_in_any_view_export_or_search(world, secret):
    faults, calls = walk(world.client(MANAGER), secret, world)

    record("need_to_know.manager_calls", calls)
    record("need_to_know.manager_leaks", len(faults))
    assert faults == []
    assert calls >= 2 * len(content_urls(secret))


def test_a_manager_sees_the_figures_only_as_aggregates(world, secret):
    client = world.client(MANAGER)
    for name in ("signals:statistics", "signals:statistics_export"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert not leaked(response)


def test_a_youth_worker_of_the_team_who_is_not_involved_gets_404(world, secret):
    colleague = make_member(world.team_a, Membership.Role.YOUTH_WORKER, mfa=False)
    client = world.client(MANAGER).__class__()
    client.force_login(colleague)
    wrong = []
    for url, about_one in content_urls(secret).items():
        if not about_one:
            continue
        for response in (client.get(url), post_form(client, url, {})):
            if response.status_code not in (404, 405) or leaked(response):
                wrong.append(f"{url}: {describe(response)}")
    assert wrong == []
    assert post_form(client, reverse("signals:detail", kwargs={"pk": secret["signal"].pk}), {}).status_code == 404
    assert not leaked(client.get(reverse("signals:list")))


def test_the_reporter_does_see_the_content(world, secret):
    """The walk can fail: the same pages show the facts to the reporter."""
    response = world.client(WORKER).get(reverse("signals:detail", kwargs={"pk": secret["signal"].pk}))

    assert response.status_code == 200
    assert leaked(response)


def test_every_signals_route_of_the_table_is_walked(world, secret):
    """A new signals URL is walked automatically (it comes from the resolver), and has a row."""
    routes = load_all()
    names = [name for name in resolver_urls() if name.startswith("signals:")]
    assert names and all(name in routes for name in names)
    assert len(content_urls(secret)) == len(names)
    assert url_for(routes["signals:detail"], world, OWN)
