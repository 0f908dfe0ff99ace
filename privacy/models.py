"""Retention periods per organisation, legal holds on single records, and the content-free destruction log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.querysets import OrganisationScopedQuerySet


class RecordKind(models.TextChoices):
    """The kinds of record the retention rules remove."""

    CONTACT = "contact", _("contacten")
    TIME_ENTRY = "time_entry", _("tijdregistraties")
    CLOSED_SIGNAL = "closed_signal", _("gesloten signalen")
    YOUNG_PERSON = "young_person", _("jongeren zonder activiteit")


# Defaults an organisation starts with, in days (two years for contacts and hours, five for closed signals).
DEFAULT_RETENTION_DAYS = {
    RecordKind.CONTACT: 2 * 365,
    RecordKind.TIME_ENTRY: 2 * 365,
    RecordKind.CLOSED_SIGNAL: 5 * 365,
    RecordKind.YOUNG_PERSON: 2 * 365,
}


def retention_validators():
    return [MinValueValidator(30), MaxValueValidator(20 * 365)]


class RetentionSettings(models.Model):
    """Per organisation: after how many days each kind of record is removed."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    contact_days = models.PositiveIntegerField(
        _("contacten (dagen na de datum van het contact)"),
        default=DEFAULT_RETENTION_DAYS[RecordKind.CONTACT],
        validators=retention_validators(),
    )
    time_entry_days = models.PositiveIntegerField(
        _("tijdregistraties (dagen na de datum)"),
        default=DEFAULT_RETENTION_DAYS[RecordKind.TIME_ENTRY],
        validators=retention_validators(),
    )
    closed_signal_days = models.PositiveIntegerField(
        _("gesloten signalen (dagen na het sluiten)"),
        default=DEFAULT_RETENTION_DAYS[RecordKind.CLOSED_SIGNAL],
        validators=retention_validators(),
    )
    young_person_days = models.PositiveIntegerField(
        _("jongeren zonder activiteit (dagen na het laatste contact)"),
        default=DEFAULT_RETENTION_DAYS[RecordKind.YOUNG_PERSON],
        validators=retention_validators(),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewaartermijnen")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self):
        return str(self.organisation)

    def days_for(self, kind):
        return getattr(self, f"{kind}_days")


class LegalHoldQuerySet(OrganisationScopedQuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)


class LegalHold(models.Model):
    """A record that must not be removed (a complaint, a court case), until an administrator releases it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort gegeven"), max_length=16, choices=RecordKind.choices)
    object_id = models.PositiveBigIntegerField(_("nummer van het gegeven"))
    reason = models.CharField(_("reden"), max_length=200)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.CharField(_("reden van opheffen"), max_length=200, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "object_id"],
                condition=Q(released_at__isnull=True),
                name="legalhold_one_active_per_record",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id}"

    @property
    def is_active(self):
        return self.released_at is None


class DestructionRecord(models.Model):
    """One batch removed by a retention rule: what kind, when, which rule, how many and which ids. Never content."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort gegeven"), max_length=16, choices=RecordKind.choices)
    at = models.DateTimeField(_("verwijderd op"), default=timezone.now, db_index=True)
    retention_days = models.PositiveIntegerField(_("bewaartermijn (dagen)"))
    cutoff = models.DateTimeField(_("ouder dan"))
    count = models.PositiveIntegerField(_("aantal"))
    object_ids = models.JSONField(_("nummers"), default=list)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vernietiging")
        verbose_name_plural = _("vernietigingslog")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="destructionrecord_not_empty"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.kind} {self.count}"
