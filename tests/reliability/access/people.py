"""accounts (people): organisation management by the administrator: teams, members, roles, invitations.

Administrator-only pages: 404 outside the organisation, 403 for other roles inside it (a refusal for
every object, so it reveals nothing). Rows for the `found` branch's URLs; skipped until they are merged.
"""

import secrets
from datetime import timedelta

from tests.reliability.access import ADMIN, ANON, OTHER_ORG, Route, register

ADMIN_ONLY = frozenset({ADMIN})


def team(world, scope):
    return {"pk": world.team(scope).pk}


def many_teams(world, scope, n):
    from accounts.models import Team

    organisation = world.other_org if scope == OTHER_ORG else world.org
    return [
        {"pk": t.pk} for t in Team.objects.bulk_create(Team(organisation=organisation, name=f"F{i}") for i in range(n))
    ]


def member(world, scope):
    """A person of its own in that scope's team (the matrix may deactivate them or change their roles)."""
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    return {"pk": make_member(world.team(scope), Membership.Role.YOUTH_WORKER, mfa=False).pk}


def many_members(world, scope, n):
    from accounts.models import User

    organisation = world.other_org if scope == OTHER_ORG else world.org
    tag = secrets.token_hex(4)
    users = User.objects.bulk_create(
        User(email=f"f{tag}{i}@example.org", full_name=f"F {i}", organisation=organisation) for i in range(n)
    )
    return [{"pk": user.pk} for user in users]


def invitation(world, scope):
    return {"pk": make_invitations(world, scope, 1)[0]["pk"]}


def make_invitations(world, scope, n):
    from django.utils import timezone

    from accounts.models import Invitation, Membership

    team_obj = world.team(scope)
    rows = [
        Invitation(
            organisation=team_obj.organisation,
            team=team_obj,
            email=f"uitgenodigd{i}@example.org",
            role=Membership.Role.YOUTH_WORKER,
            token=secrets.token_urlsafe(24),
            expires_at=timezone.now() + timedelta(days=7),
        )
        for i in range(n)
    ]
    return [{"pk": row.pk} for row in Invitation.objects.bulk_create(rows)]


def invitation_token(world):
    from accounts.models import Invitation

    return {"token": Invitation.objects.get(pk=invitation(world, "own")["pk"]).token}


register(
    Route("accounts:team_list", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("accounts:team_edit", get=ADMIN_ONLY, post=ADMIN_ONLY, obj=team, foreign=many_teams, org_wide=ADMIN_ONLY),
    Route("accounts:member_list", get=ADMIN_ONLY),
    Route(
        "accounts:member_detail",
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        obj=member,
        foreign=many_members,
        org_wide=ADMIN_ONLY,
    ),
    # An empty body is a bad request (400), not a 500.
    Route(
        "accounts:member_roles",
        post=ADMIN_ONLY,
        obj=member,
        foreign=many_members,
        org_wide=ADMIN_ONLY,
        ok=frozenset({200, 302, 400}),
    ),
    Route("accounts:member_activation", post=ADMIN_ONLY, obj=member, foreign=many_members, org_wide=ADMIN_ONLY),
    Route("accounts:invitation_list", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("accounts:invitation_revoke", post=ADMIN_ONLY, obj=invitation, foreign=make_invitations, org_wide=ADMIN_ONLY),
    # The link in an invitation email: opened before any login, by whoever holds the token.
    # Someone logged in cannot accept an invitation (403).
    Route("accounts:invitation_accept", get=frozenset({ANON}), post=frozenset({ANON}), kwargs=invitation_token),
)
