"""People and where they work: the organisation, teams, members, platforms, target groups, accounts, young people."""

import time

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Membership, Organisation, Platform, PlatformAccount, TargetGroup, Team, User
from registration.models import YoungPerson

ORGANISATION_NAME = "Schaal Jongerenwerk"
DOMAIN = "schaal.jongerenwerk.nl"
PASSWORD = "bench-Jongerenwerk-2026"
# The TOTP secret of every MFA role in the bench organisation (the harness logs in with ready sessions).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PLATFORMS = ["Instagram", "Snapchat", "TikTok", "WhatsApp", "Facebook", "X (Twitter)", "YouTube", "Discord"]
TARGET_GROUPS = ["Meiden 12-16", "Jongens 12-16", "Jongeren 16-23", "Ouders", "Lokale politiek"]
MANAGERS = 5
Role = Membership.Role


def email(local):
    return f"{local}@{DOMAIN}"


# The people the harness acts as: the first team's first worker and lead, and the first manager. The quick
# contact form is posted as the team's second worker: contacts posted during a run must not grow the week
# that is measured as the first worker's.
PERSONAS = {
    "worker": email("werker-1-1"),
    "registering_worker": email("werker-1-2"),
    "lead": email("teamleider-1"),
    "officer": email("aandachtsfunctionaris-1"),
    "manager": email("manager-1"),
}


def seed(context):
    """Organisation, teams, people with their roles, platforms, target groups, accounts and young people."""
    if Organisation.objects.filter(name=ORGANISATION_NAME).exists():
        raise RuntimeError(f"'{ORGANISATION_NAME}' is already seeded: seed_scale needs an empty database.")
    started = time.perf_counter()
    size = context.size
    context.organisation = Organisation.objects.create(name=ORGANISATION_NAME)
    teams = Team.objects.bulk_create(
        Team(organisation=context.organisation, name=f"Team {index:02d}") for index in range(1, size.teams + 1)
    )
    context.team_ids = [team.pk for team in teams]
    people = _people(context, teams)
    context.loader.record("teams, people, memberships", len(teams) + 2 * people, time.perf_counter() - started)
    _outreach(context)
    _young_people(context)


def _people(context, teams):
    password = make_password(PASSWORD)  # hashed once: hashing per person would take minutes
    now = timezone.now()
    users, roles = [], []  # roles: (user index, team, role)

    def add(local, name, team, role):
        users.append(
            User(
                email=email(local),
                full_name=name,
                organisation=context.organisation,
                password=password,
                date_joined=now,
            )
        )
        roles.append((len(users) - 1, team, role))

    per_team, extra = divmod(context.size.workers, len(teams))
    for t, team in enumerate(teams, start=1):
        for i in range(1, per_team + (1 if t <= extra else 0) + 1):
            add(f"werker-{t}-{i}", f"Werker {t}-{i}", team, Role.YOUTH_WORKER)
        add(f"teamleider-{t}", f"Teamleider {t}", team, Role.TEAM_LEAD)
        add(f"aandachtsfunctionaris-{t}", f"Aandachtsfunctionaris {t}", team, Role.SAFEGUARDING_OFFICER)
    for m in range(1, MANAGERS + 1):
        add(f"manager-{m}", f"Manager {m}", teams[(m - 1) % len(teams)], Role.MANAGER)
    add("beheerder", "Beheerder", teams[0], Role.ADMINISTRATOR)
    User.objects.bulk_create(users, batch_size=2000)
    Membership.objects.bulk_create(
        (Membership(user=users[index], team=team, role=role, weekly_budget_minutes=240) for index, team, role in roles),
        batch_size=2000,
    )
    for index, team, role in roles:
        user_id = users[index].pk
        context.memberships.setdefault(team.pk, []).append(user_id)
        if role == Role.YOUTH_WORKER:
            context.workers.setdefault(team.pk, []).append(user_id)
        elif role == Role.TEAM_LEAD:
            context.leads[team.pk] = user_id
        elif role == Role.SAFEGUARDING_OFFICER:
            context.officers[team.pk] = user_id
        elif role == Role.MANAGER:
            context.managers.append(user_id)
        else:
            context.administrator = user_id
        if role != Role.YOUTH_WORKER:
            TOTP.activate(users[index], TOTP_SECRET)
    return len(users)


def _outreach(context):
    started = time.perf_counter()
    shared = list(Platform.objects.filter(organisation__isnull=True, is_active=True).values_list("pk", flat=True))
    if not shared:
        shared = [
            platform.pk
            for platform in Platform.objects.bulk_create(
                Platform(organisation=context.organisation, name=name, slug=name.split(" ")[0].lower())
                for name in PLATFORMS
            )
        ]
    context.platform_ids = shared
    groups = TargetGroup.objects.bulk_create(
        TargetGroup(team_id=team_id, name=name, age_min=12, age_max=23)
        for team_id in context.team_ids
        for name in TARGET_GROUPS
    )
    for group in groups:
        context.target_groups.setdefault(group.team_id, []).append(group.pk)
    accounts = PlatformAccount.objects.bulk_create(
        (
            PlatformAccount(
                organisation=context.organisation,
                team_id=team_id,
                platform_id=context.platform_ids[index % len(context.platform_ids)],
                handle=f"jw.werker.{user_id}",
                **_normalised(f"jw.werker.{user_id}"),
                kind=PlatformAccount.Kind.PERSONAL_BUSINESS,
                owner_id=user_id,
                status=PlatformAccount.Status.ACTIVE,
            )
            for team_id, user_ids in context.workers.items()
            for index, user_id in enumerate(user_ids)
        ),
        batch_size=2000,
    )
    context.accounts = {account.owner_id: account.pk for account in accounts}
    context.loader.record(
        "platforms, target groups, platform accounts",
        len(shared) + len(groups) + len(accounts),
        time.perf_counter() - started,
    )


def _normalised(handle):
    """The outreach part compares handles in a normalised form (a field its service fills); same here."""
    if any(field.name == "handle_normalised" for field in PlatformAccount._meta.fields):
        return {"handle_normalised": handle.lower()}
    return {}


def _young_people(context):
    """Young people, spread evenly over the teams, each with a pseudonym unique in the team."""
    rng = context.rng
    first_id = context.loader.next_id(YoungPerson)
    teams = context.team_ids
    count = context.size.young_people
    rows = []
    for n in range(count):
        team_id = teams[n % len(teams)]
        pk = first_id + n
        context.young_people.setdefault(team_id, []).append(pk)
        rows.append(
            (
                pk,
                team_id,
                f"Jongere-{n + 1}",
                "",
                rng.randint(context.today.year - 23, context.today.year - 12),
                rng.choice(context.target_groups[team_id]),
                rng.choice(context.workers[team_id]),
            )
        )
    fields = ("id", "team_id", "pseudonym", "initials", "birth_year", "target_group_id", "created_by_id")
    context.loader.copy(YoungPerson, fields, rows)
