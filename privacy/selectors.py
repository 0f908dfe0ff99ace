"""Reads of the privacy app: access overviews from the audit log, holds, destruction log; organisation-scoped."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts.selectors import get_member_for_admin
from audit.models import AuditEvent
from privacy.models import DestructionRecord, LegalHold
from privacy.records import signal_model
from registration.models import YoungPerson


def _period(events, date_from, date_to):
    if date_from:
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(date_from, time.min)))
    if date_to:
        events = events.filter(at__lt=timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min)))
    return events


def young_person_in_organisation(user, young_person_id):
    """The young person's record in the user's organisation, or None once erased; 404 when never known here."""
    record = YoungPerson.objects.filter(team__organisation_id=user.organisation_id, pk=young_person_id).first()
    known = AuditEvent.objects.visible_to(user).filter(young_person_id=young_person_id).exists()
    if record is None and not known:
        raise Http404
    return record


def _signal_events(young_person_id):
    """Events on signals this young person is involved in: a signal's event names only the person it is about."""
    signals = signal_model()
    if signals is None:
        return Q(pk__in=[])
    involved = signals._meta.apps.get_model("signals", "SignalPerson")._base_manager.filter(
        young_person_id=young_person_id
    )
    ids = [str(pk) for pk in involved.values_list("signal_id", flat=True)]
    return Q(object_type=signals._meta.label_lower, object_id__in=ids)


def young_person_events(organisation_id, young_person_id):
    """Every audit event on this young person's records in one organisation (their own id, and their signals)."""
    return AuditEvent.objects.filter(organisation_id=organisation_id).filter(
        Q(young_person_id=young_person_id) | _signal_events(young_person_id)
    )


def young_person_access_list(user, young_person_id, *, date_from=None, date_to=None):
    """Who did what to this young person's records, newest first, in the user's organisation."""
    events = young_person_events(user.organisation_id, young_person_id)
    return _period(events.select_related("actor"), date_from, date_to).order_by("-at", "-pk")


def get_worker_for_admin(user, pk):
    """A member of the administrator's own organisation, else 404."""
    return get_member_for_admin(user, pk)


def worker_access_list(user, worker, *, date_from=None, date_to=None):
    """What this person looked at, changed or exported, newest first."""
    events = (
        AuditEvent.objects.visible_to(user)
        .filter(actor=worker)
        .exclude(action__in=[AuditEvent.Action.LOGIN, AuditEvent.Action.LOGIN_FAILED])
    )
    return _period(events.select_related("actor"), date_from, date_to).order_by("-at", "-pk")


def legal_hold_list(user):
    """The organisation's legal holds, active ones first."""
    return (
        LegalHold.objects.visible_to(user)
        .select_related("placed_by", "released_by")
        .order_by("released_at", "-placed_at")
    )


def get_hold_for_admin(user, pk):
    """One legal hold of the user's organisation, else 404."""
    hold = LegalHold.objects.visible_to(user).filter(pk=pk).first()
    if hold is None:
        raise Http404
    return hold


def destruction_list(user):
    """The organisation's destruction log, newest first."""
    return DestructionRecord.objects.visible_to(user).order_by("-at", "-pk")
