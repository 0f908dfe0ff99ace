"""Intervision sessions and collegial consultations, their agenda, and the follow-up actions they agree."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.querysets import TeamScopedQuerySet


class SessionQuerySet(TeamScopedQuerySet):
    def visible_to(self, user):
        """The facilitator, the participants, and the team's leads and safeguarding officers."""
        from accounts.permissions import LEAD_ROLES
        from accounts.selectors import memberships_of

        memberships = memberships_of(user)
        if not memberships:
            return self.none()
        lead_teams = sorted({tid for tid, role in memberships if role in LEAD_ROLES})
        member_teams = sorted({tid for tid, _role in memberships})
        return self.filter(team_id__in=member_teams).filter(
            Q(team_id__in=lead_teams)
            | Q(facilitator=user)
            | Q(pk__in=self.model.participants.through.objects.filter(user=user).values("intervisionsession_id"))
        )


class IntervisionSession(models.Model):
    class Kind(models.TextChoices):
        INTERVISION = "intervision", _("intervisie")
        CONSULTATION = "consultation", _("collegiale consultatie")

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices, default=Kind.INTERVISION)
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=90)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gespreksleider"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finalised_at = models.DateTimeField(_("verslag vastgesteld"), null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervisie")
        verbose_name_plural = _("intervisies")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(place="", online_link=""), name="intervisionsession_place_or_link"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)

    @property
    def is_locked(self):
        return self.finalised_at is not None


class AgendaItem(models.Model):
    """One topic of a session: a signal or another topic, with notes, considerations and the course of action."""

    session = models.ForeignKey(IntervisionSession, on_delete=models.CASCADE, related_name="items")
    signal = models.ForeignKey(
        "signals.Signal", verbose_name=_("signaal"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    topic = models.CharField(_("onderwerp"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(_("aantekeningen"), blank=True)
    considerations = models.TextField(_("overwegingen"), blank=True)
    course_of_action = models.TextField(_("handelingsperspectief"), blank=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(signal__isnull=True, topic=""), name="agendaitem_signal_or_topic"),
            models.UniqueConstraint(fields=["session", "signal"], name="agendaitem_signal_once_per_session"),
        ]

    def __str__(self):
        # Never content: a signal by its number, another topic by its title.
        return f"#{self.signal_id}" if self.signal_id else self.topic


class FollowUpActionQuerySet(TeamScopedQuerySet):
    def open(self):
        return self.filter(status=FollowUpAction.Status.OPEN)


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("gedaan")
        CANCELLED = "cancelled", _("geannuleerd")

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("wat"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("wie"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_note = models.TextField(_("wat is er gedaan"), blank=True)
    cancel_reason = models.TextField(_("waarom geannuleerd"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="done", done_note=""), name="followupaction_done_needs_note"),
            models.CheckConstraint(
                condition=~Q(status="cancelled", cancel_reason=""), name="followupaction_cancel_needs_reason"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
