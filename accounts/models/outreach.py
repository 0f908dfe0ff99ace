"""Where the team works online: platforms, target groups and platform accounts.

The issue "Target groups, personas and platform accounts" extends these.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models.people import Organisation, Team
from accounts.querysets import OrganisationScopedQuerySet, TeamScopedQuerySet


class PlatformQuerySet(OrganisationScopedQuerySet):
    def visible_to(self, user):
        # The catalogue holds shared platforms (no organisation) and an organisation's own.
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(models.Q(organisation__isnull=True) | models.Q(organisation=user.organisation_id))


class Platform(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="platforms"
    )
    name = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(max_length=80)
    handle_pattern = models.CharField(
        _("regel voor geldige accountnamen (reguliere expressie)"), max_length=300, blank=True
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = PlatformQuerySet.as_manager()

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="platform_unique_slug_per_org"),
        ]

    def __str__(self):
        return self.name


class TargetGroupQuerySet(TeamScopedQuerySet):
    def active(self):
        return self.filter(is_archived=False)


class TargetGroup(models.Model):
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="target_groups")
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("leeftijd vanaf"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("leeftijd tot en met"), null=True, blank=True)
    area = models.CharField(_("gebied of wijk"), max_length=120, blank=True)
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TargetGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="targetgroup_unique_name_per_team"),
        ]

    def __str__(self):
        return self.name


class PlatformAccount(models.Model):
    class Kind(models.TextChoices):
        PERSONAL_BUSINESS = "personal_business", _("zakelijk persoonlijk account")
        ORGANISATION = "organisation", _("organisatieaccount")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        APPROVED = "approved", _("goedgekeurd")
        ACTIVE = "active", _("actief")
        IN_REVIEW = "in_review", _("in review")
        ARCHIVED = "archived", _("gearchiveerd")
        REJECTED = "rejected", _("afgewezen")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="platform_accounts")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="platform_accounts")
    platform = models.ForeignKey(
        Platform, verbose_name=_("platform"), on_delete=models.PROTECT, related_name="accounts"
    )
    handle = models.CharField(_("accountnaam of profiel-URL"), max_length=200)
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="platform_accounts",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), blank=True, related_name="accounts"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("platformaccount")
        verbose_name_plural = _("platformaccounts")
        ordering = ["platform__name", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "platform", "handle"], name="platformaccount_unique_handle_per_org"
            ),
        ]

    def __str__(self):
        return f"{self.platform} – {self.handle}"
