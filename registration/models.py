"""Contact registration and time: young people, contacts, time entries, funder agreements, budgets, approval."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.querysets import OrganisationScopedQuerySet, TeamScopedQuerySet

MAX_ENTRY_MINUTES = 12 * 60
DAY_WARNING_MINUTES = 16 * 60


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


class YoungPersonHandleQuerySet(TeamScopedQuerySet):
    team_lookup = "young_person__team"


class YoungPersonHandle(models.Model):
    """An optional account name of a young person on a platform (to recognise them, never to contact them)."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="handles")
    platform = models.ForeignKey(
        "accounts.Platform", verbose_name=_("platform"), on_delete=models.PROTECT, related_name="+"
    )
    handle = models.CharField(_("accountnaam"), max_length=120)

    objects = YoungPersonHandleQuerySet.as_manager()

    class Meta:
        verbose_name = _("account van een jongere")
        verbose_name_plural = _("accounts van jongeren")
        ordering = ["platform__name", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["young_person", "platform", "handle"], name="youngpersonhandle_unique"),
        ]

    def __str__(self):
        return f"{self.platform}: {self.handle}"


DEFAULT_THEMES = [
    ("relaties-en-seksualiteit", _("Relaties en seksualiteit")),
    ("school-en-werk", _("School en werk")),
    ("mentale-gezondheid", _("Mentale gezondheid")),
    ("online-veiligheid", _("Online veiligheid")),
    ("middelengebruik", _("Middelengebruik")),
    ("thuissituatie", _("Thuissituatie")),
    ("vrije-tijd", _("Vrije tijd")),
    ("overig", _("Overig")),
]


class Theme(models.Model):
    """A theme a contact can be about; each organisation keeps its own list (seeded with DEFAULT_THEMES)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(max_length=60)
    name = models.CharField(_("naam"), max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="theme_unique_slug_per_org")]

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    DM = "dm", _("Privébericht (DM)")
    COMMENT = "comment", _("Reactie")
    STORY_REPLY = "story_reply", _("Reactie op story")
    GROUP_CHAT = "group_chat", _("Groepschat")
    LIVE = "live", _("Live")
    OFFLINE_FOLLOW_UP = "offline_follow_up", _("Offline vervolg")


class WorkerAction(models.TextChoices):
    LISTENED = "listened", _("Geluisterd en bevestigd")
    NORMALISED = "normalised", _("Genormaliseerd")
    DISCUSSABLE = "discussable", _("Thema bespreekbaar gemaakt")
    INFORMED = "informed", _("Informatie gegeven")
    REFERRED = "referred", _("Doorverwezen")
    OFFLINE_MEETING = "offline_meeting", _("Offline 1-op-1 gesprek geregeld")


class Activity(models.TextChoices):
    MONITORING = "monitoring", _("Monitoren en scrollen")
    CONTENT = "content", _("Content maken")
    GROUP_CONVERSATION = "group_conversation", _("Online gesprek met meerdere jongeren")
    CONSULTATION = "consultation", _("Overleg")
    INTERVISION = "intervision", _("Intervisie")
    ADMINISTRATION = "administration", _("Administratie")
    TRAINING = "training", _("Training")


# Reports put contacts and time entries side by side; a contact counts as this activity.
CONTACT_ACTIVITY = "contact"
CONTACT_ACTIVITY_LABEL = _("Online contact")


def duration_validators():
    return [MinValueValidator(1), MaxValueValidator(MAX_ENTRY_MINUTES)]


class Contact(models.Model):
    """One online contact with one or more young people, registered like a regular contact."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individueel")
        GROUP = "group", _("Groep")

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    # No index of its own: the (worker, date) index below leads with the worker and serves every lookup by
    # worker and the foreign key's checks (same plans on the bench database, three more index pages read).
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jongerenwerker"),
        on_delete=models.PROTECT,
        related_name="contacts",
        db_index=False,
    )
    date = models.DateField(_("datum"), default=timezone.localdate, db_index=True)
    time = models.TimeField(_("tijd"), null=True, blank=True)
    platform = models.ForeignKey(
        "accounts.Platform", verbose_name=_("platform"), on_delete=models.PROTECT, related_name="+"
    )
    platform_account = models.ForeignKey(
        "accounts.PlatformAccount",
        verbose_name=_("gebruikt account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, default=Channel.DM)
    kind = models.CharField(_("individueel of groep"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    young_people_count = models.PositiveSmallIntegerField(
        _("aantal jongeren"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    young_people = models.ManyToManyField(
        YoungPerson, verbose_name=_("jongeren (pseudoniem)"), blank=True, related_name="contacts"
    )
    target_group = models.ForeignKey(
        "accounts.TargetGroup", verbose_name=_("doelgroep"), on_delete=models.PROTECT, related_name="+"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True, related_name="contacts")
    actions = models.JSONField(_("wat heb je gedaan"), default=list, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), validators=duration_validators())
    impression = models.TextField(_("sfeerbeeld"), blank=True, max_length=2000)
    follow_up = models.CharField(_("vervolgactie"), max_length=200, blank=True)
    follow_up_due = models.DateField(_("vervolgactie uiterlijk"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("vervolgactie afgerond"), null=True, blank=True)
    exported_at = models.DateTimeField(_("geëxporteerd"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["-date", "-time", "-pk"]
        indexes = [
            models.Index(fields=["team", "date"]),
            models.Index(fields=["worker", "date"]),
            # A worker's open follow-ups by due date (the home page): only the few open ones are in it.
            models.Index(
                fields=["worker", "follow_up_due"],
                condition=models.Q(follow_up_done_at__isnull=True) & ~models.Q(follow_up=""),
                name="contact_open_follow_ups",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=MAX_ENTRY_MINUTES),
                name="contact_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.platform_id} {self.duration_minutes} min"

    def action_labels(self):
        labels = dict(WorkerAction.choices)
        return [labels.get(value, value) for value in self.actions]


class TimeEntry(models.Model):
    """Time spent on online work that is not a contact: duration only, no start and end."""

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jongerenwerker"),
        on_delete=models.PROTECT,
        related_name="time_entries",
    )
    date = models.DateField(_("datum"), default=timezone.localdate, db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), validators=duration_validators())
    activity = models.CharField(_("activiteit"), max_length=24, choices=Activity.choices)
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    exported_at = models.DateTimeField(_("geëxporteerd"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tijdregistratie")
        verbose_name_plural = _("tijdregistraties")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["team", "date"]), models.Index(fields=["worker", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=MAX_ENTRY_MINUTES),
                name="timeentry_duration_range",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.get_activity_display()} {self.duration_minutes} min"


class TeamBudget(models.Model):
    """The team's default weekly online-work budget; a person's Membership.weekly_budget_minutes overrides it."""

    team = models.OneToOneField("accounts.Team", on_delete=models.CASCADE, related_name="registration_budget")
    weekly_minutes = models.PositiveIntegerField(
        _("wekelijks budget online werk (minuten)"),
        default=4 * 60,
        validators=[MinValueValidator(60), MaxValueValidator(40 * 60)],
    )

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("teambudget")
        verbose_name_plural = _("teambudgetten")

    def __str__(self):
        return f"{self.team}: {self.weekly_minutes} min"


class FunderAgreement(models.Model):
    """An agreement (opdracht) with a funder: period, teams, goals and an hour budget."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam van de opdracht"), max_length=160)
    funder = models.CharField(_("opdrachtgever"), max_length=160)
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    teams = models.ManyToManyField("accounts.Team", verbose_name=_("teams"), related_name="funder_agreements")
    hour_budget = models.PositiveIntegerField(_("urenbudget (uren)"), validators=[MinValueValidator(1)])
    monthly_report = models.BooleanField(
        _("maandrapport mailen"),
        default=False,
        help_text=_("Op de eerste werkdag van de maand krijgt de ontvanger het rapport van de vorige maand."),
    )
    report_recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger maandrapport"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_period"),
        ]

    def __str__(self):
        return self.name


class GoalQuerySet(OrganisationScopedQuerySet):
    organisation_lookup = "agreement__organisation"


class AgreementGoal(models.Model):
    """One agreed goal or result, e.g. '120 online contacts per quarter'."""

    class Metric(models.TextChoices):
        CONTACTS = "contacts", _("online contacten")
        YOUNG_PEOPLE = "young_people", _("bereikte jongeren")
        HOURS = "hours", _("uren online werk")
        HOURS_PER_WORKER_WEEK = "hours_per_worker_week", _("uren online aanwezigheid per jongerenwerker per week")

    class Per(models.TextChoices):
        AGREEMENT = "agreement", _("over de hele opdracht")
        WEEK = "week", _("per week")
        MONTH = "month", _("per maand")
        QUARTER = "quarter", _("per kwartaal")
        YEAR = "year", _("per jaar")

    agreement = models.ForeignKey(FunderAgreement, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("omschrijving"), max_length=200)
    metric = models.CharField(_("wat tellen we"), max_length=24, choices=Metric.choices)
    target = models.PositiveIntegerField(_("streefwaarde"), validators=[MinValueValidator(1)])
    per = models.CharField(_("per"), max_length=12, choices=Per.choices, default=Per.AGREEMENT)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")
        ordering = ["pk"]

    def __str__(self):
        return self.description


class MonthApproval(models.Model):
    """A team's month: once approved by the team lead its contacts and time entries are locked."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        APPROVED = "approved", _("goedgekeurd")

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = TeamScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("maandgoedkeuring")
        verbose_name_plural = _("maandgoedkeuringen")
        ordering = ["-month", "team__name"]
        constraints = [models.UniqueConstraint(fields=["team", "month"], name="monthapproval_unique_team_month")]

    def __str__(self):
        return f"{self.team} {self.month:%m-%Y} {self.status}"

    @property
    def is_locked(self):
        return self.status == self.Status.APPROVED


class MonthApprovalEvent(models.Model):
    """One step of a month's approval: approved, or reopened with a reason."""

    approval = models.ForeignKey(MonthApproval, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(max_length=12, choices=MonthApproval.Status.choices)
    new_status = models.CharField(max_length=12, choices=MonthApproval.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.approval_id}: {self.old_status} -> {self.new_status}"


class MonthlyReportDelivery(models.Model):
    """That an agreement's report for a month was sent: the unique row makes the email go out once."""

    agreement = models.ForeignKey(FunderAgreement, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "month"], name="monthlyreportdelivery_unique"),
        ]

    def __str__(self):
        return f"{self.agreement_id} {self.month:%Y-%m}"


class ExportJob(models.Model):
    """A large export built by a Celery task, with its progress and the finished file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=8)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    filename = models.CharField(max_length=120, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.format} {self.status} {self.progress}%"
