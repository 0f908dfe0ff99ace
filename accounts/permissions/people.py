"""Named capabilities of people. Templates get these as booleans, never role strings."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from accounts.models import Membership
from accounts.selectors import roles_of

Role = Membership.Role
LEAD_ROLES = {Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER}


def has_role(user, *roles, team_id=None):
    """Whether the person has one of these roles (in one team, or in any)."""
    return bool(roles_of(user, team_id) & set(roles))


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def is_manager(user):
    return has_role(user, Role.MANAGER)


def is_team_lead(user, team_id=None):
    return has_role(user, Role.TEAM_LEAD, team_id=team_id)


def is_lead_or_safeguarding(user, team_id=None):
    return has_role(user, *LEAD_ROLES, team_id=team_id)


def requires_mfa(user):
    """Team leads, safeguarding officers, managers, administrators and Django admin staff need a second factor."""
    # Staff reach every organisation through the Django admin, so they never work on a password alone.
    return bool(user.is_staff) or has_role(user, *settings.MFA_REQUIRED_ROLES)


def can_manage_organisation(user):
    """Administrators manage teams, members, roles and invitations."""
    return is_administrator(user)


def can_read_audit_log(user):
    return is_administrator(user)


def require(allowed):
    """Raise 403 unless the capability holds (use after the object was found visible)."""
    if not allowed:
        raise PermissionDenied
