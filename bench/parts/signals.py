"""Signals' pages: the team lead's queue and a signal page (an open signal of the lead's own team)."""

from bench.parts import NotReady, get

PART = "signals"


def _signal_model():
    from bench.seeders import models_or_none

    models = models_or_none(PART, "Signal")
    if models is None:
        raise NotReady("signals: the Signal model is not merged")
    return models[0]


def queue(user):
    _signal_model()
    return get(PART, "signals:queue")


def signal_page(user):
    """The most recent open signal of a team this person leads (full detail is theirs to see)."""
    from accounts.models import Membership

    signal = _signal_model()
    teams = Membership.objects.filter(user=user, role__in=["team_lead", "safeguarding_officer"]).values("team_id")
    pk = (
        signal.objects.filter(team_id__in=teams, status="in_progress")
        .order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise NotReady("signals: no open signal in this person's teams (seed the signals part)")
    return get(PART, "signals:detail", pk)
