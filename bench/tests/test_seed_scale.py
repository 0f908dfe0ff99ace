"""seed_scale: a large organisation in bulk, the same shape at every size."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Membership, Organisation, PlatformAccount, User
from bench.seeders import SIZES, models_or_none
from bench.seeders.people import ORGANISATION_NAME, PERSONAS
from registration.models import YoungPerson

Role = Membership.Role


@pytest.mark.django_db
def test_seed_scale_builds_the_organisation_of_the_requested_size(tmp_path):
    call_command("seed_scale", size="demo", young_people=30, json=str(tmp_path / "seed.json"), stdout=None)
    size = SIZES["demo"]
    organisation = Organisation.objects.get(name=ORGANISATION_NAME)
    assert organisation.teams.count() == size.teams
    workers = Membership.objects.filter(role=Role.YOUTH_WORKER, team__organisation=organisation)
    assert workers.count() == size.workers
    assert Membership.objects.filter(role=Role.TEAM_LEAD, team__organisation=organisation).count() == size.teams
    assert YoungPerson.objects.filter(team__organisation=organisation).count() == 30
    assert PlatformAccount.objects.filter(organisation=organisation).count() == size.workers
    assert set(User.objects.filter(email__in=PERSONAS.values()).values_list("email", flat=True)) == set(
        PERSONAS.values()
    )
    assert (tmp_path / "seed.json").read_text().count('"rows"') >= 1


@pytest.mark.django_db
def test_young_people_have_unique_pseudonyms_per_team_and_ids_continue_after_the_copy():
    call_command("seed_scale", size="demo", stdout=None)
    young = YoungPerson.objects.filter(team__organisation__name=ORGANISATION_NAME)
    assert young.count() == SIZES["demo"].young_people
    created = YoungPerson.objects.create(team=young.first().team, pseudonym="Na de COPY")
    assert created.pk > max(young.values_list("pk", flat=True).exclude(pk=created.pk))


@pytest.mark.django_db
def test_seed_scale_refuses_a_database_that_is_already_seeded():
    call_command("seed_scale", size="demo", young_people=2, stdout=None)
    with pytest.raises(CommandError, match="already seeded"):
        call_command("seed_scale", size="demo", young_people=2, stdout=None)


def test_a_part_without_its_models_is_skipped():
    assert models_or_none("registration", "NoSuchModel") is None
    assert models_or_none("registration", "YoungPerson") is not None


def test_half_size_keeps_the_people_and_halves_the_records():
    full, half = SIZES["full"], SIZES["half"]
    assert (half.teams, half.workers) == (full.teams, full.workers)
    assert half.entries * 2 == full.entries
    assert half.young_people * 2 == full.young_people


@pytest.mark.django_db
def test_a_part_can_be_seeded_later_into_the_same_organisation():
    import random

    from django.utils import timezone

    from bench.loader import Loader
    from bench.seeders import context_from_database

    call_command("seed_scale", size="demo", stdout=None)
    context = context_from_database(SIZES["demo"], Loader(), random.Random(1), timezone.localdate())
    organisation = Organisation.objects.get(name=ORGANISATION_NAME)
    assert context.team_ids == list(organisation.teams.order_by("pk").values_list("pk", flat=True))
    assert sum(len(workers) for workers in context.workers.values()) == SIZES["demo"].workers
    assert set(context.leads) == set(context.team_ids)
    assert sum(len(people) for people in context.young_people.values()) == SIZES["demo"].young_people
