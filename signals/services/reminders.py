"""The periodic reminders of signals and intervision. Each is scheduled once (a unique notification row)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import Membership
from accounts.selectors import team_members
from notifications.kinds import Kind
from notifications.services import notification_schedule
from signals.models import FollowUpAction, IntervisionSession, Signal
from signals.services.intervision import session_link
from signals.services.signal import signal_link

Role = Membership.Role
Status = Signal.Status
# How long before the deadline a triage reminder goes out.
TRIAGE_NEAR = {
    Signal.Urgency.ACUTE: timedelta(minutes=15),
    Signal.Urgency.HIGH: timedelta(hours=2),
    Signal.Urgency.NORMAL: timedelta(hours=12),
}
IDLE_AFTER = timedelta(days=14)
OPEN_STATUSES = (Status.TRIAGED, Status.IN_PROGRESS, Status.REOPENED, Status.DECIDED)


def _leads(team):
    return team_members(team, Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER)


def _end_of(day):
    """The moment a due date has passed: the end of that day in the local time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def remind_triage(now):
    """Triage deadline near or passed: to the team's leads and safeguarding officers."""
    count = 0
    for signal in Signal.objects.filter(status=Status.REPORTED).select_related("team"):
        passed = signal.triage_due_at <= now
        if not passed and signal.triage_due_at - TRIAGE_NEAR[signal.urgency] > now:
            continue
        for person in _leads(signal.team):
            notification_schedule(
                recipient=person,
                kind=Kind.SIGNAL_TRIAGE_DUE,
                target=signal,
                link=signal_link(signal),
                key="passed" if passed else "near",
            )
            count += 1
    return count


def _due_items(today):
    """(target, owner, due date, team, urgency, link) of open steps and follow-up actions."""
    horizon = today + timedelta(days=1)
    for signal in Signal.objects.filter(
        status__in=OPEN_STATUSES, step_due_on__lte=horizon, handler__isnull=False
    ).select_related("team", "handler"):
        yield signal, signal.handler, signal.step_due_on, signal.team, signal.urgency, signal_link(signal), "step"
    actions = (
        FollowUpAction.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("team", "owner", "signal", "agenda_item__session")
    )
    for action in actions:
        urgency = action.signal.urgency if action.signal_id else Signal.Urgency.NORMAL
        link = signal_link(action.signal) if action.signal_id else session_link(action.agenda_item.session)
        yield action, action.owner, action.due_on, action.team, urgency, link, "action"


def remind_due_and_overdue(now):
    """Due tomorrow or overdue: to the owner; still overdue after a day (acute: an hour): lead, then manager."""
    today = timezone.localdate(now)
    count = 0
    for target, owner, due_on, team, urgency, link, what in _due_items(today):
        key = f"{what}-{due_on:%Y%m%d}"
        if due_on == today + timedelta(days=1):
            notification_schedule(recipient=owner, kind=Kind.SIGNAL_STEP_DUE, target=target, link=link, key=key)
            count += 1
            continue
        if due_on >= today:
            continue
        notification_schedule(recipient=owner, kind=Kind.SIGNAL_STEP_OVERDUE, target=target, link=link, key=key)
        count += 1
        delay = timedelta(hours=1) if urgency == Signal.Urgency.ACUTE else timedelta(days=1)
        overdue_since = _end_of(due_on)
        for level, roles, after in (("lead", (Role.TEAM_LEAD,), delay), ("manager", (Role.MANAGER,), 2 * delay)):
            if now - overdue_since < after:
                break
            for person in _escalation_recipients(team, roles):
                notification_schedule(
                    recipient=person, kind=Kind.SIGNAL_ESCALATED, target=target, link=link, key=f"{key}-{level}"
                )
                count += 1
    return count


def _escalation_recipients(team, roles):
    if Role.MANAGER in roles:
        memberships = Membership.objects.filter(
            team__organisation_id=team.organisation_id, role=Role.MANAGER, user__is_active=True
        )
        return [m.user for m in memberships.select_related("user").distinct()]
    return list(team_members(team, *roles))


def remind_intervision_tomorrow(now):
    """An intervision session tomorrow: to each participant."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    start, end = _end_of(tomorrow - timedelta(days=1)), _end_of(tomorrow)
    count = 0
    sessions = IntervisionSession.objects.filter(starts_at__gte=start, starts_at__lt=end).prefetch_related(
        "participants"
    )
    for session in sessions:
        for person in session.participants.all():
            notification_schedule(
                recipient=person,
                kind=Kind.INTERVISION_TOMORROW,
                target=session,
                link=session_link(session),
                key=f"{tomorrow:%Y%m%d}",
            )
            count += 1
    return count


def remind_idle(now):
    """No activity for 14 days on an open signal: to the handler and the team's leads."""
    count = 0
    idle = Signal.objects.exclude(status=Status.CLOSED).filter(last_activity_at__lte=now - IDLE_AFTER)
    for signal in idle.select_related("team", "handler"):
        people = {p.pk: p for p in team_members(signal.team, Role.TEAM_LEAD)}
        if signal.handler_id:
            people[signal.handler_id] = signal.handler
        for person in people.values():
            notification_schedule(
                recipient=person,
                kind=Kind.SIGNAL_IDLE,
                target=signal,
                link=signal_link(signal),
                key=f"idle-{signal.last_activity_at:%Y%m%d%H%M}",
            )
            count += 1
    return count


def signal_reminders_schedule(now=None):
    """Schedule every signal and intervision reminder that is due now; running it twice adds nothing."""
    now = now or timezone.now()
    return {
        "triage": remind_triage(now),
        "due": remind_due_and_overdue(now),
        "intervision": remind_intervision_tomorrow(now),
        "idle": remind_idle(now),
    }
