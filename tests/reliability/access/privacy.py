"""privacy: retention, legal holds, the destruction log and the access overviews, for the administrator only.

Organisation-wide pages: 404 outside the organisation, 403 for every other role inside it (a refusal for
every object, so it reveals nothing)."""

import secrets

from tests.reliability.access import ADMIN, OTHER_ORG, Route, register

ADMIN_ONLY = frozenset({ADMIN})


def hold(world, scope):
    return make_holds(world, scope, 1)[0]


def make_holds(world, scope, n):
    from privacy.models import LegalHold

    team = world.team(scope)
    base = secrets.randbelow(10**9) * 1000
    rows = LegalHold.objects.bulk_create(
        LegalHold(
            organisation=team.organisation,
            kind="contact",
            object_id=base + i,
            reason="klacht",
            placed_by=world.member(scope),
        )
        for i in range(n)
    )
    return [{"pk": row.pk} for row in rows]


def young_person(world, scope):
    return make_young_people(world, scope, 1)[0]


def make_young_people(world, scope, n):
    from registration.models import YoungPerson

    tag = secrets.token_hex(4)
    team = world.team(scope)
    rows = YoungPerson.objects.bulk_create(YoungPerson(team=team, pseudonym=f"P{tag}{i}") for i in range(n))
    return [{"young_person_id": row.pk} for row in rows]


def member(world, scope):
    return {"pk": world.member(scope).pk}


def make_members(world, scope, n):
    from accounts.models import User

    organisation = world.other_org if scope == OTHER_ORG else world.org
    tag = secrets.token_hex(4)
    users = User.objects.bulk_create(
        User(email=f"p{tag}{i}@example.org", full_name=f"P {i}", organisation=organisation) for i in range(n)
    )
    return [{"pk": user.pk} for user in users]


def random_young_person(pk):
    return {"young_person_id": pk}


def hold_data(world):
    return {"kind": "contact", "object_id": 1, "reason": "klacht"}


register(
    Route("privacy:index", get=ADMIN_ONLY),
    Route("privacy:retention", get=ADMIN_ONLY, post=ADMIN_ONLY),
    Route("privacy:hold_place", get=ADMIN_ONLY, post=ADMIN_ONLY, post_data=hold_data),
    Route(
        "privacy:hold_release",
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        obj=hold,
        foreign=make_holds,
        org_wide=ADMIN_ONLY,
        post_data=lambda world: {"reason": "afgehandeld"},
    ),
    Route("privacy:destruction_list", get=ADMIN_ONLY),
    Route(
        "privacy:young_person_access",
        get=ADMIN_ONLY,
        obj=young_person,
        foreign=make_young_people,
        random_kwargs=random_young_person,
        org_wide=ADMIN_ONLY,
    ),
    *(
        Route(
            name,
            post=ADMIN_ONLY,
            obj=young_person,
            foreign=make_young_people,
            random_kwargs=random_young_person,
            org_wide=ADMIN_ONLY,
            fuzz=False,
            note="a file download: no form to fuzz",
        )
        for name in ("privacy:young_person_access_csv", "privacy:young_person_json", "privacy:young_person_pdf")
    ),
    Route("privacy:worker_access", get=ADMIN_ONLY, obj=member, foreign=make_members, org_wide=ADMIN_ONLY),
    Route(
        "privacy:worker_access_csv",
        post=ADMIN_ONLY,
        obj=member,
        foreign=make_members,
        org_wide=ADMIN_ONLY,
        fuzz=False,
        note="a CSV file: no form to fuzz",
    ),
)
