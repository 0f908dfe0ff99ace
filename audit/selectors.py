"""Reads of the audit log: only an administrator's own organisation."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from audit.models import AuditEvent


def audit_event_list(user, *, actor=None, object_type="", object_id="", date_from=None, date_to=None):
    """The organisation's audit events, newest first, filtered by person, object and period (dates inclusive)."""
    events = AuditEvent.objects.visible_to(user).select_related("actor")
    if actor is not None:
        events = events.filter(actor=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if date_from:
        events = events.filter(at__gte=timezone.make_aware(datetime.combine(date_from, time.min)))
    if date_to:
        events = events.filter(at__lt=timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min)))
    return events.order_by("-at", "-pk")


def audit_object_types(user):
    """The kinds of object that appear in this organisation's audit log (for the filter)."""
    return list(
        AuditEvent.objects.visible_to(user)
        .exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
