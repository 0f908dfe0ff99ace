"""Named capabilities: `people` (roles, organisation management) and `outreach` (target groups, accounts)."""

from accounts.permissions.people import (
    LEAD_ROLES,
    can_manage_organisation,
    can_read_audit_log,
    has_role,
    is_administrator,
    is_lead_or_safeguarding,
    is_manager,
    is_team_lead,
    require,
    requires_mfa,
)

__all__ = [
    "LEAD_ROLES",
    "can_manage_organisation",
    "can_read_audit_log",
    "has_role",
    "is_administrator",
    "is_lead_or_safeguarding",
    "is_manager",
    "is_team_lead",
    "require",
    "requires_mfa",
]
