import datetime

import pytest

from accounts.models import Membership, TargetGroup, Team, User
from accounts.permissions import is_manager
from accounts.tests.factories import make_member
from registration import selectors
from registration.forms import ReportForm
from registration.tests.factories import AgreementFactory, PlatformFactory, TargetGroupFactory


def orm_choices(user):
    """The report form's lists as querysets give them (pk as the last key where names tie)."""
    if is_manager(user):
        teams = Team.objects.filter(organisation_id=user.organisation_id)
    else:
        led = Membership.objects.filter(user=user, role=Membership.Role.TEAM_LEAD, team__organisation=user.organisation)
        teams = Team.objects.filter(pk__in=led.values("team_id"))
    teams = list(teams.order_by("name", "pk").values_list("pk", "name"))
    team_ids = [pk for pk, _name in teams]
    people = User.objects.filter(memberships__team__in=team_ids).distinct().order_by("full_name", "pk")
    groups = TargetGroup.objects.filter(team_id__in=team_ids, is_archived=False).order_by("name", "pk")
    return {
        "teams": teams,
        "agreements": list(
            selectors.FunderAgreement.objects.visible_to(user)
            .order_by("-starts_on", "name", "pk")
            .values_list("pk", "name")
        ),
        "workers": [(pk, name or email) for pk, name, email in people.values_list("pk", "full_name", "email")],
        "target_groups": list(groups.values_list("pk", "name")),
        "platforms": list(selectors.platform_choices(user).order_by("name", "pk").values_list("pk", "name")),
    }


@pytest.fixture
def cast(org, team_a, team_b, other_org, other_team, worker, lead, manager, outsider, stranger):
    make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="", email="zonder-naam@example.org")
    make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="Sam Dezelfde", email="sam1@example.org")
    make_member(team_b, Membership.Role.YOUTH_WORKER, full_name="Sam Dezelfde", email="sam2@example.org")
    Membership.objects.create(user=outsider, team=team_a, role=Membership.Role.YOUTH_WORKER)  # in both teams
    make_member(other_team, Membership.Role.YOUTH_WORKER, full_name="Anne Elders", email="elders@example.org")
    for team, name in ((team_a, "Meiden"), (team_a, "Jongens"), (team_b, "Meiden"), (other_team, "Alle")):
        TargetGroupFactory(team=team, name=name)
    TargetGroupFactory(team=team_a, name="Oud", is_archived=True)
    AgreementFactory(organisation=org, name="Opdracht 2025", starts_on=datetime.date(2025, 1, 1), teams=[team_a])
    AgreementFactory(organisation=org, name="B opdracht", teams=[team_b])
    AgreementFactory(organisation=org, name="A opdracht", teams=[team_a])
    AgreementFactory(organisation=other_org, name="Elders", teams=[other_team])
    PlatformFactory(organisation=None, name="Gedeeld", slug="gedeeld")
    PlatformFactory(organisation=None, name="Uit gebruik", slug="uit-gebruik", is_active=False)
    PlatformFactory(organisation=org, name="Eigen", slug="eigen")
    PlatformFactory(organisation=other_org, name="Van elders", slug="van-elders")
    return {"worker": worker, "lead": lead, "manager": manager, "stranger": stranger}


@pytest.mark.parametrize("person", ["manager", "lead", "worker", "stranger"])
def test_report_choices_are_the_querysets_pairs_in_their_order(cast, person):
    user = cast[person]
    assert selectors.report_choices(user) == orm_choices(user)


def test_manager_chooses_from_the_whole_organisation_only(cast, team_a, team_b):
    choices = selectors.report_choices(cast["manager"])
    assert [name for _pk, name in choices["teams"]] == ["Team A", "Team B"]
    assert [name for _pk, name in choices["agreements"]] == ["A opdracht", "B opdracht", "Opdracht 2025"]
    assert [name for _pk, name in choices["target_groups"]] == ["Jongens", "Meiden", "Meiden"]
    assert "zonder-naam@example.org" in [name for _pk, name in choices["workers"]]
    assert "Anne Elders" not in [name for _pk, name in choices["workers"]]
    assert {name for _pk, name in choices["platforms"]} >= {"Gedeeld", "Eigen"}
    assert not {name for _pk, name in choices["platforms"]} & {"Uit gebruik", "Van elders"}


def test_lead_chooses_from_the_led_team(cast, team_a):
    choices = selectors.report_choices(cast["lead"])
    assert choices["teams"] == [(team_a.pk, "Team A")]
    assert [name for _pk, name in choices["target_groups"]] == ["Jongens", "Meiden"]
    assert "Olga Buiten" in [name for _pk, name in choices["workers"]]  # also in team A


def test_form_takes_its_lists_in_one_query_then_from_the_cache(cast, django_assert_num_queries):
    assert is_manager(cast["manager"])  # the memberships, as every page reads them first
    with django_assert_num_queries(2):  # row 0's revision, then the lists
        form = ReportForm(user=cast["manager"])
    assert form.allowed_team_ids == [pk for pk, _name in orm_choices(cast["manager"])["teams"]]
    with django_assert_num_queries(1):  # the revision only
        form = ReportForm(user=cast["manager"])
    assert form.allowed_team_ids == [pk for pk, _name in orm_choices(cast["manager"])["teams"]]


def _changes(org, team_a, team_b, lead):
    """Every kind of write that changes someone's report lists, each a step of its own."""
    nameless = User.objects.get(email="zonder-naam@example.org")
    new_team = []
    yield "a person joins a team", lambda: make_member(team_a, Membership.Role.YOUTH_WORKER, full_name="Nieuw Lid")
    yield "a person leaves a team", lambda: Membership.objects.filter(user__full_name="Nieuw Lid").delete()
    yield "a person's name", lambda: User.objects.filter(full_name="Sam Dezelfde").update(full_name="Sam Anders")
    yield (
        "the e-mail of a person without a name",
        lambda: User.objects.filter(pk=nameless.pk).update(email="nu-anders@example.org"),
    )
    yield "a new team", lambda: new_team.append(Team.objects.create(organisation=org, name="Team Nieuw"))
    yield "a team renamed", lambda: Team.objects.filter(name="Team Nieuw").update(name="Team Hernoemd")
    yield "a team removed", lambda: Team.objects.filter(name="Team Hernoemd").delete()
    yield "a new target group", lambda: TargetGroupFactory(team=team_a, name="Nieuwkomers")
    yield "a target group archived", lambda: TargetGroup.objects.filter(name="Nieuwkomers").update(is_archived=True)
    yield "a target group moved", lambda: TargetGroup.objects.filter(name="Jongens").update(team=team_b)
    yield "a new agreement", lambda: AgreementFactory(organisation=org, name="C opdracht", teams=[team_a])
    yield (
        "an agreement renamed",
        lambda: selectors.FunderAgreement.objects.filter(name="C opdracht").update(name="0 opdracht"),
    )
    yield (
        "an agreement's start",
        lambda: selectors.FunderAgreement.objects.filter(name="0 opdracht").update(starts_on=datetime.date(2024, 1, 1)),
    )
    yield "a platform taken out of use", lambda: selectors.Platform.objects.filter(name="Eigen").update(is_active=False)
    yield "a platform of the organisation", lambda: PlatformFactory(organisation=org, name="Nog een", slug="nog-een")
    yield (
        "a lead no longer leads",
        lambda: Membership.objects.filter(user=lead, role=Membership.Role.TEAM_LEAD).update(team=team_b),
    )


@pytest.mark.parametrize("person", ["manager", "lead"])
def test_cached_lists_follow_every_change_to_them(cast, person, org, team_a, team_b, lead):
    user = cast[person]
    assert selectors.report_choices(user) == orm_choices(user)  # now cached
    for change, write in _changes(org, team_a, team_b, lead):
        before = orm_choices(user)
        write()
        user = User.objects.get(pk=user.pk)  # a new request: its memberships read anew
        assert selectors.report_choices(user) == orm_choices(user), change
        if person == "manager" and change not in ("a target group moved", "a lead no longer leads"):
            assert orm_choices(user) != before, f"{change} changes nothing the test can see"
