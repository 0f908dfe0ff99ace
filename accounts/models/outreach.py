"""Where the team works online: platforms, target groups, how they use platforms, personas and platform accounts."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
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

    def in_use_for(self, organisation_id):
        """The platforms an organisation may still choose for new accounts and usage (not retired)."""
        return (
            self.filter(models.Q(organisation__isnull=True) | models.Q(organisation=organisation_id))
            .filter(is_active=True)
            .exclude(retired_for=organisation_id)
        )


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
    url_domains = models.CharField(
        _("webadressen van profielen"),
        max_length=200,
        blank=True,
        help_text=_("Gescheiden door spaties, bijvoorbeeld: instagram.com instagr.am"),
    )
    handle_example = models.CharField(_("voorbeeld van een geldige accountnaam"), max_length=80, blank=True)
    # A shared catalogue platform retired by one organisation stays in use for the others.
    retired_for = models.ManyToManyField(
        Organisation, blank=True, related_name="retired_platforms", verbose_name=_("niet meer in gebruik bij")
    )

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

    @property
    def domain_list(self):
        return [domain.strip().lower() for domain in self.url_domains.split() if domain.strip()]

    def normalise_handle(self, value):
        """The handle as compared and validated: lower case, no spaces, without "@" or the profile URL around it."""
        handle = re.sub(r"\s+", "", value or "").lower()
        handle = re.sub(r"^https?://", "", handle)
        handle = re.sub(r"^(www\.|m\.)", "", handle)
        for domain in sorted(self.domain_list, key=len, reverse=True):
            if handle == domain or handle.startswith(domain + "/"):
                handle = handle[len(domain) :].lstrip("/")
                # Path segments that only lead to the profile (snapchat.com/add/x, discord.gg/invite/x).
                handle = re.sub(r"^(add|invite|users)/(?=.)", "", handle)
                break
        handle = handle.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        return handle.lstrip("@")

    def handle_is_valid(self, normalised):
        """Whether a normalised handle follows this platform's rule (no rule: anything not empty)."""
        if not normalised:
            return False
        if not self.handle_pattern:
            return True
        try:
            return re.fullmatch(self.handle_pattern, normalised) is not None
        except re.error:
            return True


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
    needs = models.TextField(_("behoeften en thema's"), blank=True)
    estimated_size = models.PositiveIntegerField(_("geschatte omvang (aantal mensen)"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    @property
    def age_range(self):
        if self.age_min is not None and self.age_max is not None:
            return f"{self.age_min}–{self.age_max}"
        if self.age_min is not None:
            return f"{self.age_min}+"
        if self.age_max is not None:
            return f"≤ {self.age_max}"
        return ""


class TargetGroupChildQuerySet(TeamScopedQuerySet):
    team_lookup = "target_group__team"


def validate_communication_forms(value):
    if not isinstance(value, list) or not set(value) <= set(PlatformUsage.Form.values):
        raise ValidationError(_("Kies alleen uit de genoemde manieren van communiceren."), code="invalid_choice")


class PlatformUsage(models.Model):
    """How one target group uses one platform, and what the team does there."""

    class Frequency(models.TextChoices):
        NEVER = "never", _("nooit")
        SOMETIMES = "sometimes", _("soms")
        DAILY = "daily", _("dagelijks")

    class Form(models.TextChoices):
        STORIES = "stories", _("stories")
        DMS = "dms", _("privéberichten (DM's)")
        GROUP_CHATS = "group_chats", _("groepschats")
        COMMENTS = "comments", _("reacties")
        LIVE = "live", _("live")
        POSTS = "posts", _("berichten en video's")

    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("doelgroep"), on_delete=models.CASCADE, related_name="usages"
    )
    platform = models.ForeignKey(Platform, verbose_name=_("platform"), on_delete=models.PROTECT, related_name="usages")
    frequency = models.CharField(_("hoe vaak"), max_length=16, choices=Frequency.choices, default=Frequency.NEVER)
    # A list of Form values. JSON rather than a PostgreSQL array, so `make run` works on SQLite as well.
    communication_forms = models.JSONField(
        _("hoe ze er communiceren"), default=list, blank=True, validators=[validate_communication_forms]
    )
    team_activity = models.TextField(_("wat het team hier doet"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetGroupChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("platformgebruik")
        verbose_name_plural = _("platformgebruik")
        ordering = ["target_group__name", "platform__name"]
        constraints = [
            models.UniqueConstraint(fields=["target_group", "platform"], name="platformusage_unique_per_group"),
        ]

    def __str__(self):
        return f"{self.target_group} – {self.platform}"

    @property
    def is_used(self):
        return self.frequency != self.Frequency.NEVER

    def get_communication_forms_display(self):
        labels = dict(self.Form.choices)
        return ", ".join(str(labels.get(form, form)) for form in self.communication_forms)


class Persona(models.Model):
    """A described, fictional representative of a target group; never a real young person."""

    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("doelgroep"), on_delete=models.CASCADE, related_name="personas"
    )
    name = models.CharField(_("verzonnen naam"), max_length=80)
    age = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    story = models.TextField(_("kort verhaal"), blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    worries = models.TextField(_("zorgen"), blank=True)
    online_habits = models.TextField(_("online gewoonten"), blank=True)
    preferred_platforms = models.ManyToManyField(
        Platform, verbose_name=_("favoriete platforms"), blank=True, related_name="personas"
    )
    tone = models.TextField(_("toon die werkt"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TargetGroupChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persona's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PlatformAccountQuerySet(TeamScopedQuerySet):
    def live(self):
        """Accounts that are approved and not archived: the team is (or will be) there."""
        return self.filter(status__in=PlatformAccount.LIVE_STATUSES)


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

    LIVE_STATUSES = (Status.APPROVED, Status.ACTIVE, Status.IN_REVIEW)
    CLOSED_STATUSES = (Status.ARCHIVED, Status.REJECTED)

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
    # The handle as compared for duplicates: lower case, without "@" or the profile URL around it.
    handle_normalised = models.CharField(max_length=200, default="", editable=False)
    purpose = models.TextField(_("doel van het account"), blank=True)
    working_hours = models.CharField(
        _("bereikbaarheid op het profiel"),
        max_length=200,
        blank=True,
        help_text=_("Zet op je profiel wanneer je bereikbaar bent, bijvoorbeeld: ma–vr 13:00–21:00"),
    )
    credentials_location = models.CharField(
        _("waar de inloggegevens bewaard worden"),
        max_length=200,
        blank=True,
        help_text=_("Alleen de plek, bijvoorbeeld: wachtwoordmanager, kluis Team Noord. Nooit het wachtwoord zelf."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_due_on = models.DateField(_("controle uiterlijk op"), null=True, blank=True)
    last_reviewed_at = models.DateTimeField(_("laatst gecontroleerd"), null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    handover_flagged_at = models.DateTimeField(_("overdracht nodig sinds"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlatformAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("platformaccount")
        verbose_name_plural = _("platformaccounts")
        ordering = ["platform__name", "handle"]
        constraints = [
            # Archived and rejected accounts keep their history but no longer hold the handle.
            models.UniqueConstraint(
                fields=["organisation", "platform", "handle_normalised"],
                condition=~models.Q(status__in=["archived", "rejected"]),
                name="platformaccount_unique_live_handle_per_org",
            ),
        ]
        indexes = [models.Index(fields=["status", "review_due_on"])]

    def __str__(self):
        return f"{self.platform} – {self.handle}"

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES


class PlatformAccountEventQuerySet(TeamScopedQuerySet):
    team_lookup = "account__team"


class PlatformAccountEvent(models.Model):
    """One step on an account's timeline: a status change, a confirmed review, a handover."""

    class Action(models.TextChoices):
        TRANSITION = "transition", _("statuswijziging")
        REVIEW_CONFIRMED = "review_confirmed", _("controle bevestigd")
        HANDOVER_FLAGGED = "handover_flagged", _("overdracht nodig")
        TRANSFERRED = "transferred", _("overgedragen")
        CHANGED = "changed", _("gegevens gewijzigd")

    account = models.ForeignKey(PlatformAccount, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=24, choices=Action.choices, default=Action.TRANSITION)
    old_status = models.CharField(max_length=16, choices=PlatformAccount.Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=PlatformAccount.Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlatformAccountEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("accountgebeurtenis")
        verbose_name_plural = _("accountgebeurtenissen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.account_id}: {self.old_status} → {self.new_status}"
