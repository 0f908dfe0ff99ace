"""Every change to a signal: reporting, triage, the five steps, closing (four eyes) and reopening."""

import re
from datetime import timedelta

from django.db import connection, transaction
from django.db.models.sql import InsertQuery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.selectors import team_members
from audit.models import AuditEvent
from audit.services import audit_event, audit_log
from jongerenwerk.errors import DomainError
from jongerenwerk.transitions import ensure_allowed
from notifications.kinds import Kind
from notifications.services import notification_resolve, notification_schedule
from registration.models import YoungPerson
from signals import permissions
from signals.afwegingskader import Outcome, weigh
from signals.models import Signal, SignalCategory, SignalEvent, SignalPerson, SignalSettings, SignalStep
from signals.models.signal import DEFAULT_CATEGORIES, DEFAULT_DEADLINE_MINUTES

Status = Signal.Status
Role = Membership.Role
Action = AuditEvent.Action

ALLOWED_TRANSITIONS = {
    Status.REPORTED: {Status.TRIAGED},
    Status.TRIAGED: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.DECIDED},
    # A decision can be reopened before closing too (new facts after step 5).
    Status.DECIDED: {Status.CLOSED, Status.REOPENED},
    Status.CLOSED: {Status.REOPENED},
    Status.REOPENED: {Status.IN_PROGRESS, Status.DECIDED},
}
STATUS_LABELS = dict(Status.choices)

# Things people type that identify someone: a phone number, an email address, an @handle.
IDENTIFIER_PATTERNS = {
    "phone": re.compile(r"(?<![\w])(?:\+31|0031|0)[\s-]?(?:6|[1-9]\d{1,2})(?:[\s-]?\d){6,8}(?!\d)"),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "handle": re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,30}"),
}


def identifiers_in(text):
    """The kinds of identifying detail found in a text (for a warning, never stored or logged)."""
    text = text or ""
    found = []
    if IDENTIFIER_PATTERNS["phone"].search(text):
        found.append("phone")
    if IDENTIFIER_PATTERNS["email"].search(text):
        found.append("email")
    if IDENTIFIER_PATTERNS["handle"].search(IDENTIFIER_PATTERNS["email"].sub("", text)):
        found.append("handle")
    return found


def signal_categories_seed(organisation):
    """Give an organisation the ten default categories the first time it needs them."""
    if SignalCategory.objects.filter(organisation=organisation).exists():
        return
    with translation.override("nl"):
        for order, name in enumerate(DEFAULT_CATEGORIES):
            SignalCategory.objects.get_or_create(organisation=organisation, name=str(name), defaults={"order": order})


def response_deadline(organisation_id, urgency):
    """How long a signal of this urgency may wait for triage in this organisation."""
    found = SignalSettings.objects.filter(organisation_id=organisation_id).first()
    minutes = found.minutes_for(urgency) if found else DEFAULT_DEADLINE_MINUTES[urgency]
    return timedelta(minutes=minutes)


def signal_link(signal):
    return reverse("signals:detail", args=[signal.pk])


def _lead_recipients(team, *, exclude=()):
    return [u for u in team_members(team, Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER) if u.pk not in exclude]


def signal_about_id(signal, people=None):
    """The young person the signal is about (for the audit log's NEN 7513 field), if any.

    `people`: all of the signal's SignalPerson rows when the caller has read them already (no second query).
    """
    if people is not None:
        about = [(p.pk, p.young_person_id) for p in people if p.role == SignalPerson.Role.ABOUT]
        return min(about)[1] if about else None
    return (
        SignalPerson.objects.filter(signal=signal, role=SignalPerson.Role.ABOUT)
        .order_by("pk")
        .values_list("young_person_id", flat=True)
        .first()
    )


def _audit(signal, actor, action, detail, request=None, people=None):
    audit_log(
        actor=actor,
        action=action,
        target=signal,
        organisation=signal.team.organisation_id,
        request=request,
        young_person_id=signal_about_id(signal, people),
        detail=detail,
    )


def _event(signal, kind, actor, **fields):
    return SignalEvent.objects.create(signal=signal, kind=kind, actor=actor, **fields)


def _step_done(signal, next_step_due_on=None):
    """A recorded step meets the deadline that was set: the next one is due when the handler says (or not)."""
    signal.last_activity_at, signal.step_due_on = timezone.now(), next_step_due_on
    Signal.objects.filter(pk=signal.pk).update(last_activity_at=signal.last_activity_at, step_due_on=next_step_due_on)
    for kind in (Kind.SIGNAL_STEP_DUE, Kind.SIGNAL_STEP_OVERDUE, Kind.SIGNAL_IDLE):
        transaction.on_commit(lambda kind=kind: notification_resolve(target=signal, kind=kind))


def _send_now():
    from notifications.tasks import send_due_notifications

    send_due_notifications.delay()


def _resolve_person(team, actor, young_person=None, pseudonym=""):
    if young_person is not None:
        if young_person.team_id != team.pk:
            raise DomainError(_("Kies een jongere uit hetzelfde team als het signaal."), field="people")
        return young_person
    person, _created = YoungPerson.objects.get_or_create(
        team=team, pseudonym=pseudonym.strip(), defaults={"created_by": actor}
    )
    return person


def _link_contacts(signal, actor, contacts):
    """The contacts a signal came from: the reporter's own, in the signal's team."""
    if any(contact.team_id != signal.team_id or contact.worker_id != actor.pk for contact in contacts):
        raise DomainError(_("Kies alleen je eigen contacten uit het team van het signaal."), field="contacts")
    signal.contacts.set(contacts)


def signal_report(
    *,
    actor,
    team,
    category,
    urgency,
    facts,
    source,
    seen_at,
    channel,
    interpretation="",
    platform=None,
    people=(),
    contacts=(),
    request=None,
):
    """Record a new signal; an acute one notifies every lead and safeguarding officer of the team at once."""
    if team.pk not in permissions.reporting_team_ids(actor):
        raise DomainError(_("Je kunt alleen signalen melden voor je eigen team."), field="team")
    if category.organisation_id != team.organisation_id:
        raise DomainError(_("Kies een categorie van je eigen organisatie."), field="category")
    now = timezone.now()
    if seen_at > now + timedelta(minutes=5):
        raise DomainError(_("Het moment waarop je het zag kan niet in de toekomst liggen."), field="seen_at")
    with transaction.atomic():
        signal = Signal.objects.create(
            team=team,
            reporter=actor,
            category=category,
            urgency=urgency,
            facts=facts,
            interpretation=interpretation,
            source=source,
            seen_at=seen_at,
            platform=platform,
            channel=channel,
            triage_due_at=now + response_deadline(team.organisation_id, urgency),
            created_at=now,
            last_activity_at=now,
        )
        seen = set()
        for young_person, pseudonym, role in people:
            person = _resolve_person(team, actor, young_person, pseudonym)
            if person.pk in seen:
                continue
            seen.add(person.pk)
            SignalPerson.objects.create(signal=signal, young_person=person, role=role)
        _link_contacts(signal, actor, contacts)
        _event(signal, SignalEvent.Kind.REPORTED, actor, new_status=Status.REPORTED, label=str(category))
        _audit(signal, actor, Action.CREATE, "signal reported", request)
        if urgency == Signal.Urgency.ACUTE:
            for recipient in _lead_recipients(team):
                notification_schedule(
                    recipient=recipient, kind=Kind.SIGNAL_ACUTE, target=signal, link=signal_link(signal), due_at=now
                )
            transaction.on_commit(_send_now)
    return signal


def _last_change(signal):
    """The last status change (who moved the signal to where it is now)."""
    event = (
        SignalEvent.objects.filter(signal=signal, kind=SignalEvent.Kind.STATUS)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return event


def _transition(signal, new_status, *, actor, allowed, reason="", updates=None, label="", request=None, follow_up=None):
    """The one way a signal's status changes: lock, check, save, event row, audit, follow-up on commit."""
    with transaction.atomic():
        locked = Signal.objects.select_for_update().select_related("team").get(pk=signal.pk)
        if not allowed(locked):
            raise DomainError(_("Je mag deze stap bij dit signaal niet zetten."))
        try:
            ensure_allowed(ALLOWED_TRANSITIONS, locked.status, new_status, STATUS_LABELS)
        except DomainError as refused:
            raise DomainError(_explain_refusal(refused.message, locked, actor)) from None
        old_status = locked.status
        locked.status = new_status
        locked.last_activity_at = timezone.now()
        for field, value in (updates or {}).items():
            setattr(locked, field, value)
        locked.save(update_fields=["status", "last_activity_at", *(updates or {})])
        _event(
            locked,
            SignalEvent.Kind.STATUS,
            actor,
            old_status=old_status,
            new_status=new_status,
            reason=reason,
            label=label,
        )
        _audit(locked, actor, Action.CHANGE, f"status {old_status} -> {new_status}", request)
        if follow_up is not None:
            transaction.on_commit(lambda: follow_up(locked))
    return locked


def _explain_refusal(message, locked, actor):
    """Say what happened when someone else acted first (two people on one signal at once)."""
    last = _last_change(locked)
    if last is None or last.actor_id in (None, actor.pk):
        return message
    return _("%(message)s %(who)s heeft dit signaal zojuist op ‘%(status)s’ gezet (%(time)s). Bekijk de tijdlijn.") % {
        "message": message,
        "who": last.actor,
        "status": STATUS_LABELS[locked.status],
        "time": timezone.localtime(last.at).strftime("%H:%M"),
    }


def signal_triage(*, signal, actor, category, urgency, handler, step_due_on=None, request=None):
    """Confirm or change category and urgency and assign a handler (reported -> triaged)."""
    if handler.pk not in set(team_members(signal.team).values_list("pk", flat=True)):
        raise DomainError(_("Kies een behandelaar uit het team van dit signaal."), field="handler")
    if category.organisation_id != signal.team.organisation_id:
        raise DomainError(_("Kies een categorie van je eigen organisatie."), field="category")

    def follow_up(triaged):
        notification_resolve(target=triaged, kind=Kind.SIGNAL_TRIAGE_DUE)
        notification_resolve(target=triaged, kind=Kind.SIGNAL_ACUTE)
        notification_schedule(
            recipient=handler,
            kind=Kind.SIGNAL_ASSIGNED,
            target=triaged,
            link=signal_link(triaged),
            key=f"handler-{handler.pk}",
        )

    return _transition(
        signal,
        Status.TRIAGED,
        actor=actor,
        allowed=lambda s: permissions.can_triage(actor, s),
        updates={
            "category": category,
            "urgency": urgency,
            "handler": handler,
            "triaged_at": timezone.now(),
            "step_due_on": step_due_on,
        },
        label=_("Beoordeeld; behandelaar: %(handler)s") % {"handler": handler},
        request=request,
        follow_up=follow_up,
    )


def _ensure_can_record(signal, actor):
    if not permissions.can_work_on(actor, signal):
        raise DomainError(_("Alleen de behandelaar en de teamleiding leggen stappen vast."))
    if signal.status in (Status.REPORTED, Status.CLOSED):
        raise DomainError(_("Stappen leg je vast nadat het signaal is beoordeeld en voordat het is gesloten."))


def _start_if_needed(signal, actor, request):
    """The first step after triage or reopening starts the work (read under lock: the caller may hold a stale copy)."""
    current = Signal.objects.select_for_update().select_related("team").get(pk=signal.pk)
    if current.status in (Status.TRIAGED, Status.REOPENED):
        return _transition(current, Status.IN_PROGRESS, actor=actor, allowed=lambda s: True, request=request)
    return current


STEP_FIELDS = {
    SignalStep.Kind.MAP: ("facts", "interpretation", "sources"),
    SignalStep.Kind.CONSULT: ("consulted_with", "with_whom", "advice"),
    SignalStep.Kind.TALK: ("with_whom", "outcome", "skipped", "skip_reason"),
}


def _check_step(signal, kind, data):
    if kind == SignalStep.Kind.TALK:
        if data.get("skipped") and not (data.get("skip_reason") or "").strip():
            raise DomainError(_("Leg vast waarom het gesprek niet kan (de veiligheid)."), field="skip_reason")
        if not data.get("skipped") and not (data.get("outcome") or "").strip():
            raise DomainError(
                _("Beschrijf de uitkomst van het gesprek, of sla het over met een reden."), field="outcome"
            )


def signal_step_record(
    *,
    signal,
    actor,
    kind,
    happened_on,
    data,
    next_step_due_on=None,
    request=None,
    agenda_item=None,
    check_capability=True,
):
    """Record step 1, 2 or 3 as its own record; the first step puts the signal in progress."""
    if kind not in STEP_FIELDS:
        raise DomainError(_("Deze stap leg je met een eigen formulier vast."))
    if happened_on > timezone.localdate():
        raise DomainError(_("De datum kan niet in de toekomst liggen."), field="happened_on")
    if check_capability:
        _ensure_can_record(signal, actor)
    _check_step(signal, kind, data)
    fields = {name: data[name] for name in STEP_FIELDS[kind] if name in data}
    with transaction.atomic():
        signal = _start_if_needed(signal, actor, request)
        step = SignalStep.objects.create(
            signal=signal, kind=kind, happened_on=happened_on, recorded_by=actor, agenda_item=agenda_item, **fields
        )
        event_kind = SignalEvent.Kind.CONSULTATION if agenda_item else SignalEvent.Kind.STEP
        _event(signal, event_kind, actor, step=step, label=str(step.get_kind_display()))
        # A consultation in intervision does not move the handler's own deadline.
        _step_done(signal, next_step_due_on if agenda_item is None else signal.step_due_on)
        _audit(signal, actor, Action.CHANGE, f"step {kind} recorded", request)
    return step


def signal_weigh(*, signal, actor, happened_on, answers, explanations, request=None):
    """Record step 4: the afwegingskader answers in order, and where the branches lead."""
    _ensure_can_record(signal, actor)
    if not SignalStep.objects.filter(signal=signal, kind=SignalStep.Kind.MAP).exists():
        raise DomainError(_("Breng eerst de signalen in kaart (stap 1)."))
    path, outcome = weigh(answers)
    if outcome is None:
        missing = len(path) + 1
        raise DomainError(_("Beantwoord vraag %(n)d.") % {"n": missing}, field=f"q{missing}")
    for question in path:
        if not (explanations.get(question) or "").strip():
            raise DomainError(
                _("Licht je antwoord op vraag %(n)d toe.") % {"n": question}, field=f"q{question}_explanation"
            )
    stored = {str(q): {"answer": answers[q], "explanation": explanations[q].strip()} for q in path}
    with transaction.atomic():
        signal = _start_if_needed(signal, actor, request)
        step = SignalStep.objects.create(
            signal=signal,
            kind=SignalStep.Kind.WEIGH,
            happened_on=happened_on,
            recorded_by=actor,
            answers=stored,
            weigh_outcome=outcome,
        )
        _event(
            signal,
            SignalEvent.Kind.STEP,
            actor,
            step=step,
            label=f"{step.get_kind_display()}: {Outcome(outcome).label}",
        )
        _step_done(signal)
        _audit(signal, actor, Action.CHANGE, "step weigh recorded", request)
    return step


def _check_decision(data):
    report, help_arranged, close = (
        data.get("reported_to_veilig_thuis"),
        data.get("help_arranged"),
        data.get("close_with_monitoring"),
    )
    if not (report or help_arranged or close):
        raise DomainError(_("Kies wat je besluit: melden, hulp organiseren of afsluiten met monitoringsafspraken."))
    if close and report:
        raise DomainError(
            _("Na een melding bij Veilig Thuis sluit je niet af met alleen monitoring."), field="close_with_monitoring"
        )
    if report:
        if not data.get("reported_on") or not (data.get("reference") or "").strip():
            raise DomainError(_("Vul de datum en het kenmerk van de melding bij Veilig Thuis in."), field="reference")
        if data.get("involved_informed") is None:
            raise DomainError(_("Geef aan of de betrokkenen vooraf zijn geïnformeerd."), field="involved_informed")
        if data.get("involved_informed") is False and not (data.get("not_informed_reason") or "").strip():
            raise DomainError(_("Leg vast waarom de betrokkenen niet zijn geïnformeerd."), field="not_informed_reason")
    if help_arranged and not ((data.get("help_what") or "").strip() and (data.get("help_by") or "").strip()):
        raise DomainError(_("Beschrijf welke hulp er is georganiseerd en door wie."), field="help_what")
    if close and not (data.get("monitoring_agreements") or "").strip():
        raise DomainError(_("Beschrijf de monitoringsafspraken."), field="monitoring_agreements")


DECISION_FIELDS = (
    "reported_to_veilig_thuis",
    "reported_on",
    "reference",
    "involved_informed",
    "not_informed_reason",
    "help_arranged",
    "help_what",
    "help_by",
    "close_with_monitoring",
    "monitoring_agreements",
)


def signal_decide(*, signal, actor, happened_on, data, request=None):
    """Record step 5 (report and/or help, or close with monitoring) and mark the signal decided."""
    _ensure_can_record(signal, actor)
    if not SignalStep.objects.filter(signal=signal, kind=SignalStep.Kind.WEIGH).exists():
        raise DomainError(_("Doorloop eerst het afwegingskader (stap 4)."))
    _check_decision(data)
    with transaction.atomic():
        signal = _transition(
            signal,
            Status.DECIDED,
            actor=actor,
            allowed=lambda s: permissions.can_work_on(actor, s),
            label=str(SignalStep.Kind.DECIDE.label),
            updates={"step_due_on": None},
            request=request,
        )
        step = SignalStep.objects.create(
            signal=signal,
            kind=SignalStep.Kind.DECIDE,
            happened_on=happened_on,
            recorded_by=actor,
            **{f: data.get(f) for f in DECISION_FIELDS if data.get(f) is not None},
        )
        _event(signal, SignalEvent.Kind.STEP, actor, step=step, label=str(step.get_kind_display()))
    return step


def signal_close_request(*, signal, actor, request=None):
    """Ask a second lead or safeguarding officer to approve closing (four eyes)."""
    with transaction.atomic():
        locked = Signal.objects.select_for_update().select_related("team").get(pk=signal.pk)
        if not permissions.can_work_on(actor, locked):
            raise DomainError(_("Alleen de behandelaar en de teamleiding kunnen sluiten aanvragen."))
        if locked.status != Status.DECIDED:
            raise DomainError(_("Sluiten kan pas als het besluit (stap 5) is vastgelegd."))
        if locked.close_requested_at is not None:
            raise DomainError(_("Sluiten is al aangevraagd door %(who)s.") % {"who": locked.close_requested_by})
        locked.close_requested_by, locked.close_requested_at = actor, timezone.now()
        locked.last_activity_at = locked.close_requested_at
        locked.save(update_fields=["close_requested_by", "close_requested_at", "last_activity_at"])
        _event(locked, SignalEvent.Kind.CLOSE_REQUESTED, actor)
        _audit(locked, actor, Action.CHANGE, "close requested", request)
        for recipient in _lead_recipients(locked.team, exclude={actor.pk, locked.handler_id}):
            notification_schedule(
                recipient=recipient,
                kind=Kind.SIGNAL_CLOSE_APPROVAL,
                target=locked,
                link=signal_link(locked),
                key=f"close-{locked.close_requested_at:%Y%m%d%H%M%S}",
            )
    return locked


def signal_close_approve(*, signal, actor, request=None):
    """Approve the closing someone else asked for: decided -> closed."""

    def allowed(locked):
        if locked.close_requested_at is None:
            raise DomainError(_("Er is (nog) geen verzoek om dit signaal te sluiten."))
        if not permissions.can_approve_close(actor, locked):
            raise DomainError(
                _(
                    "Sluiten keurt een teamleider of aandachtsfunctionaris goed die niet de "
                    "behandelaar is en het niet zelf aanvroeg (vier ogen)."
                )
            )
        return True

    closed = _transition(
        signal,
        Status.CLOSED,
        actor=actor,
        allowed=allowed,
        updates={"closed_at": timezone.now()},
        label=_("Sluiten goedgekeurd"),
        request=request,
        follow_up=lambda s: notification_resolve(target=s, kind=Kind.SIGNAL_CLOSE_APPROVAL),
    )
    return closed


def signal_close_refuse(*, signal, actor, reason, request=None):
    """Send a closing request back to the handler, with a reason."""
    if not reason.strip():
        raise DomainError(_("Schrijf op waarom je het sluiten niet goedkeurt."), field="reason")
    with transaction.atomic():
        locked = Signal.objects.select_for_update().select_related("team").get(pk=signal.pk)
        if locked.close_requested_at is None or not permissions.can_approve_close(actor, locked):
            raise DomainError(_("Je kunt dit verzoek om te sluiten niet afwijzen."))
        locked.close_requested_by, locked.close_requested_at = None, None
        locked.save(update_fields=["close_requested_by", "close_requested_at"])
        _event(locked, SignalEvent.Kind.CLOSE_REFUSED, actor, reason=reason.strip())
        _audit(locked, actor, Action.CHANGE, "close refused", request)
        transaction.on_commit(lambda: notification_resolve(target=locked, kind=Kind.SIGNAL_CLOSE_APPROVAL))
    return locked


def signal_reopen(*, signal, actor, reason, request=None):
    """Reopen a decided or closed signal; a reason is required."""
    if not (reason or "").strip():
        raise DomainError(_("Schrijf op waarom je het signaal heropent."), field="reason")
    return _transition(
        signal,
        Status.REOPENED,
        actor=actor,
        allowed=lambda s: permissions.can_reopen(actor, s),
        reason=reason.strip(),
        updates={"closed_at": None, "close_requested_at": None, "close_requested_by": None},
        label=_("Heropend"),
        request=request,
    )


def signal_view(*, signal, actor, people=None, request=None):
    """Record that someone opened the signal page: one audit event and one timeline row, committed together.

    `people`: the signal's SignalPerson rows, when the page has read them already.
    """
    viewed = SignalEvent(signal=signal, kind=SignalEvent.Kind.VIEWED, actor=actor)
    audit = audit_event(
        actor=actor,
        action=Action.VIEW,
        target=signal,
        organisation=signal.team.organisation_id,
        request=request,
        young_person_id=signal_about_id(signal, people),
        detail="signal page",
    )
    if connection.vendor == "postgresql":
        _insert_together(viewed, audit)
        return
    with transaction.atomic():
        viewed.save(force_insert=True)
        audit.save(force_insert=True)


def _insert_together(*rows):
    """Insert unsaved rows with one statement (PostgreSQL): all of them or none, without a transaction of its own.

    One INSERT in a WITH per row but the last: a statement is atomic, so the opening's two rows need no BEGIN,
    savepoint or COMMIT round trips around them (4 round trips and ~0.5 ms of ORM Python became one).
    """
    statements, params = [], []
    for row in rows:
        query = InsertQuery(type(row))
        query.insert_values([field for field in row._meta.concrete_fields if not field.primary_key], [row])
        [(sql, row_params)] = query.get_compiler(connection=connection).as_sql()
        statements.append(sql)
        params.extend(row_params)
    *first, last = statements
    with_part = ", ".join(f"row_{n} AS ({sql})" for n, sql in enumerate(first))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {with_part} {last}" if first else last, params)
