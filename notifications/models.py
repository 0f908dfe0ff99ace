"""Notifications: the database is the source of truth for what is due and what was sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def visible_now(self):
        return self.filter(due_at__lte=timezone.now())

    def unread(self):
        return self.filter(read_at__isnull=True, acted_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("soort"), max_length=40, choices=Kind.choices)
    # What it is about, as "app_label.model" and id ("" and 0 when about nothing in particular).
    target_type = models.CharField(max_length=64, blank=True, default="")
    target_id = models.BigIntegerField(default=0)
    # Distinguishes repeats about the same object (e.g. the week or the step it is about).
    key = models.CharField(max_length=80, blank=True, default="")
    link = models.CharField(_("link"), max_length=300, blank=True)
    due_at = models.DateTimeField(_("moment"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    acted_at = models.DateTimeField(_("afgehandeld"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-due_at", "-pk"]
        constraints = [
            # Scheduling the same reminder twice (a retry, two beats) creates one row.
            models.UniqueConstraint(
                fields=["recipient", "kind", "target_type", "target_id", "key"],
                name="notification_unique_reminder",
            ),
        ]
        indexes = [
            models.Index(fields=["due_at"], condition=models.Q(sent_at__isnull=True), name="notification_unsent_due"),
            models.Index(fields=["recipient", "read_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    @property
    def title(self):
        return self.get_kind_display()
