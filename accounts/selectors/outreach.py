"""Reads of target groups, personas, platforms and platform accounts, scoped to the person asking."""

from dataclasses import dataclass

from django.db import connection

from accounts.models import (
    Membership,
    Persona,
    Platform,
    PlatformAccount,
    PlatformAccountEvent,
    PlatformUsage,
    TargetGroup,
)
from accounts.permissions.outreach import can_edit_target_groups, can_maintain_account
from accounts.permissions.people import require
from accounts.selectors.people import get_visible_or_404, member_team_ids, roles_of, team_members, visible_team_ids
from jongerenwerk.sql import placeholders

Status = PlatformAccount.Status


def platform_choices(user):
    """The platforms this person's organisation may choose for new accounts and usage."""
    return Platform.objects.in_use_for(user.organisation_id).order_by("name")


def platform_catalogue(user):
    """Every platform of the catalogue this person sees, retired ones included, with who retired them."""
    return Platform.objects.visible_to(user).prefetch_related("retired_for").order_by("name")


def platform_is_retired(platform, organisation_id):
    """Whether a platform is no longer in use for this organisation (uses the prefetched retirements)."""
    return not platform.is_active or any(org.pk == organisation_id for org in platform.retired_for.all())


def get_platform_for_admin(user, pk):
    """One platform of the catalogue this person sees, else 404."""
    return get_visible_or_404(Platform.objects, user, pk)


def target_group_list(user, *, archived=False):
    """The target groups of the teams this person sees, with their team."""
    return (
        TargetGroup.objects.visible_to(user)
        .filter(is_archived=archived)
        .select_related("team")
        .order_by("team__name", "name")
    )


def get_target_group_for_user(user, pk, for_write=False):
    """One visible target group, else 404; 403 when writing without being the team's lead."""
    target_group = get_visible_or_404(TargetGroup.objects.select_related("team"), user, pk)
    if for_write:
        require(can_edit_target_groups(user, target_group.team_id))
    return target_group


def target_group_usages(target_group):
    """How this group uses each platform, by platform name."""
    return PlatformUsage.objects.filter(target_group=target_group).select_related("platform").order_by("platform__name")


def target_group_personas(target_group):
    """The personas of one target group, with their preferred platforms."""
    return Persona.objects.filter(target_group=target_group).prefetch_related("preferred_platforms")


def get_persona_for_user(user, pk, for_write=False):
    """One visible persona, else 404; 403 when writing without being the team's lead."""
    persona = get_visible_or_404(Persona.objects.select_related("target_group__team"), user, pk)
    if for_write:
        require(can_edit_target_groups(user, persona.target_group.team_id))
    return persona


@dataclass(frozen=True)
class MatrixCell:
    platform: Platform
    usage: PlatformUsage | None
    has_account: bool

    @property
    def frequency(self):
        return self.usage.frequency if self.usage else PlatformUsage.Frequency.NEVER

    @property
    def is_gap(self):
        return self.frequency != PlatformUsage.Frequency.NEVER and not self.has_account


@dataclass(frozen=True)
class MatrixRow:
    target_group: TargetGroup
    cells: list

    @property
    def gap_count(self):
        return sum(1 for cell in self.cells if cell.is_gap)


def outreach_matrix(user):
    """Target groups × platforms: usage per cell and whether the team has a live account serving the group.

    Four queries whatever the size: groups, platforms, usages and the (account, group) pairs.
    """
    groups = list(target_group_list(user))
    platforms = list(platform_choices(user))
    group_ids = [group.pk for group in groups]
    usages = {
        (usage.target_group_id, usage.platform_id): usage
        for usage in PlatformUsage.objects.filter(target_group_id__in=group_ids)
    }
    covered = set(
        PlatformAccount.target_groups.through.objects.filter(
            targetgroup_id__in=group_ids, platformaccount__status__in=PlatformAccount.LIVE_STATUSES
        ).values_list("targetgroup_id", "platformaccount__platform_id")
    )
    rows = [
        MatrixRow(
            target_group=group,
            cells=[
                MatrixCell(platform, usages.get((group.pk, platform.pk)), (group.pk, platform.pk) in covered)
                for platform in platforms
            ],
        )
        for group in groups
    ]
    return platforms, rows


def platform_account_list(user, *, status=None, mine=False):
    """The accounts of the teams this person sees; `status="open"` leaves out archived and rejected ones."""
    accounts = PlatformAccount.objects.visible_to(user).select_related("platform", "team", "owner")
    if status == "open":
        accounts = accounts.exclude(status__in=PlatformAccount.CLOSED_STATUSES)
    elif status:
        accounts = accounts.filter(status=status)
    if mine:
        accounts = accounts.filter(owner=user)
    return accounts.prefetch_related("target_groups").order_by("platform__name", "handle")


def get_platform_account_for_user(user, pk, for_write=False):
    """One visible account, else 404; 403 when changing it without being its owner or the team's lead."""
    account = get_visible_or_404(
        PlatformAccount.objects.select_related("platform", "team", "owner", "requested_by"), user, pk
    )
    if for_write:
        require(can_maintain_account(user, account))
    return account


def platform_account_timeline(account):
    """The account's events, oldest first, with who did them."""
    return PlatformAccountEvent.objects.filter(account=account).select_related("actor").order_by("created_at", "pk")


def lead_team_ids(user):
    """The teams this person leads."""
    return [team_id for team_id in member_team_ids(user) if Membership.Role.TEAM_LEAD in roles_of(user, team_id)]


def platform_accounts_waiting_for(user, limit=10):
    """What waits for this person: requests to decide, handovers to arrange, reviews to confirm (one query).

    Asked on everyone's home page: plain SQL and plain rows ({pk, handle, status, owner_id, platform_name}), the
    same accounts as the queryset in accounts/tests/test_home_panel_accounts.py, without building it each time.
    """
    teams = visible_team_ids(user)
    if not teams:
        return []
    lead_teams = lead_team_ids(user)
    params = [*teams, user.pk, Status.IN_REVIEW]
    lead_part = ""
    if lead_teams:
        in_lead = placeholders(lead_teams)
        lead_part = (
            f" OR (a.team_id IN ({in_lead}) AND a.status = %s"
            " AND (a.requested_by_id IS NULL OR a.requested_by_id <> %s))"
            f" OR (a.team_id IN ({in_lead}) AND a.handover_flagged_at IS NOT NULL AND a.status NOT IN (%s, %s))"
        )
        params += [*lead_teams, Status.REQUESTED, user.pk, *lead_teams, *PlatformAccount.CLOSED_STATUSES]
    sql = _ACCOUNTS_WAITING_SQL.format(teams=placeholders(teams), lead_part=lead_part)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [
            {"pk": pk, "handle": handle, "status": status, "owner_id": owner_id, "platform_name": platform_name}
            for pk, handle, status, owner_id, platform_name in cursor.fetchall()
        ]


_ACCOUNTS_WAITING_SQL = """
SELECT a.id, a.handle, a.status, a.owner_id, p.name
FROM accounts_platformaccount a JOIN accounts_platform p ON p.id = a.platform_id
WHERE a.team_id IN ({teams}) AND ((a.owner_id = %s AND a.status = %s){lead_part})
ORDER BY a.created_at, a.id
LIMIT %s
"""


def account_owner_choices(account):
    """The active members of the account's team who could take it over."""
    return team_members(account.team).exclude(pk=account.owner_id)


def target_group_choices(user, team_id=None):
    """Active target groups of the teams this person sees (or of one team), for choice fields."""
    groups = TargetGroup.objects.visible_to(user).active().select_related("team")
    if team_id is not None:
        groups = groups.filter(team_id=team_id)
    return groups.order_by("team__name", "name")
