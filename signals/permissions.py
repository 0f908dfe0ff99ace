"""Named capabilities for signals and intervision. Templates get these as booleans."""

from accounts.models import Membership
from accounts.permissions import has_role, is_administrator, is_lead_or_safeguarding, is_manager
from accounts.selectors import memberships_of

Role = Membership.Role
REPORTING_ROLES = (Role.YOUTH_WORKER, Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER)


def reporting_team_ids(user):
    """The teams in which this person works with young people (and so may report or schedule)."""
    return sorted({tid for tid, role in memberships_of(user) if role in REPORTING_ROLES})


def can_report(user):
    return has_role(user, *REPORTING_ROLES)


def can_triage(user, signal):
    """Team leads and safeguarding officers of the signal's team."""
    return is_lead_or_safeguarding(user, signal.team_id)


def can_work_on(user, signal):
    """The handler, and the team's leads and safeguarding officers, record steps."""
    return signal.handler_id == user.pk or is_lead_or_safeguarding(user, signal.team_id)


def can_request_close(user, signal):
    return can_work_on(user, signal) and signal.status == signal.Status.DECIDED and signal.close_requested_at is None


def can_approve_close(user, signal):
    """Four eyes: a lead or safeguarding officer who is neither the handler nor the one who asked."""
    return (
        is_lead_or_safeguarding(user, signal.team_id)
        and user.pk != signal.handler_id
        and user.pk != signal.close_requested_by_id
    )


def can_reopen(user, signal):
    return is_lead_or_safeguarding(user, signal.team_id)


def can_change_handler(user, signal):
    """Who triages also hands a signal to another handler: the team's leads and safeguarding officers."""
    return is_lead_or_safeguarding(user, signal.team_id)


def can_correct(user, signal):
    """Correcting category, urgency or facts of a report: the team's leads and safeguarding officers."""
    return is_lead_or_safeguarding(user, signal.team_id)


def can_manage_signal_settings(user):
    """Categories and response deadlines hold for every team of the organisation: its administrators set them."""
    return is_administrator(user)


def can_see_viewers(user, signal):
    """Who looked at a signal is shown to the team's leads and safeguarding officers only."""
    return is_lead_or_safeguarding(user, signal.team_id)


def can_see_queue(user):
    return is_lead_or_safeguarding(user)


def can_see_statistics(user):
    """Managers (aggregates only) and leads."""
    return is_manager(user) or is_lead_or_safeguarding(user)


def can_schedule_session(user, team_id=None):
    return has_role(user, *REPORTING_ROLES, team_id=team_id)


def can_edit_session(user, session):
    """The facilitator and the team's leads record the minutes, until they are finalised."""
    return not session.is_locked and (
        session.facilitator_id == user.pk or is_lead_or_safeguarding(user, session.team_id)
    )


def can_finalise_session(user, session):
    return not session.is_locked and session.facilitator_id == user.pk


def can_update_action(user, action):
    return action.status == action.Status.OPEN and (
        action.owner_id == user.pk or is_lead_or_safeguarding(user, action.team_id)
    )
