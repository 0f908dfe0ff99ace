"""A serious signal, the people involved, its steps (Meldcode) and the event rows its timeline is built from."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Lookup, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.querysets import OrganisationScopedQuerySet

# The ten categories every organisation starts with (issue 6); an organisation can add its own.
DEFAULT_CATEGORIES = [
    _("Sexting / naaktfoto gedeeld zonder toestemming"),
    _("Online pesten"),
    _("Bedreiging of geweld"),
    _("Zelfbeschadiging of suïcidale uitingen"),
    _("Grooming of seksuele uitbuiting"),
    _("Radicalisering"),
    _("Drugs"),
    _("Huiselijk geweld of kindermishandeling"),
    _("Discriminatie of haat"),
    _("Anders"),
]


class Urgency(models.TextChoices):
    ACUTE = "acute", _("acuut")
    HIGH = "high", _("hoog")
    NORMAL = "normal", _("normaal")


URGENCY_RANK = {Urgency.ACUTE: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2}
URGENCY_ICON = {
    Urgency.ACUTE: "exclamation-octagon-fill",
    Urgency.HIGH: "exclamation-triangle-fill",
    Urgency.NORMAL: "info-circle",
}


def choice_label(choices, value):
    """The label of one value of a TextChoices class, as `get_FOO_display` gives it.

    A signal page shows a dozen labels; `get_FOO_display` translates all labels of the field for each one.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


# The response deadlines an organisation starts with, in minutes: 1 hour, 8 hours, 3 days.
DEFAULT_DEADLINE_MINUTES = {Urgency.ACUTE: 60, Urgency.HIGH: 8 * 60, Urgency.NORMAL: 3 * 24 * 60}


class SignalSettings(models.Model):
    """Per organisation: how quickly a signal of each urgency must be triaged."""

    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    acute_minutes = models.PositiveIntegerField(_("reactietermijn acuut (minuten)"), default=60)
    high_minutes = models.PositiveIntegerField(_("reactietermijn hoog (minuten)"), default=8 * 60)
    normal_minutes = models.PositiveIntegerField(_("reactietermijn normaal (minuten)"), default=3 * 24 * 60)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaalinstellingen")
        verbose_name_plural = _("signaalinstellingen")

    def __str__(self):
        return str(self.organisation)

    def minutes_for(self, urgency):
        return getattr(self, f"{urgency}_minutes")


class SignalCategory(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="signalcategory_unique_name_per_org")
        ]

    def __str__(self):
        return self.name


class AnyOfSubquery(Lookup):
    """`lhs = ANY(ARRAY(subquery))`: the same rows as `lhs IN (subquery)`, but PostgreSQL runs the subquery once,
    before the scan, and can use an index for it. Inside an OR, `IN (subquery)` becomes a hashed subplan checked
    on every row: all 20,000 signals were read (~10 ms) to find a lead's 1,000.
    """

    lookup_name = "any_of_subquery"

    def as_sql(self, compiler, connection):
        # Other databases (SQLite for `make run`): the plain IN, same rows.
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


class SignalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need-to-know, not team scope: reporter, handler, the team's leads and officers, session participants."""
        from accounts.permissions import LEAD_ROLES
        from accounts.selectors import memberships_of

        memberships = memberships_of(user)
        if not memberships:
            return self.none()
        lead_teams = sorted({tid for tid, role in memberships if role in LEAD_ROLES})
        on_agenda = AgendaItemSignalIds.for_participant(user)
        return self.filter(team__organisation_id=user.organisation_id).filter(
            Q(team_id__in=lead_teams) | Q(reporter=user) | Q(handler=user) | AnyOfSubquery(F("pk"), on_agenda)
        )

    def open(self):
        return self.exclude(status=Signal.Status.CLOSED)


def signal_visible_to(signal, user):
    """`SignalQuerySet.visible_to` for one signal already read (with its team): the same rule, checked on the row.

    Only when neither the team, reporting nor handling lets the person see it are the agenda of their sessions
    asked (one query). Reading a signal by its number and checking here costs PostgreSQL a tenth of the
    planning of the need-to-know filter (a fifth of a millisecond against 1–2 ms).
    """
    from accounts.permissions import LEAD_ROLES
    from accounts.selectors import memberships_of

    memberships = memberships_of(user)
    if not memberships or signal.team.organisation_id != user.organisation_id:
        return False
    if any(team_id == signal.team_id and role in LEAD_ROLES for team_id, role in memberships):
        return True
    if user.pk in (signal.reporter_id, signal.handler_id):
        return True
    return AgendaItemSignalIds.for_participant(user).filter(signal_id=signal.pk).exists()


class AgendaItemSignalIds:
    """The signals on the agenda of sessions this person took part in (a subquery, no extra round trip)."""

    @staticmethod
    def for_participant(user):
        from signals.models.intervision import AgendaItem

        on_agenda = AgendaItem.objects.filter(signal__isnull=False, session__participants=user)
        return on_agenda.order_by().values("signal_id")


class Signal(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", _("gemeld")
        TRIAGED = "triaged", _("beoordeeld")
        IN_PROGRESS = "in_progress", _("in behandeling")
        DECIDED = "decided", _("besloten")
        CLOSED = "closed", _("gesloten")
        REOPENED = "reopened", _("heropend")

    class Channel(models.TextChoices):
        DM = "dm", _("privébericht (DM)")
        GROUP_CHAT = "group_chat", _("groepschat")
        STORY = "story", _("story")
        PUBLIC_POST = "public_post", _("openbaar bericht")
        COMMENT = "comment", _("reactie")
        LIVE = "live", _("livestream")
        OFFLINE = "offline", _("verteld, niet online")

    Urgency = Urgency

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeld door"), on_delete=models.PROTECT, related_name="+"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REPORTED)
    category = models.ForeignKey(SignalCategory, verbose_name=_("categorie"), on_delete=models.PROTECT)
    urgency = models.CharField(_("urgentie"), max_length=8, choices=Urgency.choices)
    facts = models.TextField(_("wat je zag (feiten)"))
    interpretation = models.TextField(_("wat je ervan denkt (interpretatie)"), blank=True)
    source = models.CharField(_("bron"), max_length=200)
    seen_at = models.DateTimeField(_("wanneer gezien"))
    platform = models.ForeignKey(
        "accounts.Platform",
        verbose_name=_("platform"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("kanaal"), max_length=16, choices=Channel.choices)
    young_people = models.ManyToManyField(
        "registration.YoungPerson", through="SignalPerson", related_name="signals", verbose_name=_("jongeren")
    )
    contacts = models.ManyToManyField(
        "registration.Contact", blank=True, related_name="signals", verbose_name=_("contacten waar het uit kwam")
    )
    triage_due_at = models.DateTimeField(_("beoordelen vóór"))
    triaged_at = models.DateTimeField(null=True, blank=True)
    step_due_on = models.DateField(_("volgende stap uiterlijk"), null=True, blank=True)
    close_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    close_requested_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["status", "triage_due_at"]),
            # A team's signals in the queue's order (closed last, most urgent, oldest deadline): a lead's page
            # of all signals reads only the rows it shows instead of sorting all of the team's.
            models.Index(
                F("team"),
                Case(When(status="closed", then=Value(1)), default=Value(0)),
                Case(When(urgency="acute", then=Value(0)), When(urgency="high", then=Value(1)), default=Value(2)),
                F("triage_due_at"),
                F("id"),
                name="signal_team_queue_order",
            ),
            # The signals a person reports or handles in teams other than those they lead: the queue's page of all
            # signals reads them by person and team, not all of the person's signals to drop their own teams'.
            models.Index(fields=["handler", "team"], name="signal_handler_team"),
            models.Index(fields=["reporter", "team"], name="signal_reporter_team"),
        ]

    def __str__(self):
        # Never content: the number and the category are enough to find it.
        return f"#{self.pk} {self.category}"

    @property
    def urgency_rank(self):
        return URGENCY_RANK[self.urgency]

    @property
    def urgency_icon(self):
        return URGENCY_ICON[self.urgency]

    @property
    def is_triage_overdue(self):
        return self.status == self.Status.REPORTED and self.triage_due_at < timezone.now()

    @property
    def escalation_delay(self):
        """How long something may stay overdue before it goes to the lead (acute: an hour, else a day)."""
        return timedelta(hours=1) if self.urgency == Urgency.ACUTE else timedelta(days=1)


class SignalPerson(models.Model):
    class Role(models.TextChoices):
        ABOUT = "about", _("gaat over deze jongere")
        SHARER = "sharer", _("heeft het gedeeld")
        OTHER = "other", _("anders betrokken")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="people")
    young_person = models.ForeignKey(
        "registration.YoungPerson", verbose_name=_("jongere"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("rol"), max_length=8, choices=Role.choices)

    class Meta:
        verbose_name = _("betrokken jongere")
        verbose_name_plural = _("betrokken jongeren")
        constraints = [
            models.UniqueConstraint(fields=["signal", "young_person"], name="signalperson_unique_per_signal")
        ]

    def __str__(self):
        return f"{self.young_person} ({self.get_role_display()})"

    @property
    def role_label(self):
        return choice_label(self.Role, self.role)


class SignalStep(models.Model):
    """One step of the Meldcode, its own record; step-specific fields are empty for the other kinds."""

    class Kind(models.TextChoices):
        MAP = "map", _("Stap 1: in kaart brengen")
        CONSULT = "consult", _("Stap 2: overleggen")
        TALK = "talk", _("Stap 3: gesprek met de jongere")
        WEIGH = "weigh", _("Stap 4: afwegingskader")
        DECIDE = "decide", _("Stap 5: beslissen")

    class ConsultedWith(models.TextChoices):
        COLLEAGUE = "colleague", _("een collega")
        SAFEGUARDING_OFFICER = "safeguarding_officer", _("de aandachtsfunctionaris")
        INTERVISION = "intervision", _("het team in intervisie")
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis (advies, anoniem)")
        OTHER = "other", _("anders")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("stap"), max_length=8, choices=Kind.choices)
    happened_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # 1 map: facts, interpretations, sources
    facts = models.TextField(_("feiten"), blank=True)
    interpretation = models.TextField(_("interpretatie"), blank=True)
    sources = models.TextField(_("bronnen"), blank=True)
    # 2 consult
    consulted_with = models.CharField(_("met wie"), max_length=24, choices=ConsultedWith.choices, blank=True)
    advice = models.TextField(_("advies"), blank=True)
    agenda_item = models.ForeignKey(
        "signals.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # 3 talk (skipped only with a reason: safety)
    with_whom = models.CharField(_("met wie"), max_length=200, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)
    skipped = models.BooleanField(_("overgeslagen"), default=False)
    skip_reason = models.TextField(_("reden om over te slaan"), blank=True)
    # 4 weigh: {"1": {"answer": true, "explanation": "..."}, ...} and where the branches led
    answers = models.JSONField(default=dict, blank=True)
    weigh_outcome = models.CharField(_("uitkomst afwegingskader"), max_length=24, blank=True)
    # 5 decide
    reported_to_veilig_thuis = models.BooleanField(_("gemeld bij Veilig Thuis"), default=False)
    reported_on = models.DateField(_("datum melding"), null=True, blank=True)
    reference = models.CharField(_("kenmerk Veilig Thuis"), max_length=80, blank=True)
    involved_informed = models.BooleanField(_("betrokkenen vooraf geïnformeerd"), null=True, blank=True)
    not_informed_reason = models.TextField(_("waarom niet geïnformeerd"), blank=True)
    help_arranged = models.BooleanField(_("hulp georganiseerd"), default=False)
    help_what = models.TextField(_("welke hulp"), blank=True)
    help_by = models.CharField(_("door wie"), max_length=200, blank=True)
    close_with_monitoring = models.BooleanField(_("afsluiten met monitoringsafspraken"), default=False)
    monitoring_agreements = models.TextField(_("monitoringsafspraken"), blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["happened_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="talk", skipped=True, skip_reason=""), name="signalstep_skip_needs_reason"
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def kind_label(self):
        return choice_label(self.Kind, self.kind)

    @property
    def consulted_with_label(self):
        return choice_label(self.ConsultedWith, self.consulted_with)


class SignalEvent(models.Model):
    """One row per thing that happened to a signal; the timeline is rendered from these."""

    class Kind(models.TextChoices):
        REPORTED = "reported", _("gemeld")
        STATUS = "status", _("status gewijzigd")
        TRIAGED = "triaged", _("beoordeeld")
        STEP = "step", _("stap vastgelegd")
        CONSULTATION = "consultation", _("besproken in intervisie")
        ACTION = "action", _("vervolgactie")
        CLOSE_REQUESTED = "close_requested", _("sluiten aangevraagd")
        CLOSE_REFUSED = "close_refused", _("sluiten afgewezen")
        HANDLER_CHANGED = "handler_changed", _("behandelaar gewijzigd")
        CORRECTED = "corrected", _("melding gecorrigeerd")
        VIEWED = "viewed", _("bekeken")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    old_status = models.CharField(max_length=16, choices=Signal.Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=Signal.Status.choices, blank=True)
    reason = models.TextField(blank=True)
    # A short, translatable label of what happened ("Stap 2: overleggen"), never the record's content.
    label = models.CharField(max_length=200, blank=True)
    step = models.ForeignKey(SignalStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # A correction of the facts keeps what was there before: the report stays traceable (Meldcode dossier).
    previous_facts = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["signal", "at"])]

    def __str__(self):
        return f"{self.signal_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def kind_label(self):
        return choice_label(self.Kind, self.kind)

    @property
    def old_status_label(self):
        return choice_label(Signal.Status, self.old_status)

    @property
    def new_status_label(self):
        return choice_label(Signal.Status, self.new_status)
