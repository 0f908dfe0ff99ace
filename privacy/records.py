"""Where each kind of record lives, so retention, holds and exports name the models in one place."""

from django.apps import apps

from privacy.models import RecordKind


def signal_model():
    """The signals app's Signal model, or None while that app has no such model yet."""
    try:
        return apps.get_model("signals", "Signal")
    except LookupError:
        return None


def model_for(kind):
    """The model that holds records of this kind (None for signals before the signals app has them)."""
    if kind == RecordKind.CLOSED_SIGNAL:
        return signal_model()
    name = {RecordKind.CONTACT: "Contact", RecordKind.TIME_ENTRY: "TimeEntry", RecordKind.YOUNG_PERSON: "YoungPerson"}
    return apps.get_model("registration", name[kind])


def organisation_rows(kind, organisation_id):
    """Every record of this kind in one organisation (all of them: retention is not a person's view)."""
    model = model_for(kind)
    if model is None:
        return None
    return model._base_manager.filter(team__organisation_id=organisation_id)
