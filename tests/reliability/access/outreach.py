"""accounts (outreach): target groups, personas, platform usage, the matrix, platform accounts, platforms.

Everyone in a team sees its target groups, personas and accounts (a manager organisation-wide); the team
lead describes target groups, usage and personas. A platform account is the cast's youth worker's: the
owner and the team lead keep it, a team lead who did not request it decides on it, only the owner
confirms the periodic review. Platforms are the administrator's, per organisation ("another team" is a
second platform of the own organisation).
"""

import secrets

from tests.reliability.access import ADMIN, LEAD, MANAGER, OTHER_ORG, STAFF, WORKER, Route, register

LEAD_ONLY = frozenset({LEAD})
KEEPERS = frozenset({WORKER, LEAD})  # the owner (the cast's youth worker) and the team lead
ADMIN_ONLY = frozenset({ADMIN})


def _org(world, scope):
    return world.other_org if scope == OTHER_ORG else world.org


def _platforms(world, scope, n):
    from accounts.models import Platform

    tag = secrets.token_hex(3)
    return Platform.objects.bulk_create(
        Platform(organisation=_org(world, scope), name=f"Platform {tag}{i}", slug=f"p{tag}{i}") for i in range(n)
    )


def platform(world, scope):
    return {"pk": _platforms(world, scope, 1)[0].pk}


def many_platforms(world, scope, n):
    return [{"pk": row.pk} for row in _platforms(world, scope, n)]


def _groups(world, scope, n):
    from accounts.models import TargetGroup

    tag = secrets.token_hex(3)
    return TargetGroup.objects.bulk_create(
        TargetGroup(team=world.team(scope), name=f"Groep {tag}{i}") for i in range(n)
    )


def group(world, scope):
    return {"pk": _groups(world, scope, 1)[0].pk}


def many_groups(world, scope, n):
    return [{"pk": row.pk} for row in _groups(world, scope, n)]


def usage(world, scope):
    return {"pk": group(world, scope)["pk"], "platform_pk": platform(world, scope)["pk"]}


def many_usages(world, scope, n):
    platform_pk = platform(world, scope)["pk"]
    return [{"pk": kw["pk"], "platform_pk": platform_pk} for kw in many_groups(world, scope, n)]


def _personas(world, scope, n):
    from accounts.models import Persona

    target_group = _groups(world, scope, 1)[0]
    return Persona.objects.bulk_create(Persona(target_group=target_group, name=f"Sam {i}") for i in range(n))


def persona(world, scope):
    return {"pk": _personas(world, scope, 1)[0].pk}


def many_personas(world, scope, n):
    return [{"pk": row.pk} for row in _personas(world, scope, n)]


def _accounts(world, scope, n):
    from accounts.models import PlatformAccount

    platform_obj = _platforms(world, scope, 1)[0]
    owner = world.member(scope)
    tag = secrets.token_hex(3)
    return PlatformAccount.objects.bulk_create(
        PlatformAccount(
            organisation=_org(world, scope),
            team=world.team(scope),
            platform=platform_obj,
            handle=f"@werker{tag}{i}",
            handle_normalised=f"werker{tag}{i}",
            kind=PlatformAccount.Kind.PERSONAL_BUSINESS,
            owner=owner,
            requested_by=owner,
        )
        for i in range(n)
    )


def account(world, scope):
    return {"pk": _accounts(world, scope, 1)[0].pk}


def many_accounts(world, scope, n):
    return [{"pk": row.pk} for row in _accounts(world, scope, n)]


GROUP = {"obj": group, "foreign": many_groups}
PERSONA = {"obj": persona, "foreign": many_personas}
ACCOUNT = {"obj": account, "foreign": many_accounts}

register(
    Route("accounts:target_group_list", get=STAFF, post_like_get=True),
    Route("accounts:target_group_create", get=LEAD_ONLY, post=LEAD_ONLY),
    Route("accounts:matrix", get=frozenset({LEAD, MANAGER}), post_like_get=True),
    Route("accounts:target_group_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **GROUP),
    Route("accounts:target_group_edit", get=LEAD_ONLY, post=LEAD_ONLY, **GROUP),
    Route("accounts:target_group_archive", post=LEAD_ONLY, **GROUP),
    Route(
        "accounts:platform_usage_edit",
        get=LEAD_ONLY,
        post=LEAD_ONLY,
        obj=usage,
        foreign=many_usages,
        random_kwargs=lambda pk: {"pk": pk, "platform_pk": pk},
    ),
    Route("accounts:persona_create", get=LEAD_ONLY, post=LEAD_ONLY, **GROUP),
    Route("accounts:persona_edit", get=LEAD_ONLY, post=LEAD_ONLY, **PERSONA),
    Route("accounts:persona_delete", post=LEAD_ONLY, **PERSONA),
    Route("accounts:account_list", get=STAFF, post_like_get=True),
    Route("accounts:account_request", get=KEEPERS, post=KEEPERS),
    Route("accounts:account_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **ACCOUNT),
    Route("accounts:account_edit", get=KEEPERS, post=KEEPERS, **ACCOUNT),
    Route("accounts:account_approve", post=LEAD_ONLY, **ACCOUNT),
    Route("accounts:account_reject", get=LEAD_ONLY, post=LEAD_ONLY, **ACCOUNT),
    Route("accounts:account_activate", post=KEEPERS, **ACCOUNT),
    Route("accounts:account_review_confirm", post=frozenset({WORKER}), **ACCOUNT),
    Route("accounts:account_archive", get=KEEPERS, post=KEEPERS, **ACCOUNT),
    Route("accounts:account_transfer", get=LEAD_ONLY, post=LEAD_ONLY, **ACCOUNT),
    Route("accounts:platform_list", get=ADMIN_ONLY, post_like_get=True),
    Route("accounts:platform_create", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("accounts:platform_retire", post=ADMIN_ONLY, obj=platform, foreign=many_platforms, org_wide=ADMIN_ONLY),
)
