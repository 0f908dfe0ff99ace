"""Demo data for registration: a realistic quarter of contacts and time, one agreement, one approved month."""

import datetime
import random

from django.db.models import Q
from django.utils import timezone

from accounts.models import Platform, TargetGroup
from registration.models import (
    Activity,
    AgreementGoal,
    Channel,
    Contact,
    FunderAgreement,
    MonthApproval,
    MonthApprovalEvent,
    TeamBudget,
    Theme,
    TimeEntry,
    WorkerAction,
    YoungPerson,
)
from registration.services import theme_seed_defaults

PLATFORMS = [("instagram", "Instagram"), ("snapchat", "Snapchat"), ("tiktok", "TikTok"), ("whatsapp", "WhatsApp")]
GROUPS = ["Meiden 12-16 in de wijk", "Jongens 14-18 rond het plein"]
PSEUDONYMS = ["Sunny", "Kiki", "Mo", "Jay", "Noa", "Rocket"]
IMPRESSIONS = [
    "Vragen over stage zoeken; tips gegeven en uitgenodigd voor het inloopuur.",
    "Onrust in een groepschat na een ruzie op school; rustig gereageerd en de groep laten afkoelen.",
    "Jongere voelt zich somber; geluisterd en gewezen op de chat van 113 en de huisarts.",
    "Vragen over een feest dit weekend; informatie gegeven over alcohol en veilig thuiskomen.",
]


def _platform(org, slug, name):
    existing = Platform.objects.filter(Q(organisation=org) | Q(organisation__isnull=True), slug=slug).first()
    return existing or Platform.objects.create(organisation=org, slug=slug, name=name)


def _agreement(org, teams, manager, start):
    agreement, _created = FunderAgreement.objects.update_or_create(
        organisation=org,
        name="Online jongerenwerk",
        defaults={
            "funder": "Gemeente Demostad",
            "starts_on": start.replace(month=1, day=1),
            "ends_on": start.replace(month=12, day=31),
            "hour_budget": 900,
            "monthly_report": True,
            "report_recipient": manager,
            "created_by": manager,
        },
    )
    agreement.teams.set(teams)
    if not agreement.goals.exists():
        AgreementGoal.objects.create(
            agreement=agreement,
            description="120 online contacten per kwartaal",
            metric="contacts",
            target=120,
            per="quarter",
        )
        AgreementGoal.objects.create(
            agreement=agreement,
            description="4 uur online aanwezigheid per week per jongerenwerker",
            metric="hours_per_worker_week",
            target=4,
            per="week",
        )
        AgreementGoal.objects.create(
            agreement=agreement,
            description="300 jongeren bereikt per jaar",
            metric="young_people",
            target=300,
            per="year",
        )
    return agreement


def _fill(rng, team, workers, platforms, groups, themes, young_people, start, today):
    day = start
    while day < today:
        if day.weekday() < 5:
            for worker in workers:
                for _index in range(rng.randint(0, 2)):
                    count = rng.choice([1, 1, 1, 2, 4, 8])
                    contact = Contact.objects.create(
                        team=team,
                        worker=worker,
                        date=day,
                        platform=rng.choice(platforms),
                        channel=rng.choice(Channel.values),
                        young_people_count=count,
                        kind="group" if count > 1 else "individual",
                        target_group=rng.choice(groups),
                        actions=rng.sample(WorkerAction.values, 2),
                        duration_minutes=rng.choice([10, 15, 20, 30, 45, 90]),
                        impression=rng.choice(IMPRESSIONS),
                    )
                    contact.themes.set(rng.sample(themes, 2))
                    if count == 1 and rng.random() < 0.3:
                        contact.young_people.add(rng.choice(young_people))
                if rng.random() < 0.7:
                    TimeEntry.objects.create(
                        team=team,
                        worker=worker,
                        date=day,
                        activity=rng.choice(Activity.values),
                        duration_minutes=rng.choice([15, 30, 45, 60, 120]),
                    )
        day += datetime.timedelta(days=1)


def seed(demo):
    """Add a quarter of registrations for the demo teams; running again leaves existing rows alone."""
    org, teams, users = demo["organisation"], demo["teams"], demo["users"]
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=13)
    theme_seed_defaults(organisation_id=org.pk)
    themes = list(Theme.objects.filter(organisation=org))
    platforms = [_platform(org, slug, name) for slug, name in PLATFORMS]
    manager = users["manager"]
    _agreement(org, teams, manager, today)
    rng = random.Random(2026)
    staff = {0: ["jongerenwerker", "jongerenwerker2", "teamleider"], 1: ["jongerenwerker-zuid"]}
    for index, team in enumerate(teams):
        TeamBudget.objects.get_or_create(team=team, defaults={"weekly_minutes": 4 * 60})
        groups = [TargetGroup.objects.get_or_create(team=team, name=name)[0] for name in GROUPS]
        young_people = [
            YoungPerson.objects.get_or_create(
                team=team, pseudonym=p, defaults={"birth_year": 2009 + i % 5, "target_group": groups[i % 2]}
            )[0]
            for i, p in enumerate(PSEUDONYMS)
        ]
        if Contact.objects.filter(team=team).exists():
            continue
        workers = [users[key] for key in staff[index] if key in users]
        _fill(rng, team, workers, platforms, groups, themes, young_people, start, today)
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    lead = users["teamleider"]
    approval, created = MonthApproval.objects.update_or_create(
        team=teams[0],
        month=last_month,
        defaults={"status": MonthApproval.Status.APPROVED, "approved_by": lead, "approved_at": timezone.now()},
    )
    if created:
        MonthApprovalEvent.objects.create(approval=approval, old_status="open", new_status="approved", actor=lead)
    return demo
