"""Named capabilities of contact registration and time. Templates get these as booleans."""

from accounts.models import Membership
from accounts.permissions import has_role, is_manager, is_team_lead

Role = Membership.Role
REGISTERING_ROLES = (Role.YOUTH_WORKER, Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER)


def can_register(user, team_id=None):
    """Youth workers, team leads and safeguarding officers log contacts and time for their own team."""
    return has_role(user, *REGISTERING_ROLES, team_id=team_id)


def can_edit_entry(user, entry):
    """The worker who logged a contact or time entry, or the team lead of its team, may change it."""
    return entry.worker_id == user.pk or is_team_lead(user, entry.team_id)


def can_manage_young_people(user, team_id):
    """Registering members of the team keep its young-person records."""
    return can_register(user, team_id)


def can_merge_or_erase_young_person(user, young_person):
    """Merging and erasing a record is for the team lead (or the safeguarding officer) of its team."""
    return has_role(user, Role.TEAM_LEAD, Role.SAFEGUARDING_OFFICER, team_id=young_person.team_id)


def can_export_young_person(user, young_person):
    """An access request is answered by the team lead, the safeguarding officer, or a manager."""
    return can_merge_or_erase_young_person(user, young_person) or is_manager(user)


def can_approve_month(user, team_id):
    return is_team_lead(user, team_id)


def can_reopen_month(user):
    return is_manager(user)


def can_manage_agreements(user):
    return is_manager(user)


def can_build_reports(user):
    """Managers (the whole organisation) and team leads (their own teams) build reports."""
    return is_manager(user) or is_team_lead(user)


def can_set_budget(user, team_id):
    return is_manager(user) or is_team_lead(user, team_id)


def can_manage_themes(user):
    """The organisation's list of contact themes is kept by a manager or the administrator."""
    from accounts.permissions import is_administrator

    return is_manager(user) or is_administrator(user)
