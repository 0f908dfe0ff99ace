"""registration: contacts, time, young-person records, month approval, agreements, themes, reports.

Team-owned records (contacts, time entries, young people, months, budgets) are seen by every member of
their team and by a manager organisation-wide; the worker who logged an entry and the team lead change
it (others who see it: 403). Agreements are the manager's; themes the manager's and administrator's
(organisation-owned: "another team" is a second row of the own organisation). An export job is only
its requester's (the team lead's here).
"""

import secrets

from tests.reliability.access import (
    ADMIN,
    LEAD,
    MANAGER,
    OFFICER,
    OTHER_ORG,
    OTHER_TEAM,
    STAFF,
    WORKER,
    Route,
    register,
)

REG = frozenset({WORKER, LEAD, OFFICER})
EDITORS = frozenset({WORKER, LEAD})  # the author (the cast's youth worker) and the team lead
MERGERS = frozenset({LEAD, OFFICER})
MANAGER_ONLY = frozenset({MANAGER})
THEME_KEEPERS = frozenset({MANAGER, ADMIN})
REPORTERS = frozenset({LEAD, MANAGER})
# One object serves the whole row: the first role allowed to delete it removes it, the next finds it gone.
GONE_AFTER_FIRST = {"ok": frozenset({302, 404}), "note": "deleted by the first allowed role"}


def _org(world, scope):
    return world.other_org if scope == OTHER_ORG else world.org


def _platform(world, scope):
    from registration.tests.factories import PlatformFactory

    return PlatformFactory(organisation=_org(world, scope), slug="matrix-platform", name="Matrixplatform")


def _target_group(world, scope):
    from accounts.models import TargetGroup

    return TargetGroup.objects.get_or_create(team=world.team(scope), name="Matrixgroep")[0]


def _contacts(world, scope, n):
    import datetime

    from registration.models import Contact

    platform, group = _platform(world, scope), _target_group(world, scope)
    return Contact.objects.bulk_create(
        Contact(
            team=world.team(scope),
            worker=world.member(scope),
            date=datetime.date.today(),
            platform=platform,
            target_group=group,
            duration_minutes=15,
            young_people_count=1,
        )
        for _ in range(n)
    )


def contact(world, scope):
    return {"pk": _contacts(world, scope, 1)[0].pk}


def many_contacts(world, scope, n):
    return [{"pk": row.pk} for row in _contacts(world, scope, n)]


def _time_entries(world, scope, n):
    import datetime

    from registration.models import TimeEntry

    return TimeEntry.objects.bulk_create(
        TimeEntry(
            team=world.team(scope),
            worker=world.member(scope),
            date=datetime.date.today(),
            duration_minutes=30,
            activity="monitoring",
        )
        for _ in range(n)
    )


def time_entry(world, scope):
    return {"pk": _time_entries(world, scope, 1)[0].pk}


def many_time_entries(world, scope, n):
    return [{"pk": row.pk} for row in _time_entries(world, scope, n)]


def _young_people(world, scope, n):
    from registration.models import YoungPerson

    tag = secrets.token_hex(3)
    return YoungPerson.objects.bulk_create(
        YoungPerson(team=world.team(scope), pseudonym=f"Vos{tag}{i}", created_by=world.member(scope)) for i in range(n)
    )


def young_person(world, scope):
    return {"pk": _young_people(world, scope, 1)[0].pk}


def many_young_people(world, scope, n):
    return [{"pk": row.pk} for row in _young_people(world, scope, n)]


def _many_teams(world, scope, n):
    from accounts.models import Team

    tag = secrets.token_hex(3)
    return Team.objects.bulk_create(Team(organisation=_org(world, scope), name=f"F{tag}{i}") for i in range(n))


def month(world, scope):
    return {"team_id": world.team(scope).pk, "month": "2026-10"}


def many_months(world, scope, n):
    return [{"team_id": team.pk, "month": "2026-10"} for team in _many_teams(world, scope, n)]


def budget(world, scope):
    return {"team_id": world.team(scope).pk}


def many_budgets(world, scope, n):
    return [{"team_id": team.pk} for team in _many_teams(world, scope, n)]


def _agreements(world, scope, n):
    import datetime

    from registration.models import FunderAgreement

    return FunderAgreement.objects.bulk_create(
        FunderAgreement(
            organisation=_org(world, scope),
            name=f"Opdracht {i}",
            funder="Gemeente",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            hour_budget=100,
        )
        for i in range(n)
    )


def agreement(world, scope):
    return {"pk": _agreements(world, scope, 1)[0].pk}


def many_agreements(world, scope, n):
    return [{"pk": row.pk} for row in _agreements(world, scope, n)]


def _themes(world, scope, n):
    from registration.models import Theme

    tag = secrets.token_hex(3)
    return Theme.objects.bulk_create(
        Theme(organisation=_org(world, scope), slug=f"t{tag}{scope}{i}", name=f"Thema {i}") for i in range(n)
    )


def theme(world, scope):
    return {"pk": _themes(world, scope, 1)[0].pk}


def many_themes(world, scope, n):
    return [{"pk": row.pk} for row in _themes(world, scope, n)]


def _jobs(world, scope, n):
    from registration.models import ExportJob

    requester = world.users[LEAD] if scope != OTHER_ORG else world.stranger
    if scope == OTHER_TEAM:
        requester = world.outsider
    return ExportJob.objects.bulk_create(
        ExportJob(organisation=_org(world, scope), requested_by=requester, format="csv") for _ in range(n)
    )


def job(world, scope):
    return {"pk": _jobs(world, scope, 1)[0].pk}


def many_jobs(world, scope, n):
    return [{"pk": row.pk} for row in _jobs(world, scope, n)]


CONTACT = {"obj": contact, "foreign": many_contacts}
TIME = {"obj": time_entry, "foreign": many_time_entries}
YOUNG = {"obj": young_person, "foreign": many_young_people}
MONTH = {"obj": month, "foreign": many_months, "random_kwargs": lambda pk: {"team_id": pk, "month": "2026-10"}}

register(
    Route("registration:week", get=REG, post_like_get=True),
    Route("registration:dashboard", get=REG | REPORTERS, post_like_get=True),
    Route("registration:contact_quick", get=REG, post=REG),
    Route("registration:contact_create", get=REG, post=REG),
    Route("registration:contact_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **CONTACT),
    Route("registration:contact_edit", get=EDITORS, post=EDITORS, **CONTACT),
    Route("registration:contact_delete", post=EDITORS, **CONTACT, **GONE_AFTER_FIRST),
    Route("registration:contact_follow_up_done", post=EDITORS, **CONTACT),
    Route("registration:time_entry_create", get=REG, post=REG),
    Route("registration:time_entry_edit", get=EDITORS, post=EDITORS, **TIME),
    Route("registration:time_entry_delete", post=EDITORS, **TIME, **GONE_AFTER_FIRST),
    Route("registration:young_person_list", get=REG | REPORTERS, post_like_get=True),
    Route("registration:young_person_create", get=REG, post=REG),
    Route(
        "registration:young_person_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **YOUNG
    ),
    Route("registration:young_person_edit", get=REG, post=REG, **YOUNG),
    Route("registration:young_person_merge", post=MERGERS, **YOUNG),
    Route("registration:young_person_export", post=MERGERS | MANAGER_ONLY, **YOUNG),
    Route("registration:young_person_erase", post=MERGERS, **YOUNG, **GONE_AFTER_FIRST),
    Route("registration:month_list", get=REPORTERS, post_like_get=True),
    Route("registration:month_detail", get=REPORTERS, post_like_get=True, fuzz=False, note="a read-only page", **MONTH),
    Route("registration:month_approve", post=frozenset({LEAD}), **MONTH),
    Route("registration:month_reopen", post=MANAGER_ONLY, **MONTH),
    Route("registration:agreement_list", get=MANAGER_ONLY, post_like_get=True),
    Route("registration:agreement_create", get=MANAGER_ONLY, post=MANAGER_ONLY),
    Route("registration:agreement_edit", get=MANAGER_ONLY, post=MANAGER_ONLY, obj=agreement, foreign=many_agreements),
    Route(
        "registration:budget_team",
        get=REPORTERS,
        post=REPORTERS,
        obj=budget,
        foreign=many_budgets,
        random_kwargs=lambda pk: {"team_id": pk},
    ),
    Route("registration:theme_list", get=THEME_KEEPERS, post=THEME_KEEPERS),
    Route("registration:theme_toggle", post=THEME_KEEPERS, obj=theme, foreign=many_themes, org_wide=THEME_KEEPERS),
    Route("registration:report", get=REPORTERS, post_like_get=True),
    Route("registration:report_export", post=REPORTERS, kwargs=lambda world: {"fmt": "csv"}),
    Route(
        "registration:export_status",
        get=frozenset({LEAD}),
        post_like_get=True,
        fuzz=False,
        note="a status page",
        obj=job,
        foreign=many_jobs,
        org_wide=frozenset(),
    ),
    Route(
        "registration:export_download",
        get=frozenset({LEAD}),
        post_like_get=True,
        fuzz=False,
        note="a file",
        obj=job,
        foreign=many_jobs,
        org_wide=frozenset(),
        ok=frozenset({200, 302, 404}),
    ),
)
