"""Reads that depend on who is asking. `people` holds the one definition of visibility."""

from accounts.selectors.people import (
    get_member_for_user,
    get_team_for_user,
    get_visible_or_404,
    member_team_ids,
    membership_list,
    memberships_of,
    organisation_members,
    roles_of,
    team_list,
    team_members,
    visible_team_ids,
)

__all__ = [
    "get_member_for_user",
    "get_team_for_user",
    "get_visible_or_404",
    "member_team_ids",
    "membership_list",
    "memberships_of",
    "organisation_members",
    "roles_of",
    "team_list",
    "team_members",
    "visible_team_ids",
]
