"""Retention: the organisation's periods, legal holds, and the one service that removes what has expired."""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from notifications.models import Notification
from privacy.models import DestructionRecord, LegalHold, RecordKind, RetentionSettings
from privacy.permissions import can_manage_retention
from privacy.records import model_for, organisation_rows, signal_model

logger = logging.getLogger(__name__)

# Signals first: a young person still linked to a signal cannot go, so their signals must be gone before.
REMOVAL_ORDER = (RecordKind.CLOSED_SIGNAL, RecordKind.CONTACT, RecordKind.TIME_ENTRY, RecordKind.YOUNG_PERSON)


def retention_settings_for(organisation_id):
    """The organisation's retention settings (created with the defaults the first time)."""
    settings, _created = RetentionSettings.objects.get_or_create(organisation_id=organisation_id)
    return settings


@transaction.atomic
def retention_settings_update(*, actor, data, request=None):
    """Change the organisation's retention periods (administrator only, audited)."""
    if not can_manage_retention(actor):
        raise DomainError(_("Alleen de beheerder kan de bewaartermijnen wijzigen."))
    settings = RetentionSettings.objects.select_for_update().get(pk=retention_settings_for(actor.organisation_id).pk)
    fields = [f"{kind}_days" for kind in RecordKind.values]
    for field in fields:
        setattr(settings, field, data[field])
    settings.updated_by = actor
    settings.save(update_fields=[*fields, "updated_by", "updated_at"])
    audit_log(actor=actor, action=Action.CHANGE, target=settings, request=request, detail="retention periods")
    return settings


def _record_in_organisation(kind, object_id, organisation_id):
    rows = organisation_rows(kind, organisation_id)
    return rows is not None and rows.filter(pk=object_id).exists()


@transaction.atomic
def legal_hold_place(*, actor, kind, object_id, reason, request=None):
    """Keep one record out of the retention removal until released (administrator only, audited)."""
    if not can_manage_retention(actor):
        raise DomainError(_("Alleen de beheerder kan een bewaarplicht instellen."))
    if not reason.strip():
        raise DomainError(
            _("Schrijf op waarom dit gegeven bewaard moet blijven, bijvoorbeeld 'klacht 2026-14'."), field="reason"
        )
    if not _record_in_organisation(kind, object_id, actor.organisation_id):
        raise DomainError(_("Er is geen gegeven van deze soort met dit nummer in je organisatie."), field="object_id")
    try:
        # The partial unique constraint decides a double submit: the second one is refused, not a 500.
        with transaction.atomic():
            hold = LegalHold.objects.create(
                organisation_id=actor.organisation_id,
                kind=kind,
                object_id=object_id,
                reason=reason.strip(),
                placed_by=actor,
            )
    except IntegrityError:
        raise DomainError(_("Op dit gegeven staat al een bewaarplicht."), field="object_id") from None
    audit_log(
        actor=actor,
        action=Action.CREATE,
        target=hold,
        request=request,
        young_person_id=object_id if kind == RecordKind.YOUNG_PERSON else None,
        detail=f"legal hold on {kind} {object_id}",
    )
    return hold


@transaction.atomic
def legal_hold_release(*, actor, hold, reason, request=None):
    """Lift a legal hold, with a reason, so the record follows the normal retention again (audited)."""
    if not can_manage_retention(actor):
        raise DomainError(_("Alleen de beheerder kan een bewaarplicht opheffen."))
    if not reason.strip():
        raise DomainError(
            _("Schrijf op waarom de bewaarplicht vervalt, bijvoorbeeld 'klacht afgehandeld'."), field="reason"
        )
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if not hold.is_active:
        raise DomainError(_("Deze bewaarplicht is al opgeheven."))
    hold.released_by, hold.released_at, hold.release_reason = actor, timezone.now(), reason.strip()
    hold.save(update_fields=["released_by", "released_at", "release_reason"])
    audit_log(
        actor=actor,
        action=Action.CHANGE,
        target=hold,
        request=request,
        young_person_id=hold.object_id if hold.kind == RecordKind.YOUNG_PERSON else None,
        detail=f"legal hold released on {hold.kind} {hold.object_id}",
    )
    return hold


def _held_ids(organisation_id, kind):
    return LegalHold.objects.active().filter(organisation_id=organisation_id, kind=kind).values("object_id")


def expired_rows(kind, organisation_id, cutoff):
    """The records of this kind past the cutoff and not on hold (None when the model does not exist yet)."""
    rows = organisation_rows(kind, organisation_id)
    if rows is None:
        return None
    if kind in (RecordKind.CONTACT, RecordKind.TIME_ENTRY):
        rows = rows.filter(date__lt=timezone.localdate(cutoff))
    elif kind == RecordKind.CLOSED_SIGNAL:
        rows = rows.filter(status="closed", closed_at__lt=cutoff)
    else:
        rows = _inactive_young_people(rows, cutoff)
    return rows.exclude(pk__in=_held_ids(organisation_id, kind))


def _inactive_young_people(rows, cutoff):
    """Created before the cutoff, no contact since, and in no signal (a signal keeps its people until it goes)."""
    rows = rows.filter(created_at__lt=cutoff).annotate(last_contact=Max("contacts__date"))
    rows = rows.filter(Q(last_contact__isnull=True) | Q(last_contact__lt=timezone.localdate(cutoff)))
    signals = signal_model()
    if signals is not None:
        involved = signals._meta.apps.get_model("signals", "SignalPerson")._base_manager.values("young_person_id")
        rows = rows.exclude(pk__in=involved)
    return rows


def _strip_signal_links(ids):
    """Intervision agenda items keep their place, not the signal's content: link and notes go."""
    signals = signal_model()
    agenda_item = signals._meta.apps.get_model("signals", "AgendaItem")
    for item in agenda_item._base_manager.filter(signal_id__in=ids):
        item.topic = f"#{item.signal_id}"
        item.signal = None
        item.notes = item.considerations = item.course_of_action = ""
        item.save(update_fields=["topic", "signal", "notes", "considerations", "course_of_action"])


@transaction.atomic
def _remove_kind(organisation_id, kind, days, now):
    """Remove one kind's expired records of one organisation, with one destruction row naming every id."""
    cutoff = now - timedelta(days=days)
    rows = expired_rows(kind, organisation_id, cutoff)
    if rows is None:
        return None
    model = model_for(kind)
    ids = sorted(model._base_manager.select_for_update().filter(pk__in=rows.values("pk")).values_list("pk", flat=True))
    if not ids:
        return None
    if kind == RecordKind.CLOSED_SIGNAL:
        _strip_signal_links(ids)
    Notification.objects.filter(target_type=model._meta.label_lower, target_id__in=ids).delete()
    model._base_manager.filter(pk__in=ids).delete()
    record = DestructionRecord.objects.create(
        organisation_id=organisation_id,
        kind=kind,
        at=now,
        retention_days=days,
        cutoff=cutoff,
        count=len(ids),
        object_ids=ids,
    )
    audit_log(
        actor=None,
        action=Action.DELETE,
        organisation=organisation_id,
        target=record,
        detail=f"retention: {len(ids)} {kind} older than {days} days",
    )
    return record


def retention_apply(*, organisation_id, now=None):
    """Remove every expired, unheld record of one organisation; returns the destruction rows written."""
    now = now or timezone.now()
    settings = retention_settings_for(organisation_id)
    records = []
    for kind in REMOVAL_ORDER:
        record = _remove_kind(organisation_id, kind, settings.days_for(kind), now)
        if record is not None:
            records.append(record)
    return records


def retention_apply_all(now=None):
    """The daily run: every organisation in turn; returns how many records went (a count, never content)."""
    removed = 0
    for organisation_id in Organisation.objects.order_by("pk").values_list("pk", flat=True):
        removed += sum(record.count for record in retention_apply(organisation_id=organisation_id, now=now))
    logger.info("retention removed %s records", removed)
    return removed
