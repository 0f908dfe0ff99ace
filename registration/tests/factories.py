"""Factories of registration; every row takes an explicit team."""

import datetime

import factory

from accounts.models import Platform, TargetGroup
from registration.models import AgreementGoal, Contact, FunderAgreement, TimeEntry, YoungPerson


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        django_get_or_create = ("organisation", "slug")

    organisation = None
    name = factory.Sequence(lambda n: f"Platform {n}")
    slug = factory.Sequence(lambda n: f"platform-{n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Doelgroep {n}")


class YoungPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YoungPerson

    pseudonym = factory.Sequence(lambda n: f"Jongere{n}")
    birth_year = 2010


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    date = factory.LazyFunction(lambda: datetime.date(2026, 11, 10))
    platform = factory.SubFactory(PlatformFactory)
    target_group = factory.LazyAttribute(lambda o: TargetGroupFactory(team=o.team))
    duration_minutes = 15
    young_people_count = 1


class TimeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeEntry

    date = factory.LazyFunction(lambda: datetime.date(2026, 11, 10))
    duration_minutes = 30
    activity = "monitoring"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunderAgreement
        skip_postgeneration_save = True

    name = "Online jongerenwerk 2026"
    funder = "Gemeente Noord-Oost"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    hour_budget = 100

    @factory.post_generation
    def teams(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.teams.set(extracted)


def make_goal(agreement, **fields):
    defaults = {
        "description": "120 online contacten per kwartaal",
        "metric": "contacts",
        "target": 120,
        "per": "quarter",
    }
    return AgreementGoal.objects.create(agreement=agreement, **{**defaults, **fields})
