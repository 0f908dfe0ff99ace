"""Contact registration and time. The registration issue extends this module."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.querysets import TeamScopedQuerySet


class YoungPerson(models.Model):
    """A pseudonymous record of one young person: never a full name, never a birth date."""

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="young_people"
    )
    pseudonym = models.CharField(_("pseudoniem of bijnaam"), max_length=60)
    initials = models.CharField(_("initialen"), max_length=8, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    target_group = models.ForeignKey(
        "accounts.TargetGroup",
        verbose_name=_("doelgroep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="young_people",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["team", "pseudonym"], name="youngperson_unique_pseudonym_per_team"),
        ]

    def __str__(self):
        return self.pseudonym
