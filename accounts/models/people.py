"""People, organisations, teams and the role a person has in each team."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    account_review_interval_months = models.PositiveSmallIntegerField(_("reviewtermijn accounts (maanden)"), default=6)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer (Django admin)"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.selectors import visible_team_ids

        return self.filter(pk__in=visible_team_ids(user))


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("naam"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org")]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        YOUTH_WORKER = "youth_worker", _("jongerenwerker")
        TEAM_LEAD = "team_lead", _("teamleider")
        SAFEGUARDING_OFFICER = "safeguarding_officer", _("aandachtsfunctionaris")
        MANAGER = "manager", _("manager")
        ADMINISTRATOR = "administrator", _("beheerder")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    weekly_budget_minutes = models.PositiveIntegerField(
        _("wekelijks budget online werk (minuten)"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["team__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique_role")]

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_role_display()})"


def _invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A single-use link that lets one email address join one team in one role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=32, choices=Membership.Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
