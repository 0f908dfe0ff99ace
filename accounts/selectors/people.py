"""Who may see what: the one definition every app's `visible_to(user)` is built on."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Membership, Team, User

ORGANISATION_WIDE_ROLES = (Membership.Role.MANAGER,)


def memberships_of(user):
    """The (team_id, role) pairs of an active person, loaded once per request and cached on the user."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return ()
    cached = getattr(user, "_jw_memberships", None)
    if cached is None:
        cached = tuple(
            Membership.objects.filter(user=user, team__organisation_id=user.organisation_id).values_list(
                "team_id", "role"
            )
        )
        user._jw_memberships = cached
    return cached


def roles_of(user, team_id=None):
    """The roles a person has, in one team or (without team_id) in any team."""
    return {role for tid, role in memberships_of(user) if team_id is None or tid == team_id}


def member_team_ids(user):
    """The teams a person is a member of, in any role."""
    return sorted({tid for tid, _ in memberships_of(user)})


def visible_team_ids(user):
    """The teams whose work a person may see: their own, or the whole organisation for a manager."""
    if not memberships_of(user):
        return []
    if roles_of(user) & set(ORGANISATION_WIDE_ROLES):
        return list(Team.objects.filter(organisation_id=user.organisation_id).values_list("pk", flat=True))
    return member_team_ids(user)


def team_list(user):
    """The teams this person may see, by name."""
    return Team.objects.filter(pk__in=visible_team_ids(user)).order_by("name")


def get_team_for_user(user, pk):
    """One team the person may see, else 404."""
    return get_object_or_404(Team.objects.visible_to(user), pk=pk)


def organisation_members(user):
    """The people of this person's organisation (for administrators and choice fields)."""
    if user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id).order_by("full_name", "email")


def get_member_for_user(user, pk):
    """One person of the same organisation, else 404."""
    member = organisation_members(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def team_members(team, *roles):
    """The active people of one team, optionally only those with one of the given roles."""
    memberships = Membership.objects.filter(team=team, user__is_active=True)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name")


def membership_list(user):
    """This person's own memberships in their organisation, with the team."""
    return (
        Membership.objects.filter(user=user, team__organisation_id=user.organisation_id)
        .select_related("team")
        .order_by("team__name", "role")
    )


def get_visible_or_404(queryset, user, pk):
    """The one object with this pk among those the person may see (`queryset.visible_to(user)`), else 404.

    Missing and not-yours look the same: the page never reveals that something exists.
    """
    return get_object_or_404(queryset.visible_to(user), pk=pk)
