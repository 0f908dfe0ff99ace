"""Demo data of the privacy app: the demo organisation's retention periods and one legal hold."""

from privacy.models import DEFAULT_RETENTION_DAYS, LegalHold, RecordKind, RetentionSettings
from registration.models import Contact


def seed(demo):
    """Default retention periods for the demo organisation, and a hold on its oldest contact (safe to run again)."""
    organisation = demo["organisation"]
    defaults = {f"{kind}_days": days for kind, days in DEFAULT_RETENTION_DAYS.items()}
    RetentionSettings.objects.update_or_create(organisation=organisation, defaults=defaults)
    administrator = demo["users"].get("beheerder")
    oldest = Contact.objects.filter(team__organisation=organisation).order_by("date", "pk").first()
    if administrator is None or oldest is None:
        return
    LegalHold.objects.get_or_create(
        organisation=organisation,
        kind=RecordKind.CONTACT,
        object_id=oldest.pk,
        released_at=None,
        defaults={"reason": "Klacht 2026-03 (voorbeeld)", "placed_by": administrator},
    )
