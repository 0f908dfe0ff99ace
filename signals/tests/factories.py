"""Factories for signals and intervision; always with an explicit team."""

from datetime import timedelta

from django.utils import timezone

from registration.models import YoungPerson
from signals.models import IntervisionSession, Signal, SignalCategory, SignalPerson
from signals.services.signal import signal_categories_seed


def category(org, name="Online pesten"):
    signal_categories_seed(org)
    return SignalCategory.objects.get(organisation=org, name=name)


def make_signal(
    team, reporter, *, status=Signal.Status.REPORTED, urgency=Signal.Urgency.NORMAL, handler=None, about=None, **fields
):
    """A signal in any status (set directly: for tests of what happens from that status)."""
    now = timezone.now()
    signal = Signal.objects.create(
        team=team,
        reporter=reporter,
        handler=handler,
        status=status,
        urgency=urgency,
        category=fields.pop("category", None) or category(team.organisation),
        facts=fields.pop("facts", "In een groepschat werd een jongere uitgescholden."),
        source=fields.pop("source", "gezien in een groepschat"),
        seen_at=fields.pop("seen_at", now - timedelta(hours=1)),
        channel=fields.pop("channel", Signal.Channel.GROUP_CHAT),
        triage_due_at=fields.pop("triage_due_at", now + timedelta(hours=8)),
        **fields,
    )
    if about is not None:
        SignalPerson.objects.create(signal=signal, young_person=about, role=SignalPerson.Role.ABOUT)
    return signal


def young_person(team, pseudonym="Vos"):
    return YoungPerson.objects.get_or_create(team=team, pseudonym=pseudonym)[0]


def make_session(team, facilitator, participants=(), *, starts_at=None, signals=()):
    from signals.models import AgendaItem

    session = IntervisionSession.objects.create(
        team=team,
        starts_at=starts_at or timezone.now() + timedelta(days=2),
        place="Buurthuis, kamer 2",
        facilitator=facilitator,
        created_by=facilitator,
    )
    session.participants.set({facilitator, *participants})
    for order, signal in enumerate(signals, start=1):
        AgendaItem.objects.create(session=session, signal=signal, order=order)
    return session


def post(client, url, data=None):
    """POST as a browser does without files: urlencoded (a multipart body is refused everywhere)."""
    from urllib.parse import urlencode

    return client.post(url, urlencode(data or {}, doseq=True), content_type="application/x-www-form-urlencoded")
