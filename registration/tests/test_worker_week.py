import datetime

import pytest

from accounts.models import Membership
from accounts.tests.factories import make_member
from registration import dashboards, selectors
from registration.models import Contact, TeamBudget
from registration.tests.factories import ContactFactory, TimeEntryFactory

MONDAY = datetime.date(2026, 11, 16)
SUNDAY = datetime.date(2026, 11, 22)


def orm_totals(user):
    """The week's minutes and budget as the two ORM selectors read them."""
    return (
        selectors.worker_minutes([user.pk], MONDAY, SUNDAY).get(user.pk, 0),
        selectors.weekly_budget_minutes(user),
    )


def totals(user, until=SUNDAY):
    minutes, budget, _follow_ups = selectors.worker_week_totals(user, MONDAY, SUNDAY, until)
    return minutes, budget


def orm_follow_ups(user, until):
    """The open follow-ups as the home page read them with the ORM."""
    due = (
        Contact.objects.filter(worker=user, follow_up_due__lte=until, follow_up_done_at__isnull=True)
        .exclude(follow_up="")
        .order_by("follow_up_due", "pk")
    )
    return list(due.values("pk", "follow_up", "follow_up_due")[: selectors.FOLLOW_UPS_SHOWN])


def log(user, team, platform, day, contact_minutes, entry_minutes):
    ContactFactory(team=team, worker=user, platform=platform, date=day, duration_minutes=contact_minutes)
    TimeEntryFactory(team=team, worker=user, date=day, duration_minutes=entry_minutes)


def test_week_totals_count_only_this_persons_week(worker, outsider, team_a, team_b, platform):
    log(worker, team_a, platform, MONDAY, 45, 30)
    log(worker, team_a, platform, SUNDAY, 20, 10)
    log(worker, team_a, platform, MONDAY - datetime.timedelta(days=1), 300, 300)
    log(worker, team_a, platform, SUNDAY + datetime.timedelta(days=1), 300, 300)
    log(outsider, team_b, platform, MONDAY, 500, 500)
    assert totals(worker) == (105, 240) == orm_totals(worker)


def test_week_totals_take_the_personal_budget_else_the_teams(worker, team_a, team_b, platform):
    TeamBudget.objects.create(team=team_a, weekly_minutes=180)
    TeamBudget.objects.create(team=team_b, weekly_minutes=300)
    Membership.objects.create(user=worker, team=team_b, role=Membership.Role.YOUTH_WORKER, weekly_budget_minutes=90)
    log(worker, team_b, platform, MONDAY, 15, 15)
    assert totals(worker) == (30, 180 + 90) == orm_totals(worker)


def test_week_totals_count_a_team_once_whatever_the_roles(worker, team_a, team_b, other_team):
    Membership.objects.create(user=worker, team=team_a, role=Membership.Role.TEAM_LEAD)
    Membership.objects.filter(user=worker, team=team_a).update(weekly_budget_minutes=0)  # 0: the team's default
    Membership.objects.create(user=worker, team=team_b, role=Membership.Role.MANAGER, weekly_budget_minutes=600)
    assert totals(worker) == (0, 240) == orm_totals(worker)


@pytest.mark.parametrize("role", [Membership.Role.MANAGER, Membership.Role.ADMINISTRATOR])
def test_week_totals_of_someone_who_does_not_register_are_zero(team_a, role):
    person = make_member(team_a, role, full_name="Niet Registrerend", email="niet@example.org")
    assert totals(person) == (0, 0) == orm_totals(person)


def test_worker_week_shows_minutes_against_budget(worker, team_a, platform):
    log(worker, team_a, platform, MONDAY, 200, 100)
    week = dashboards.worker_week(worker, datetime.date(2026, 11, 20))
    assert week == {
        "start": MONDAY,
        "minutes": 300,
        "hours": 5.0,
        "budget_hours": 4.0,
        "percent": 125,
        "over": True,
        "follow_ups": [],
    }


def test_worker_week_is_one_query(worker, team_a, platform, django_assert_num_queries):
    log(worker, team_a, platform, MONDAY, 20, 10)
    with django_assert_num_queries(1):
        dashboards.worker_week(worker, datetime.date(2026, 11, 20))


def test_follow_ups_are_the_first_open_ones_due_by_the_date(worker, outsider, team_a, team_b, platform):
    def contact(user=worker, team=team_a, **fields):
        return ContactFactory(team=team, worker=user, platform=platform, **fields)

    for offset in (3, 0, 1, 1, 2, -4, 0):
        contact(follow_up=f"Over {offset} dagen", follow_up_due=SUNDAY + datetime.timedelta(days=offset))
    contact(
        follow_up="Gedaan", follow_up_due=MONDAY, follow_up_done_at=datetime.datetime(2026, 11, 17, tzinfo=datetime.UTC)
    )
    contact(follow_up="", follow_up_due=MONDAY)
    contact(user=outsider, team=team_b, follow_up="Van een ander", follow_up_due=MONDAY)
    for until in (
        MONDAY - datetime.timedelta(days=7),
        SUNDAY,
        SUNDAY + datetime.timedelta(days=1),
        SUNDAY + datetime.timedelta(days=9),
    ):
        _minutes, _budget, follow_ups = selectors.worker_week_totals(worker, MONDAY, SUNDAY, until)
        assert follow_ups == orm_follow_ups(worker, until)
    assert [f["follow_up"] for f in follow_ups] == [
        "Over -4 dagen",
        "Over 0 dagen",
        "Over 0 dagen",
        "Over 1 dagen",
        "Over 1 dagen",
    ]
    assert totals(worker) == orm_totals(worker)
