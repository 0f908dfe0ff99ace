"""Writing the audit log: one helper every app calls from its services and views."""

from audit.models import AuditEvent

Action = AuditEvent.Action


def client_ip(request):
    """The client's IP address (REMOTE_ADDR; a proxy in front sets it through gunicorn's forwarded-allow-ips)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_event(
    *,
    actor,
    action,
    target=None,
    organisation=None,
    request=None,
    young_person_id=None,
    on_behalf_of="",
    detail="",
    object_type="",
    object_id="",
):
    """One audit event, unsaved, for a caller that writes it together with its own rows (see `audit_log`)."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        # NEN 7513 asks on whose behalf: a team-owned record is worked on for its team.
        if not on_behalf_of and getattr(target, "team_id", None):
            on_behalf_of = f"team:{target.team_id}"
    if organisation is None and actor is not None and getattr(actor, "is_authenticated", False):
        organisation = actor.organisation_id
    return AuditEvent(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        organisation_id=getattr(organisation, "pk", organisation),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        young_person_id=young_person_id,
        on_behalf_of=on_behalf_of,
        detail=detail[:200],
        ip=client_ip(request),
    )


def audit_log(**event):
    """Record one event in the caller's transaction; `detail` must never hold a record's free text."""
    audit = audit_event(**event)
    audit.save(force_insert=True)
    return audit
