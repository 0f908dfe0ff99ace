"""Policy documents with reviewed, immutable versions; acknowledgements; editorial review of organisation posts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, PlatformAccount, Team


def _visible_documents(user, prefix=""):
    """Q: organisation-wide documents of the person's organisation and those of teams they see; None: no documents."""
    from accounts.selectors import memberships_of, visible_team_ids

    if not memberships_of(user):
        return None
    return Q(**{f"{prefix}organisation_id": user.organisation_id}) & (
        Q(**{f"{prefix}team__isnull": True}) | Q(**{f"{prefix}team__in": visible_team_ids(user)})
    )


class PolicyDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisation-wide documents of the person's organisation, and those of the teams they may see."""
        visible = _visible_documents(user)
        return self.none() if visible is None else self.filter(visible)

    def applying_to(self, user):
        """The documents a person must read: organisation-wide ones and those of their own teams."""
        from accounts.selectors import member_team_ids, memberships_of

        if not memberships_of(user):
            return self.none()
        return self.filter(organisation_id=user.organisation_id).filter(
            Q(team__isnull=True) | Q(team__in=member_team_ids(user))
        )


class PolicyDocument(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_MEDIA = "social_media", _("socialemediabeleid")
        NORMS_VALUES = "norms_values", _("normen en waarden online")
        SIGNAL_PROTOCOL = "signal_protocol", _("signaalprotocol")
        COMMUNICATION = "communication", _("communicatiebeleid")
        OTHER = "other", _("overig")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="policy_documents")
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_documents",
        help_text=_("Leeg: het geldt voor de hele organisatie."),
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="+"
    )
    review_interval_months = models.PositiveSmallIntegerField(_("herzien na (maanden)"), default=12)
    next_review_on = models.DateField(_("herzien uiterlijk op"), null=True, blank=True)
    must_fit = models.ForeignKey(
        "self",
        verbose_name=_("moet aansluiten op"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fitting_documents",
    )
    # The version of `must_fit` the owner last confirmed this document fits; a newer one raises the flag.
    fit_confirmed_version = models.ForeignKey(
        "PolicyVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("beleidsdocument")
        verbose_name_plural = _("beleidsdocumenten")
        ordering = ["title"]

    def __str__(self):
        return self.title


class PolicyVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The versions of the documents this person may see."""
        # On the version's own document (a join the pages select anyway), not `document__in` a subquery of
        # documents: a simpler statement to build and to plan, asked on every version page.
        visible = _visible_documents(user, prefix="document__")
        return self.none() if visible is None else self.filter(visible)

    def published(self):
        return self.filter(status=PolicyVersion.Status.PUBLISHED)


class PolicyVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        IN_REVIEW = "in_review", _("in review")
        APPROVED = "approved", _("goedgekeurd")
        PUBLISHED = "published", _("gepubliceerd")
        SUPERSEDED = "superseded", _("vervallen")

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    body = models.TextField(_("tekst (Markdown)"))
    change_summary = models.CharField(_("wat is er veranderd"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Signal protocols only: what the signals part shows next to an acute signal.
    on_call_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dienstdoende teamleider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    on_call_phone = models.CharField(_("telefoonnummer bereikbaarheidsdienst"), max_length=30, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("beleidsversie")
        verbose_name_plural = _("beleidsversies")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="policyversion_unique_number"),
            # Exactly one published version per document, even when two people publish at once.
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="published"), name="policyversion_one_published"
            ),
        ]

    def __str__(self):
        return f"{self.document} – v{self.number}"

    @property
    def is_frozen(self):
        """Published and superseded versions never change."""
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)


class PolicyVersionEvent(models.Model):
    """One step of a version's life: the timeline is rendered from these rows."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(max_length=16, choices=PolicyVersion.Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=PolicyVersion.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    comment = models.TextField(_("toelichting"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.version_id}: {self.old_status} -> {self.new_status}"


class PolicyAcknowledgement(models.Model):
    """A person confirmed they read one published version. Never changed or deleted."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="policy_acknowledgements")
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("kennisname")
        verbose_name_plural = _("kennisnames")
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="policyack_once_per_version")]

    def __str__(self):
        return f"{self.user_id} read {self.version_id}"


class PolicyAckPostponement(models.Model):
    """A person chose 'later' for a version: at most twice, a day each."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField()

    def __str__(self):
        return f"{self.user_id} postponed {self.version_id}"


class PostReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.selectors import visible_team_ids

        return self.filter(account__team__in=visible_team_ids(user))


class PostReview(models.Model):
    """A draft post for an organisation account, approved by a second person before its planned time."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("wacht op goedkeuring")
        APPROVED = "approved", _("goedgekeurd")
        SENT_BACK = "sent_back", _("teruggestuurd")
        EXPIRED = "expired", _("verlopen")

    account = models.ForeignKey(
        PlatformAccount, verbose_name=_("organisatieaccount"), on_delete=models.PROTECT, related_name="post_reviews"
    )
    text = models.TextField(_("tekst van het bericht"))
    planned_at = models.DateTimeField(_("gepland op"))
    checked_against = models.ManyToManyField(
        PolicyDocument, verbose_name=_("getoetst aan"), blank=True, related_name="post_reviews"
    )
    checked_points = models.TextField(_("aandachtspunten waaraan je het bericht toetste"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tweede lezer"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht ter goedkeuring")
        verbose_name_plural = _("berichten ter goedkeuring")
        ordering = ["planned_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(author=models.F("reviewer")), name="postreview_second_person"),
        ]

    def __str__(self):
        return f"{self.account} {self.planned_at:%Y-%m-%d %H:%M}"


class PostReviewEvent(models.Model):
    post = models.ForeignKey(PostReview, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(max_length=16, choices=PostReview.Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=PostReview.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.post_id}: {self.old_status} -> {self.new_status}"
