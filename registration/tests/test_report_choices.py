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


def test_form_takes_its_lists_in_one_query(cast, django_assert_num_queries):
    assert is_manager(cast["manager"])  # the memberships, as every page reads them first
    with django_assert_num_queries(1):
        form = ReportForm(user=cast["manager"])
    assert form.allowed_team_ids == [pk for pk, _name in orm_choices(cast["manager"])["teams"]]
