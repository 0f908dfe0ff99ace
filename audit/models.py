"""The append-only access and change log (NEN 7513 fields). It never holds the free text of a record."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.querysets import OrganisationScopedQuerySet


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("bekeken")
        CREATE = "create", _("aangemaakt")
        CHANGE = "change", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        EXPORT = "export", _("geëxporteerd")
        LOGIN = "login", _("ingelogd")
        LOGIN_FAILED = "login_failed", _("inloggen mislukt")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("handeling"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=64, blank=True)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    # NEN 7513: which young person the record is about, and on whose behalf it was done.
    young_person_id = models.BigIntegerField(_("jongere"), null=True, blank=True, db_index=True)
    on_behalf_of = models.CharField(_("namens"), max_length=120, blank=True)
    detail = models.CharField(_("toelichting"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}:{self.object_id}"
