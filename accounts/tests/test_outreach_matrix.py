import pytest
from django.urls import reverse

from accounts.models import Membership
from accounts.models import PlatformAccount as Account
from accounts.selectors.outreach import outreach_matrix
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import count_queries, make_account, make_target_group, make_usage

pytestmark = pytest.mark.django_db
Status = Account.Status
URL = "accounts:matrix"


def _cell(rows, group, slug):
    row = next(row for row in rows if row.target_group == group)
    return next(cell for cell in row.cells if cell.platform.slug == slug)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_youth_worker_gets_403(client_for, worker):
    assert client_for(worker).get(reverse(URL)).status_code == 403


def test_lead_sees_only_own_teams_groups(client_for, lead, team_b, other_team):
    theirs = make_target_group(team_b, "jongens Zuid")
    foreign = make_target_group(other_team, "elders")
    body = client_for(lead).get(reverse(URL)).content.decode()
    assert theirs.name not in body and foreign.name not in body


def test_manager_sees_every_team_of_the_organisation(client_for, manager, team_a, team_b):
    ours, theirs = make_target_group(team_a, "meiden Noord"), make_target_group(team_b, "jongens Zuid")
    body = client_for(manager).get(reverse(URL)).content.decode()
    assert ours.name in body and theirs.name in body


def test_gap_is_where_the_group_is_active_and_no_live_account_serves_it(lead, worker, team_a):
    group = make_target_group(team_a, "meiden Noord")
    make_usage(group, "instagram", "daily")
    make_usage(group, "tiktok", "sometimes")
    make_usage(group, "facebook", "never")
    make_usage(group, "snapchat", "daily")
    make_account(team_a, worker, "instagram", "jw.noord", status=Status.ACTIVE, target_groups=[group])
    make_account(team_a, worker, "snapchat", "jw-noord", status=Status.REQUESTED, target_groups=[group])
    make_account(team_a, worker, "tiktok", "jw.noord.oud", status=Status.ARCHIVED, target_groups=[group])
    _platforms, rows = outreach_matrix(lead)
    assert not _cell(rows, group, "instagram").is_gap and _cell(rows, group, "instagram").has_account
    assert _cell(rows, group, "tiktok").is_gap
    assert _cell(rows, group, "snapchat").is_gap  # a request is not yet an account
    assert not _cell(rows, group, "facebook").is_gap
    assert not _cell(rows, group, "youtube").is_gap  # no usage recorded: never
    assert rows[0].gap_count == 2


def test_account_serving_another_group_does_not_close_the_gap(lead, worker, team_a):
    girls, parents = make_target_group(team_a, "meiden"), make_target_group(team_a, "ouders")
    make_usage(girls, "instagram", "daily")
    make_account(team_a, worker, "instagram", "jw.ouders", status=Status.ACTIVE, target_groups=[parents])
    _platforms, rows = outreach_matrix(lead)
    assert _cell(rows, girls, "instagram").is_gap


def test_gap_is_marked_in_words_and_icon_not_colour_alone(client_for, lead, team_a):
    group = make_target_group(team_a, "meiden Noord")
    make_usage(group, "tiktok", "daily")
    body = client_for(lead).get(reverse(URL)).content.decode()
    assert "gat: geen account" in body
    assert "bi-exclamation-triangle-fill" in body
    assert "1 gat" in body
    assert "dagelijks" in body


def test_retired_platform_leaves_the_matrix(client_for, lead, administrator, team_a):
    from accounts.services.outreach import platform_set_retired
    from accounts.tests.outreach_factories import platform

    make_target_group(team_a, "x")
    assert ">Twitch<" in client_for(lead).get(reverse(URL)).content.decode()
    platform_set_retired(actor=administrator, platform=platform("twitch"), retired=True)
    assert ">Twitch<" not in client_for(lead).get(reverse(URL)).content.decode()


def test_query_count_is_the_same_at_two_sizes(client_for, manager, team_a, team_b):
    client, url = client_for(manager), reverse(URL)
    group = make_target_group(team_a, "groep 0")
    make_usage(group, "instagram")
    small = count_queries(client, url)
    for index in range(1, 6):
        team = team_a if index % 2 else team_b
        group = make_target_group(team, f"groep {index}")
        make_usage(group, "instagram")
        make_usage(group, "snapchat", "sometimes")
        owner = make_member(team, Membership.Role.YOUTH_WORKER)
        make_account(team, owner, "instagram", f"jw.{index}", status=Status.ACTIVE, target_groups=[group])
    assert count_queries(client, url) == small


def test_english_catalogue_covers_the_matrix(client_for, lead, team_a):
    lead.language = "en"
    lead.save(update_fields=["language"])
    make_usage(make_target_group(team_a, "meiden Noord"), "tiktok", "daily")
    body = client_for(lead).get(reverse(URL)).content.decode()
    assert "gap: no account" in body and "Where are our target groups" in body
