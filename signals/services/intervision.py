"""Intervision sessions and collegial consultations: scheduling, minutes, follow-up actions, the .ics."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.selectors import team_members
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.services import notification_resolve, notification_schedule
from registration.models import Activity
from registration.permissions import can_register
from registration.services.entries import time_entry_create
from signals import permissions
from signals.models import AgendaItem, FollowUpAction, IntervisionSession, Signal, SignalEvent, SignalStep
from signals.services.signal import signal_step_record

Action = AuditEvent.Action


def session_link(session):
    return reverse("signals:session_detail", args=[session.pk])


def _audit(session, actor, action, detail, request=None):
    audit_log(
        actor=actor,
        action=action,
        target=session,
        organisation=session.team.organisation_id,
        request=request,
        detail=detail,
    )


def session_schedule(
    *,
    actor,
    team,
    kind,
    starts_at,
    duration_minutes,
    facilitator,
    participants,
    place="",
    online_link="",
    signals=(),
    topics=(),
    request=None,
):
    """Plan a session with its participants and agenda; participants get an invitation with an .ics."""
    if not permissions.can_schedule_session(actor, team.pk):
        raise DomainError(_("Je kunt alleen voor je eigen team een intervisie plannen."), field="team")
    if not (place.strip() or online_link.strip()):
        raise DomainError(_("Vul een plaats of een online link in."), field="place")
    members = set(team_members(team).values_list("pk", flat=True))
    people = {facilitator, *participants}
    if any(person.pk not in members for person in people):
        raise DomainError(_("Kies de gespreksleider en deelnemers uit het team."), field="participants")
    if any(signal.team_id != team.pk for signal in signals):
        raise DomainError(_("Zet alleen signalen van dit team op de agenda."), field="signals")
    visible = set(Signal.objects.visible_to(actor).filter(pk__in=[s.pk for s in signals]).values_list("pk", flat=True))
    if any(signal.pk not in visible for signal in signals):
        # Putting a signal on the agenda shares it with the participants: only someone who may see it can.
        raise DomainError(_("Zet alleen signalen op de agenda die je zelf mag inzien."), field="signals")
    with transaction.atomic():
        session = IntervisionSession.objects.create(
            team=team,
            kind=kind,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            place=place.strip(),
            online_link=online_link.strip(),
            facilitator=facilitator,
            created_by=actor,
        )
        session.participants.set(people)
        order = 0
        for order, signal in enumerate(signals, start=1):
            AgendaItem.objects.create(session=session, signal=signal, order=order)
        for offset, topic in enumerate((t.strip() for t in topics if t.strip()), start=order + 1):
            AgendaItem.objects.create(session=session, topic=topic, order=offset)
        _audit(session, actor, Action.CREATE, "session scheduled", request)
        transaction.on_commit(lambda: session_send_invitations(session.pk))
    return session


def session_ics(session):
    """The calendar invitation: kind, time, place or link. Never the agenda (it holds signals)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Jongerenwerk//intervisie//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"intervision-{session.pk}@jongerenwerk")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    with translation.override("nl"):
        event.add("summary", str(session.get_kind_display()).capitalize())
    event.add("location", session.online_link or session.place)
    event.add("url", settings.SITE_URL + session_link(session))
    calendar.add_component(event)
    return calendar.to_ical()


def session_send_invitations(session_id):
    """Email each participant the kind, time and link of a session, with the .ics attached."""
    session = IntervisionSession.objects.select_related("team").get(pk=session_id)
    ics = session_ics(session)
    for person in session.participants.all():
        with translation.override(person.language or settings.LANGUAGE_CODE):
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Uitnodiging: %(kind)s") % {
                "kind": session.get_kind_display()
            }
            body = _("Je bent uitgenodigd voor een %(kind)s op %(when)s.\n\nBekijk het hier: %(url)s\n") % {
                "kind": session.get_kind_display(),
                "when": timezone.localtime(session.starts_at).strftime("%d-%m-%Y %H:%M"),
                "url": settings.SITE_URL + session_link(session),
            }
        message = EmailMessage(subject, body, None, [person.email])
        message.attach("intervisie.ics", ics, "text/calendar")
        message.send()


def _ensure_editable(session, actor):
    if session.is_locked:
        raise DomainError(_("Het verslag is vastgesteld en kan niet meer worden gewijzigd."))
    if not permissions.can_edit_session(actor, session):
        raise DomainError(_("Alleen de gespreksleider en de teamleiding leggen het verslag vast."))


def agenda_item_add(*, session, actor, signal=None, topic="", request=None):
    """Add a signal of the team or another topic to the agenda."""
    _ensure_editable(session, actor)
    if signal is None and not topic.strip():
        raise DomainError(_("Kies een signaal of vul een onderwerp in."), field="topic")
    if signal is not None and signal.team_id != session.team_id:
        raise DomainError(_("Zet alleen signalen van dit team op de agenda."), field="signal")
    if signal is not None and not Signal.objects.visible_to(actor).filter(pk=signal.pk).exists():
        raise DomainError(_("Zet alleen signalen op de agenda die je zelf mag inzien."), field="signal")
    if signal is not None and AgendaItem.objects.filter(session=session, signal=signal).exists():
        raise DomainError(_("Dit signaal staat al op de agenda."), field="signal")
    with transaction.atomic():
        order = session.items.count() + 1
        item = AgendaItem.objects.create(session=session, signal=signal, topic=topic.strip(), order=order)
        _audit(session, actor, Action.CHANGE, "agenda item added", request)
    return item


def agenda_item_record(*, item, actor, notes, considerations, course_of_action, request=None):
    """Write the notes, considerations and course of action of one agenda item."""
    session = item.session
    _ensure_editable(session, actor)
    with transaction.atomic():
        IntervisionSession.objects.select_for_update().filter(pk=session.pk).first()
        item.notes, item.considerations, item.course_of_action = notes, considerations, course_of_action
        item.save(update_fields=["notes", "considerations", "course_of_action"])
        _audit(session, actor, Action.CHANGE, "agenda item recorded", request)
    return item


def action_add(*, item, actor, description, owner, due_on, request=None):
    """Turn the course of action into one follow-up action with an owner and a due date."""
    session = item.session
    _ensure_editable(session, actor)
    if owner.pk not in set(team_members(session.team).values_list("pk", flat=True)):
        raise DomainError(_("Kies iemand uit het team als eigenaar."), field="owner")
    with transaction.atomic():
        action = FollowUpAction.objects.create(
            team=session.team,
            agenda_item=item,
            signal=item.signal,
            description=description.strip(),
            owner=owner,
            due_on=due_on,
        )
        if item.signal_id:
            SignalEvent.objects.create(
                signal_id=item.signal_id,
                kind=SignalEvent.Kind.ACTION,
                actor=actor,
                label=_("Vervolgactie voor %(owner)s, uiterlijk %(due)s")
                % {"owner": owner, "due": due_on.strftime("%d-%m-%Y")},
            )
            Signal.objects.filter(pk=item.signal_id).update(last_activity_at=timezone.now())
        _audit(session, actor, Action.CREATE, "follow-up action added", request)
    return action


def session_finalise(*, session, actor, request=None):
    """Lock the minutes; each discussed signal gets its consultation step; participants are told (no content)."""
    with transaction.atomic():
        locked = IntervisionSession.objects.select_for_update().select_related("team").get(pk=session.pk)
        if locked.is_locked:
            raise DomainError(_("Het verslag is al vastgesteld."))
        if not permissions.can_finalise_session(actor, locked):
            raise DomainError(_("Alleen de gespreksleider stelt het verslag vast."))
        locked.finalised_at = timezone.now()
        locked.save(update_fields=["finalised_at"])
        for item in locked.items.filter(signal__isnull=False).select_related("signal", "signal__team"):
            if item.signal.status == Signal.Status.CLOSED:
                continue
            signal_step_record(
                signal=item.signal,
                actor=actor,
                kind=SignalStep.Kind.CONSULT,
                happened_on=min(timezone.localtime(locked.starts_at).date(), timezone.localdate()),
                data={
                    "consulted_with": SignalStep.ConsultedWith.INTERVISION,
                    "with_whom": str(locked),
                    "advice": item.course_of_action,
                },
                agenda_item=item,
                check_capability=False,
                request=request,
            )
        _log_time(locked, request)
        _audit(locked, actor, Action.CHANGE, "minutes finalised", request)
        for person in locked.participants.all():
            notification_schedule(
                recipient=person, kind=Kind.INTERVISION_MINUTES, target=locked, link=session_link(locked)
            )
    return locked


def _log_time(session, request):
    """The session's time as an intervision time entry for each participant who registers time (registration app).

    A participant whose month is already approved (locked) or who does not register time is skipped:
    finalising the minutes must not fail on it.
    """
    day = min(timezone.localtime(session.starts_at).date(), timezone.localdate())
    data = {
        "date": day,
        "duration_minutes": session.duration_minutes,
        "activity": Activity.INTERVISION,
        "note": str(session.get_kind_display()),
    }
    for person in session.participants.all():
        if not can_register(person, session.team_id):
            continue
        try:
            with transaction.atomic():
                time_entry_create(actor=person, team=session.team, data=data, request=request)
        except DomainError:
            continue


def _finish_action(action, actor, status, field, text, request):
    with transaction.atomic():
        locked = FollowUpAction.objects.select_for_update().select_related("team").get(pk=action.pk)
        if not permissions.can_update_action(actor, locked):
            raise DomainError(_("Deze vervolgactie is al afgerond, of je mag hem niet wijzigen."))
        locked.status, locked.completed_at, locked.completed_by = status, timezone.now(), actor
        setattr(locked, field, text.strip())
        locked.save(update_fields=["status", "completed_at", "completed_by", field])
        if locked.signal_id:
            SignalEvent.objects.create(
                signal_id=locked.signal_id,
                kind=SignalEvent.Kind.ACTION,
                actor=actor,
                label=_("Vervolgactie %(status)s") % {"status": locked.get_status_display()},
            )
            Signal.objects.filter(pk=locked.signal_id).update(last_activity_at=timezone.now())
        audit_log(
            actor=actor,
            action=Action.CHANGE,
            target=locked,
            organisation=locked.team.organisation_id,
            request=request,
            detail=f"action {status}",
        )
        transaction.on_commit(lambda: notification_resolve(target=locked))
    return locked


def action_complete(*, action, actor, note, request=None):
    """Mark a follow-up action done; a note of what was done is required."""
    if not (note or "").strip():
        raise DomainError(_("Schrijf kort op wat er is gedaan."), field="note")
    return _finish_action(action, actor, FollowUpAction.Status.DONE, "done_note", note, request)


def action_cancel(*, action, actor, reason, request=None):
    """Cancel a follow-up action; a reason is required."""
    if not (reason or "").strip():
        raise DomainError(_("Schrijf op waarom de actie niet doorgaat."), field="note")
    return _finish_action(action, actor, FollowUpAction.Status.CANCELLED, "cancel_reason", reason, request)
