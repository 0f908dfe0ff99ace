"""Erasure of a young person is refused while a signal about them is open, by the signals app's own rule."""

from django.utils.translation import gettext as _

from privacy.records import signal_model


def open_signal_refusal(young_person):
    """The refusal while any signal involving this young person is open (Signal.objects.open()), else None."""
    signals = signal_model()
    if signals is None or not hasattr(signals.objects, "open"):
        return None
    if signals.objects.open().filter(people__young_person_id=young_person.pk).exists():
        return _("Er loopt nog een signaal over deze jongere. Sluit eerst het signaal af; daarna kun je wissen.")
    return None


def register_erasure_checks():
    """Add the open-signal check to registration's hook list once (called from AppConfig.ready)."""
    from registration.services import ERASURE_CHECKS

    if open_signal_refusal not in ERASURE_CHECKS:
        ERASURE_CHECKS.append(open_signal_refusal)
