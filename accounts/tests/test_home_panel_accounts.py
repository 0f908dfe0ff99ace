"""The home page's "platform accounts waiting for you": plain SQL, the same accounts as the rule's queryset."""

import pytest
from django.db.models import Q
from django.utils import timezone

from accounts.models import Membership, PlatformAccount
from accounts.selectors.outreach import lead_team_ids, platform_accounts_waiting_for
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import make_account

Status = PlatformAccount.Status
Role = Membership.Role
pytestmark = pytest.mark.django_db


def waiting_by_the_rule(user):
    """What waits for a person, as the ORM states it: their accounts in review; for a lead, requests by someone
    else and handovers of accounts not closed in the teams they lead; only in the teams they may see."""
    lead_teams = lead_team_ids(user)
    waiting = Q(owner=user, status=Status.IN_REVIEW)
    if lead_teams:
        waiting |= Q(team_id__in=lead_teams, status=Status.REQUESTED) & ~Q(requested_by=user)
        waiting |= Q(team_id__in=lead_teams, handover_flagged_at__isnull=False) & ~Q(
            status__in=PlatformAccount.CLOSED_STATUSES
        )
    rows = PlatformAccount.objects.visible_to(user).filter(waiting).order_by("created_at", "pk")
    return [(a.pk, a.handle, a.status, a.owner_id, a.platform.name) for a in rows]


def as_tuples(rows):
    return [(r["pk"], r["handle"], r["status"], r["owner_id"], r["platform_name"]) for r in rows]


def test_the_panel_lists_what_the_rule_lists_for_every_person(worker, lead, manager, team_a, team_b, other_team):
    colleague = make_member(team_a, Role.YOUTH_WORKER)
    lead_b = make_member(team_b, Role.TEAM_LEAD)
    stranger = make_member(other_team, Role.TEAM_LEAD)
    flagged = timezone.now()
    accounts = [
        make_account(team_a, worker, "instagram", "@review", status=Status.IN_REVIEW),
        make_account(team_a, worker, "tiktok", "@asked", status=Status.REQUESTED, requested_by=worker),
        make_account(team_a, colleague, "instagram", "@by-lead", status=Status.REQUESTED, requested_by=lead),
        make_account(team_a, colleague, "tiktok", "@no-asker", status=Status.REQUESTED, requested_by=None),
        make_account(team_a, colleague, "snapchat", "@handover", status=Status.ACTIVE, handover_flagged_at=flagged),
        make_account(team_a, colleague, "youtube", "@gone", status=Status.ARCHIVED, handover_flagged_at=flagged),
        make_account(team_b, lead_b, "instagram", "@b-review", status=Status.IN_REVIEW),
        make_account(team_b, lead_b, "tiktok", "@b-asked", status=Status.REQUESTED, requested_by=None),
        make_account(other_team, stranger, "instagram", "@elsewhere", status=Status.IN_REVIEW),
        make_account(other_team, worker, "tiktok", "@wrongly-linked", status=Status.IN_REVIEW),
    ]
    assert len(accounts) == 10
    seen = set()
    for person in (worker, lead, manager, colleague, lead_b, stranger):
        rows = as_tuples(platform_accounts_waiting_for(person))
        assert rows == waiting_by_the_rule(person), person
        seen.update(handle for _pk, handle, *_ in rows)
    # Every kind of account waits for someone, and the other organisation's never for this one's people.
    assert {"@review", "@asked", "@no-asker", "@handover", "@b-review", "@b-asked", "@elsewhere"} <= seen
    assert "@gone" not in seen  # archived: no handover to arrange
    assert "@by-lead" not in seen  # the lead's own request waits for nobody's decision
    assert "@wrongly-linked" not in seen


def test_the_panel_shows_at_most_the_limit_oldest_first(worker, team_a):
    for n in range(4):
        make_account(team_a, worker, "instagram", f"@review{n}", status=Status.IN_REVIEW)
    rows = platform_accounts_waiting_for(worker, limit=3)
    assert [row["handle"] for row in rows] == ["@review0", "@review1", "@review2"]


def test_nothing_waits_for_a_person_without_a_team(db, org):
    from accounts.models import User

    loner = User.objects.create_user(email="los@example.org", password="x" * 16, organisation=org)
    assert platform_accounts_waiting_for(loner) == []
