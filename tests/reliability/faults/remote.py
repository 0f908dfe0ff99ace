"""Run inside a Django process pointed at the fault database (servers.django_call): the people."""

import json
import sys

from accounts.models import Membership, Organisation, Team, User
from accounts.tests.factories import TEST_PASSWORD

WORKER_EMAIL = "werker@faults.example.org"


def seed_people():
    organisation, _ = Organisation.objects.get_or_create(name="Storingen")
    team, _ = Team.objects.get_or_create(organisation=organisation, name="Team Storing")
    user = User.objects.filter(email=WORKER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=WORKER_EMAIL, password=TEST_PASSWORD, full_name="Werker Storing")
        user.organisation = organisation
        user.save()
        Membership.objects.create(user=user, team=team, role=Membership.Role.YOUTH_WORKER)
    sys.stdout.write(json.dumps({"user": user.pk, "team": team.pk}))


def seed_work(signals=4):
    """What registering needs (platform, target group, themes, young people) and `signals` triaged signals
    with the worker as handler, through the real services; their ids for the forms."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Platform, TargetGroup
    from registration.models import Theme, YoungPerson
    from registration.services.entries import theme_seed_defaults
    from signals.models import SignalCategory
    from signals.services.signal import signal_categories_seed, signal_report, signal_triage

    user = User.objects.get(email=WORKER_EMAIL)
    team = user.memberships.get().team
    organisation = team.organisation
    lead = User.objects.filter(email="leider@faults.example.org").first()
    if lead is None:
        lead = User.objects.create_user(
            email="leider@faults.example.org", password=TEST_PASSWORD, full_name="Leider Storing"
        )
        lead.organisation = organisation
        lead.save()
        Membership.objects.create(user=lead, team=team, role=Membership.Role.TEAM_LEAD)
    platform, _ = Platform.objects.get_or_create(
        organisation=organisation, slug="storing", defaults={"name": "Storing"}
    )
    group, _ = TargetGroup.objects.get_or_create(team=team, name="Storingsgroep")
    theme_seed_defaults(organisation_id=organisation.pk)
    young_people = [YoungPerson.objects.get_or_create(team=team, pseudonym=f"Storing{i}")[0] for i in range(6)]
    signal_categories_seed(organisation)
    category = SignalCategory.objects.filter(organisation=organisation).first()
    signal_ids = []
    for _ in range(signals):
        signal = signal_report(
            actor=user,
            team=team,
            category=category,
            urgency="normal",
            facts="Gezien in een groepschat.",
            source="groepschat",
            seen_at=timezone.now() - timedelta(hours=1),
            channel="group_chat",
        )
        signal_triage(signal=signal, actor=lead, category=category, urgency="normal", handler=user)
        signal_ids.append(signal.pk)
    work = {
        "team": team.pk,
        "platform": platform.pk,
        "target_group": group.pk,
        "themes": list(Theme.objects.filter(organisation=organisation).values_list("pk", flat=True)),
        "young_people": [person.pk for person in young_people],
        "signals": signal_ids,
    }
    sys.stdout.write(json.dumps(work))
