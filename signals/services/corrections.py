"""Changes to a signal after it was reported that are not status moves: another handler, a corrected report."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import team_members
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.services import notification_resolve, notification_schedule
from signals import permissions
from signals.models import Signal, SignalEvent
from signals.services.signal import _audit, _event, _lead_recipients, _send_now, response_deadline, signal_link

Status = Signal.Status
HANDLER_FIELDS = ("handler_id",)
REPORT_FIELDS = ("category_id", "urgency", "facts")
# The handler changes while the work goes on; before triage the triage form assigns one, a closed one is reopened first.
HANDLER_STATUSES = (Status.TRIAGED, Status.IN_PROGRESS, Status.REOPENED, Status.DECIDED)
# Kinds of event that change the handler, category, urgency or facts (to say who did it first).
CHANGING_KINDS = (SignalEvent.Kind.STATUS, SignalEvent.Kind.HANDLER_CHANGED, SignalEvent.Kind.CORRECTED)
LABEL_LENGTH = SignalEvent._meta.get_field("label").max_length


def signal_fingerprint(signal, fields):
    """A short token of the values a person saw, so a change by someone else in the meantime is noticed."""
    raw = "\x1f".join(str(getattr(signal, name)) for name in fields)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _ensure_unchanged(locked, fields, seen, actor):
    """Two people at once: the first one wins; the second is told who changed what, and when."""
    if seen is None or seen == signal_fingerprint(locked, fields):
        return
    last = (
        SignalEvent.objects.filter(signal=locked, kind__in=CHANGING_KINDS)
        .exclude(actor=actor)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if last is None:
        raise DomainError(_("Dit signaal is intussen aangepast. Bekijk de gegevens en probeer het opnieuw."))
    raise DomainError(
        _(
            "%(who)s heeft dit signaal zojuist aangepast (%(time)s): %(what)s. "
            "Bekijk de nieuwe gegevens en sla opnieuw op als je wijziging nog nodig is."
        )
        % {
            "who": last.actor,
            "time": timezone.localtime(last.at).strftime("%H:%M"),
            "what": last.label or last.get_kind_display(),
        }
    )


def _lock(signal):
    return (
        Signal.objects.select_for_update(of=("self",)).select_related("team", "category", "handler").get(pk=signal.pk)
    )


def signal_handler_change(*, signal, actor, handler, reason="", seen=None, request=None):
    """A lead or safeguarding officer gives a triaged signal another handler from its team; the new one is notified."""
    if handler.pk not in set(team_members(signal.team).values_list("pk", flat=True)):
        raise DomainError(_("Kies een behandelaar uit het team van dit signaal."), field="handler")
    with transaction.atomic():
        locked = _lock(signal)
        if not permissions.can_change_handler(actor, locked):
            raise DomainError(_("Alleen de teamleiding en de aandachtsfunctionaris wijzigen de behandelaar."))
        _ensure_unchanged(locked, HANDLER_FIELDS, seen, actor)
        if locked.status == Status.REPORTED:
            raise DomainError(_("Dit signaal is nog niet beoordeeld. Wijs de behandelaar toe bij het beoordelen."))
        if locked.status not in HANDLER_STATUSES:
            raise DomainError(_("Dit signaal is gesloten. Heropen het eerst als er een andere behandelaar nodig is."))
        if locked.handler_id == handler.pk:
            raise DomainError(_("%(name)s is al de behandelaar.") % {"name": handler}, field="handler")
        previous = locked.handler
        locked.handler, locked.last_activity_at = handler, timezone.now()
        locked.save(update_fields=["handler", "last_activity_at"])
        event = _event(
            locked,
            SignalEvent.Kind.HANDLER_CHANGED,
            actor,
            reason=(reason or "").strip(),
            label=_("Behandelaar: %(old)s → %(new)s") % {"old": previous or "—", "new": handler},
        )
        _audit(locked, actor, AuditEvent.Action.CHANGE, "handler changed", request)
        # Notification rows are written with the change (the periodic task sends them), so both or neither happen.
        _hand_over(locked, previous, event)
    return locked


def _hand_over(signal, previous, event):
    """The new handler hears of it; the reminders the previous one still had are done with."""
    if previous is not None:
        for kind in (Kind.SIGNAL_ASSIGNED, Kind.SIGNAL_STEP_DUE, Kind.SIGNAL_STEP_OVERDUE, Kind.SIGNAL_IDLE):
            notification_resolve(target=signal, kind=kind, recipient=previous)
    notification_schedule(
        recipient=signal.handler,
        kind=Kind.SIGNAL_ASSIGNED,
        target=signal,
        link=signal_link(signal),
        key=f"handler-{signal.handler_id}-{event.pk}",
    )


def _changes(locked, category, urgency, facts):
    """The corrected fields and a short label of what changed (names of categories and urgencies, never text)."""
    updates, words = {}, []
    if category.pk != locked.category_id:
        updates["category"] = category
        words.append(_("categorie: %(old)s → %(new)s") % {"old": locked.category, "new": category})
    if urgency != locked.urgency:
        updates["urgency"] = urgency
        words.append(
            _("urgentie: %(old)s → %(new)s")
            % {"old": locked.get_urgency_display(), "new": Signal.Urgency(urgency).label}
        )
    if facts != locked.facts:
        updates["facts"] = facts
        words.append(_("feiten aangepast"))
    return updates, "; ".join(str(word) for word in words)[:LABEL_LENGTH]


def signal_correct(*, signal, actor, category, urgency, facts, reason, seen=None, request=None):
    """Correct the category, urgency or facts of a report; the earlier facts stay on the timeline."""
    facts = (facts or "").strip()
    if not facts:
        raise DomainError(_("Beschrijf de feiten; laat dit veld niet leeg."), field="facts")
    if not (reason or "").strip():
        raise DomainError(_("Schrijf op waarom je de melding corrigeert."), field="reason")
    if category.organisation_id != signal.team.organisation_id:
        raise DomainError(_("Kies een categorie van je eigen organisatie."), field="category")
    with transaction.atomic():
        locked = _lock(signal)
        if not permissions.can_correct(actor, locked):
            raise DomainError(_("Alleen de teamleiding en de aandachtsfunctionaris corrigeren een melding."))
        _ensure_unchanged(locked, REPORT_FIELDS, seen, actor)
        if locked.status == Status.CLOSED:
            raise DomainError(_("Dit signaal is gesloten. Heropen het eerst om de melding te corrigeren."))
        updates, label = _changes(locked, category, urgency, facts)
        if not updates:
            raise DomainError(_("Er is niets veranderd. Pas de categorie, de urgentie of de feiten aan."))
        previous_facts = locked.facts if "facts" in updates else ""
        became_acute = updates.get("urgency") == Signal.Urgency.ACUTE and locked.status == Status.REPORTED
        if "urgency" in updates and locked.status == Status.REPORTED:
            # Still waiting for triage: the deadline follows the corrected urgency, counted from the report.
            updates["triage_due_at"] = locked.created_at + response_deadline(locked.team.organisation_id, urgency)
        for field, value in updates.items():
            setattr(locked, field, value)
        locked.last_activity_at = timezone.now()
        locked.save(update_fields=[*updates, "last_activity_at"])
        _event(
            locked,
            SignalEvent.Kind.CORRECTED,
            actor,
            reason=reason.strip(),
            label=label,
            previous_facts=previous_facts,
        )
        _audit(locked, actor, AuditEvent.Action.CHANGE, "report corrected: " + ", ".join(updates), request)
        if became_acute:
            _alert_acute(locked, actor)
    return locked


def _alert_acute(signal, actor):
    """Now acute and untriaged: every other lead and safeguarding officer of the team hears of it at once."""
    for recipient in _lead_recipients(signal.team, exclude={actor.pk}):
        notification_schedule(
            recipient=recipient,
            kind=Kind.SIGNAL_ACUTE,
            target=signal,
            link=signal_link(signal),
            due_at=timezone.now(),
        )
    transaction.on_commit(_send_now)
