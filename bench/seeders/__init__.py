"""The large organisation `seed_scale` builds, one seeder per part of the product.

Each part's seeder takes the shared `Context` (what the earlier seeders made) and either seeds its
rows through the `Loader` or returns a note saying why it skipped (its app has no models yet).
"""

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Q

from bench.loader import Loader


@dataclass(frozen=True)
class Size:
    """How large the organisation is. `entries` counts contacts and time entries together."""

    teams: int = 20
    workers: int = 400
    years: int = 2
    entries: int = 1_000_000
    young_people: int = 20_000
    signals: int = 20_000
    sessions: int = 500
    policy_versions: int = 50

    def scaled(self, factor):
        """The same organisation (teams, people, policy) with `factor` times the records."""
        return replace(
            self,
            entries=int(self.entries * factor),
            young_people=int(self.young_people * factor),
            signals=int(self.signals * factor),
            sessions=int(self.sessions * factor),
        )


SIZES = {
    "full": Size(),
    "half": Size().scaled(0.5),
    # Like `seed_demo`: two teams, a handful of people, a quarter's worth of work.
    "demo": Size(teams=2, workers=6, entries=600, young_people=40, signals=20, sessions=4, policy_versions=6),
    # The CI smoke run: small enough for seconds, big enough for every measurement to have rows.
    "smoke": Size(teams=3, workers=12, entries=6_000, young_people=300, signals=200, sessions=10, policy_versions=6),
    "medium": Size().scaled(0.2),
    "medium-half": Size().scaled(0.1),
    "smoke-half": Size(
        teams=3, workers=12, entries=3_000, young_people=150, signals=100, sessions=5, policy_versions=6
    ),
}


@dataclass
class Context:
    """What the seeders share: the size, the randomness and the ids made so far."""

    size: Size
    loader: Loader
    rng: random.Random
    today: date
    organisation: object = None
    team_ids: list = field(default_factory=list)
    workers: dict = field(default_factory=dict)  # team id -> [user id]
    leads: dict = field(default_factory=dict)  # team id -> user id
    officers: dict = field(default_factory=dict)  # team id -> user id
    managers: list = field(default_factory=list)
    memberships: dict = field(default_factory=dict)  # team id -> [user id] of everyone in it, any role
    administrator: int = None
    platform_ids: list = field(default_factory=list)
    target_groups: dict = field(default_factory=dict)  # team id -> [target group id]
    accounts: dict = field(default_factory=dict)  # user id -> platform account id
    young_people: dict = field(default_factory=dict)  # team id -> [young person id]
    extra: dict = field(default_factory=dict)  # whatever a part leaves for a later one

    @property
    def start(self):
        """The first day of the seeded period (`years` back from today)."""
        return self.today - timedelta(days=365 * self.size.years)

    def members(self, team_id):
        """Everyone with a role in a team (workers, lead, safeguarding officer, and managers placed there)."""
        return self.memberships[team_id]


def models_or_none(app_label, *names):
    """The named models of an app, or None while any of them does not exist yet."""
    try:
        return [apps.get_model(app_label, name) for name in names]
    except LookupError:
        return None


def seed_all(context):
    """Run every part's seeder in dependency order; returns the notes of the parts that skipped."""
    from bench.seeders import people, policy, registration, signals

    notes = []
    for part in (people, registration, signals, policy):
        note = part.seed(context)
        if note:
            notes.append(f"{part.__name__.rsplit('.', 1)[-1]}: {note}")
    return notes


def context_from_database(size, loader, rng, today):
    """The shared context of an organisation seed_scale made earlier, read back (to seed one more part into it)."""
    from accounts.models import Membership, Organisation, Platform, PlatformAccount, TargetGroup
    from bench.seeders.people import ORGANISATION_NAME
    from registration.models import YoungPerson

    context = Context(size=size, loader=loader, rng=rng, today=today)
    context.organisation = Organisation.objects.get(name=ORGANISATION_NAME)
    context.team_ids = list(context.organisation.teams.order_by("pk").values_list("pk", flat=True))
    roles = Membership.objects.filter(team__organisation=context.organisation).order_by("user_id")
    for user_id, team_id, role in roles.values_list("user_id", "team_id", "role"):
        context.memberships.setdefault(team_id, []).append(user_id)
        if role == Membership.Role.YOUTH_WORKER:
            context.workers.setdefault(team_id, []).append(user_id)
        elif role == Membership.Role.TEAM_LEAD:
            context.leads[team_id] = user_id
        elif role == Membership.Role.SAFEGUARDING_OFFICER:
            context.officers[team_id] = user_id
        elif role == Membership.Role.MANAGER:
            context.managers.append(user_id)
        else:
            context.administrator = user_id
    platforms = Platform.objects.filter(is_active=True).filter(
        Q(organisation__isnull=True) | Q(organisation=context.organisation)
    )
    context.platform_ids = list(platforms.order_by("pk").values_list("pk", flat=True))
    for team_id, pk in TargetGroup.objects.filter(team_id__in=context.team_ids).values_list("team_id", "pk"):
        context.target_groups.setdefault(team_id, []).append(pk)
    accounts = PlatformAccount.objects.filter(organisation=context.organisation)
    context.accounts = dict(accounts.values_list("owner_id", "pk"))
    for team_id, pk in YoungPerson.objects.filter(team_id__in=context.team_ids).values_list("team_id", "pk"):
        context.young_people.setdefault(team_id, []).append(pk)
    return context
