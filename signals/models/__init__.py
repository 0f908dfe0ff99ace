"""Serious signals (the Meldcode workflow) and intervision: two subdomains, one module each."""

from signals.models.intervision import AgendaItem, FollowUpAction, IntervisionSession
from signals.models.signal import (
    Signal,
    SignalCategory,
    SignalEvent,
    SignalPerson,
    SignalSettings,
    SignalStep,
)

__all__ = [
    "AgendaItem",
    "FollowUpAction",
    "IntervisionSession",
    "Signal",
    "SignalCategory",
    "SignalEvent",
    "SignalPerson",
    "SignalSettings",
    "SignalStep",
]
