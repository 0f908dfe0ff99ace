import pytest
from django.urls import reverse

from accounts.models import Platform
from accounts.models import PlatformAccount as Account
from accounts.selectors.outreach import platform_choices
from accounts.tests.outreach_factories import make_account, platform, post

pytestmark = pytest.mark.django_db


def _login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_list_anonymous_and_non_administrators(client, client_for, lead, manager):
    url = reverse("accounts:platform_list")
    assert _login_redirect(client.get(url))
    assert client_for(lead).get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 403


def test_administrator_sees_the_catalogue(client_for, administrator):
    body = client_for(administrator).get(reverse("accounts:platform_list")).content.decode()
    assert "Instagram" in body and "X (Twitter)" in body and "LinkedIn" in body


def test_administrator_adds_a_platform_with_its_rule(client_for, administrator, lead, team_a):
    url = reverse("accounts:platform_create")
    assert client_for(lead).get(url).status_code == 403
    data = {
        "name": "BeReal",
        "handle_pattern": "[a-z0-9_]{3,20}",
        "url_domains": "bereal.com",
        "handle_example": "jw_noord",
    }
    assert post(client_for(administrator), url, data).status_code == 302
    added = Platform.objects.get(name="BeReal")
    assert added.organisation_id == administrator.organisation_id
    assert added.normalise_handle("https://bereal.com/JW_Noord") == "jw_noord"
    assert added in platform_choices(lead)


def test_an_organisations_own_platform_is_not_shown_to_another(administrator, stranger):
    from accounts.services.outreach import platform_create

    added = platform_create(actor=administrator, name="BeReal")
    assert added not in platform_choices(stranger)


def test_broken_rule_is_explained(client_for, administrator):
    response = post(
        client_for(administrator), reverse("accounts:platform_create"), {"name": "Nieuw", "handle_pattern": "[a-"}
    )
    assert "geen geldige reguliere expressie" in response.content.decode()
    assert not Platform.objects.filter(name="Nieuw").exists()


def test_retiring_keeps_history_and_only_affects_this_organisation(client_for, administrator, worker, stranger, team_a):
    account = make_account(team_a, worker, "twitch", "jw_noord", status=Account.Status.ACTIVE)
    url = reverse("accounts:platform_retire", args=[platform("twitch").pk])
    assert _login_redirect(post(client_for(None), url))
    assert post(client_for(worker), url).status_code == 403
    assert post(client_for(administrator), url, {"retired": "1"}).status_code == 302
    assert platform("twitch") not in platform_choices(worker)
    assert platform("twitch") in platform_choices(stranger)
    account.refresh_from_db()
    assert account.status == Account.Status.ACTIVE
    body = client_for(worker).get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    assert "jw_noord" in body
    post(client_for(administrator), url, {"retired": "0"})
    assert platform("twitch") in platform_choices(worker)


def test_retired_platform_cannot_be_requested(client_for, administrator, worker, team_a):
    from accounts.services.outreach import platform_set_retired

    platform_set_retired(actor=administrator, platform=platform("twitch"), retired=True)
    data = {"team": team_a.pk, "platform": platform("twitch").pk, "handle": "jw_noord", "kind": "personal_business",
            "purpose": "x"}  # fmt: skip
    response = post(client_for(worker), reverse("accounts:account_request"), data)
    assert response.status_code == 200 and not Account.objects.exists()


def test_platform_of_another_organisation_is_404(client_for, administrator, stranger):
    from accounts.services.outreach import platform_create

    added = platform_create(actor=administrator, name="BeReal")
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    foreign_admin = make_member(stranger.memberships.first().team, Membership.Role.ADMINISTRATOR)
    assert post(client_for(foreign_admin), reverse("accounts:platform_retire", args=[added.pk])).status_code == 404


def test_platform_list_query_count_does_not_grow(client_for, administrator, stranger):
    from accounts.services.outreach import platform_create, platform_set_retired
    from accounts.tests.outreach_factories import count_queries

    client, url = client_for(administrator), reverse("accounts:platform_list")
    small = count_queries(client, url)
    for index in range(4):
        added = platform_create(actor=administrator, name=f"Nieuw {index}")
        platform_set_retired(actor=administrator, platform=added, retired=True)
    platform_set_retired(actor=administrator, platform=platform("twitch"), retired=True)
    assert count_queries(client, url) == small
