"""Named capabilities for target groups, personas, platforms and platform accounts."""

from accounts.permissions.people import has_role, is_administrator, is_manager, is_team_lead
from accounts.selectors import roles_of

_MEMBER_ROLES = ("youth_worker", "team_lead")


def can_edit_target_groups(user, team_id):
    """Team leads describe their team's target groups, usage and personas."""
    return is_team_lead(user, team_id)


def can_add_target_group(user):
    """Whether the person leads any team (and so may add a target group there)."""
    return is_team_lead(user)


def can_request_account(user, team_id=None):
    """Youth workers and team leads request accounts in the teams they work in."""
    return bool(roles_of(user, team_id) & set(_MEMBER_ROLES))


def can_maintain_account(user, account):
    """The owner keeps their own account up to date; the team lead may as well."""
    if account.is_closed:
        return False
    return account.owner_id == user.pk or is_team_lead(user, account.team_id)


def can_decide_request(user, account):
    """Approval or rejection: a team lead of the account's team who did not request it."""
    requester = account.requested_by_id or account.owner_id
    return is_team_lead(user, account.team_id) and user.pk != requester


def can_activate_account(user, account):
    """The owner (or the team lead) says an approved account is set up and live."""
    return account.owner_id == user.pk or is_team_lead(user, account.team_id)


def can_confirm_review(user, account):
    """Only the owner confirms the account is still used, fits the policy and has the right profile text."""
    return account.owner_id == user.pk


def can_archive_account(user, account):
    return account.owner_id == user.pk or is_team_lead(user, account.team_id)


def can_hand_over_account(user, account):
    """The team lead hands a departed member's account to a colleague."""
    return is_team_lead(user, account.team_id)


def can_see_matrix(user):
    """The matrix is for deciding where the team must be: team leads and managers."""
    return is_team_lead(user) or is_manager(user)


def can_manage_platforms(user):
    """Administrators add platforms to the catalogue or retire them."""
    return is_administrator(user)


def can_see_outreach(user):
    """Anyone with a role in a team sees its target groups, personas and accounts."""
    return has_role(user, "youth_worker", "team_lead", "safeguarding_officer", "manager", "administrator")
