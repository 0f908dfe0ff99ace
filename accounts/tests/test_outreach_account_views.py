import pytest
from django.urls import reverse

from accounts.models import Membership, PlatformAccountEvent
from accounts.models import PlatformAccount as Account
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import count_queries, make_account, make_target_group, platform, post

pytestmark = pytest.mark.django_db
Status = Account.Status


def _login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.fixture
def group(team_a):
    return make_target_group(team_a, "meiden 12–16 Noord")


@pytest.fixture
def account(team_a, worker, group):
    return make_account(
        team_a, worker, "instagram", "sam.noord", target_groups=[group], working_hours="ma–vr 13:00–21:00"
    )


def _request_data(team, group, **extra):
    data = {
        "team": team.pk, "platform": platform("instagram").pk, "handle": "@Sam.Noord", "kind": "personal_business",
        "target_groups": [group.pk], "purpose": "Contact met meiden uit Noord", "working_hours": "ma–vr 13:00–21:00",
        "credentials_location": "Wachtwoordmanager, kluis Team A",
    }  # fmt: skip
    data.update(extra)
    return data


# List ----------------------------------------------------------------------------------------------


def test_list_anonymous_is_sent_to_login(client):
    assert _login_redirect(client.get(reverse("accounts:account_list")))


def test_list_shows_own_teams_accounts_only(client_for, worker, outsider, team_b, other_team, stranger, account):
    theirs = make_account(team_b, outsider, "tiktok", "olga.zuid")
    foreign = make_account(other_team, stranger, "tiktok", "elders.jw")
    body = client_for(worker).get(reverse("accounts:account_list")).content.decode()
    assert account.handle in body
    assert theirs.handle not in body and foreign.handle not in body


def test_manager_sees_the_whole_organisation(client_for, manager, outsider, team_b, account):
    theirs = make_account(team_b, outsider, "tiktok", "olga.zuid")
    body = client_for(manager).get(reverse("accounts:account_list")).content.decode()
    assert account.handle in body and theirs.handle in body


def test_list_without_a_team_is_403(client_for, org):
    from accounts.tests.factories import UserFactory

    assert client_for(UserFactory(organisation=org)).get(reverse("accounts:account_list")).status_code == 403


def test_list_filters_on_mine_and_status(client_for, worker, lead, team_a, account):
    lead_account = make_account(team_a, lead, "facebook", "jw.team.a", status=Status.ACTIVE)
    client = client_for(worker)
    mine = client.get(reverse("accounts:account_list") + "?filter=mijn").content.decode()
    assert account.handle in mine and lead_account.handle not in mine
    active = client.get(reverse("accounts:account_list") + "?filter=active").content.decode()
    assert lead_account.handle in active and account.handle not in active


def test_list_query_count_does_not_grow_with_the_accounts(client_for, worker, team_a, group):
    client, url = client_for(worker), reverse("accounts:account_list")
    make_account(team_a, worker, "instagram", "a.0", target_groups=[group])
    small = count_queries(client, url)
    for index in range(1, 7):
        owner = make_member(team_a, Membership.Role.YOUTH_WORKER)
        make_account(team_a, owner, "instagram", f"a.{index}", target_groups=[group], status=Status.ACTIVE)
    assert count_queries(client, url) == small


# Request -------------------------------------------------------------------------------------------


def test_request_anonymous_is_sent_to_login(client):
    assert _login_redirect(client.get(reverse("accounts:account_request")))


@pytest.mark.parametrize("role", [Membership.Role.MANAGER, Membership.Role.SAFEGUARDING_OFFICER])
def test_roles_that_do_not_keep_accounts_may_not_request(client_for, team_a, role):
    person = make_member(team_a, role)
    assert client_for(person).get(reverse("accounts:account_request")).status_code == 403


def test_request_form_has_no_password_like_field(client_for, worker, group):
    page = client_for(worker).get(reverse("accounts:account_request")).content.decode().lower()
    assert 'type="password"' not in page
    for word in ('name="password', 'name="wachtwoord', 'name="token', 'name="secret'):
        assert word not in page
    assert 'name="credentials_location"' in page


def test_worker_requests_a_personal_business_account(client_for, worker, lead, team_a, group):
    response = post(client_for(worker), reverse("accounts:account_request"), _request_data(team_a, group))
    account = Account.objects.get()
    assert response.status_code == 302 and response.url == reverse("accounts:account_detail", args=[account.pk])
    assert (account.owner, account.requested_by, account.status, account.handle_normalised) == (
        worker, worker, Status.REQUESTED, "sam.noord",
    )  # fmt: skip
    assert list(account.target_groups.all()) == [group]
    assert PlatformAccountEvent.objects.filter(account=account, new_status=Status.REQUESTED).exists()


def test_request_in_another_team_is_refused(client_for, worker, team_b, group):
    response = post(client_for(worker), reverse("accounts:account_request"), _request_data(team_b, group))
    assert response.status_code == 200 and not Account.objects.exists()


def test_duplicate_handle_is_explained_next_to_the_field_and_input_kept(client_for, worker, team_a, group, account):
    response = post(client_for(worker), reverse("accounts:account_request"), _request_data(team_a, group))
    body = response.content.decode()
    assert "staat al in het register" in body
    assert "Contact met meiden uit Noord" in body
    assert Account.objects.count() == 1


def test_secret_in_the_credentials_field_is_refused_with_explanation(client_for, worker, team_a, group):
    data = _request_data(team_a, group, credentials_location="wachtwoord: Zomer2024!")
    body = post(client_for(worker), reverse("accounts:account_request"), data).content.decode()
    assert "Sla nooit het wachtwoord zelf op" in body
    assert not Account.objects.exists()


def test_invalid_handle_shows_an_example(client_for, worker, team_a, group):
    data = _request_data(team_a, group, handle="naam met spaties!")
    body = post(client_for(worker), reverse("accounts:account_request"), data).content.decode()
    assert "geen geldige accountnaam voor Instagram" in body


# Detail --------------------------------------------------------------------------------------------


def test_detail_anonymous_is_sent_to_login(client, account):
    assert _login_redirect(client.get(reverse("accounts:account_detail", args=[account.pk])))


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_detail_of_another_team_or_organisation_is_404(client_for, request, who, account):
    url = reverse("accounts:account_detail", args=[account.pk])
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 404


def test_detail_shows_working_hours_and_timeline(client_for, worker, account):
    body = client_for(worker).get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    assert "ma–vr 13:00–21:00" in body
    assert "Tijdlijn" in body and "Aangevraagd" in body
    assert reverse("accounts:account_approve", args=[account.pk]) not in body


def test_lead_sees_approve_but_requester_does_not(client_for, lead, account):
    body = client_for(lead).get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    assert reverse("accounts:account_approve", args=[account.pk]) in body


# Approve, reject -----------------------------------------------------------------------------------


def test_approve_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, account):
    url = reverse("accounts:account_approve", args=[account.pk])
    assert _login_redirect(post(client, url))
    assert post(client_for(outsider), url).status_code == 404
    assert post(client_for(worker), url).status_code == 403
    assert post(client_for(lead), url).status_code == 302
    account.refresh_from_db()
    assert account.status == Status.APPROVED
    assert account.events.filter(old_status=Status.REQUESTED, new_status=Status.APPROVED, actor=lead).exists()


def test_lead_cannot_approve_their_own_request(client_for, lead, team_a):
    own = make_account(team_a, lead, "tiktok", "lotte.jw")
    assert post(client_for(lead), reverse("accounts:account_approve", args=[own.pk])).status_code == 403
    own.refresh_from_db()
    assert own.status == Status.REQUESTED


def test_approve_with_get_is_not_allowed(client_for, lead, account):
    assert client_for(lead).get(reverse("accounts:account_approve", args=[account.pk])).status_code == 405


def test_reject_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, account):
    url = reverse("accounts:account_reject", args=[account.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    response = post(client_for(lead), url, {"reason": ""})
    assert response.status_code == 200 and "Schrijf een korte reden op" in response.content.decode()
    post(client_for(lead), url, {"reason": "Gebruik het teamaccount"})
    account.refresh_from_db()
    assert account.status == Status.REJECTED
    assert account.events.get(new_status=Status.REJECTED).reason == "Gebruik het teamaccount"


# Activate, review, archive, edit, transfer ---------------------------------------------------------


def test_activate_anonymous_404_403_and_happy_path(client, client_for, worker, outsider, team_a, account):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    Account.objects.filter(pk=account.pk).update(status=Status.APPROVED)
    url = reverse("accounts:account_activate", args=[account.pk])
    assert _login_redirect(post(client, url))
    assert post(client_for(outsider), url).status_code == 404
    assert post(client_for(colleague), url).status_code == 403
    post(client_for(worker), url)
    account.refresh_from_db()
    assert account.status == Status.ACTIVE and account.review_due_on is not None


def test_review_confirm_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, account):
    Account.objects.filter(pk=account.pk).update(status=Status.IN_REVIEW)
    url = reverse("accounts:account_review_confirm", args=[account.pk])
    assert _login_redirect(post(client, url))
    assert post(client_for(outsider), url).status_code == 404
    assert post(client_for(lead), url).status_code == 403
    post(client_for(worker), url)
    account.refresh_from_db()
    assert account.status == Status.ACTIVE and account.last_reviewed_at is not None


def test_archive_anonymous_404_403_and_happy_path(client, client_for, worker, outsider, team_a, account):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    Account.objects.filter(pk=account.pk).update(status=Status.ACTIVE)
    url = reverse("accounts:account_archive", args=[account.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(colleague).get(url).status_code == 403
    assert post(client_for(worker), url, {"reason": ""}).status_code == 200
    post(client_for(worker), url, {"reason": "Niet meer nodig"})
    account.refresh_from_db()
    assert account.status == Status.ARCHIVED


def test_edit_anonymous_404_403_and_happy_path(client, client_for, worker, outsider, team_a, group, account):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    url = reverse("accounts:account_edit", args=[account.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(colleague).get(url).status_code == 403
    data = {
        "target_groups": [group.pk],
        "purpose": "Nieuw doel",
        "working_hours": "di 10–12",
        "credentials_location": "",
    }
    assert post(client_for(worker), url, data).status_code == 302
    account.refresh_from_db()
    assert (account.purpose, account.working_hours) == ("Nieuw doel", "di 10–12")
    secret = post(client_for(worker), url, {**data, "credentials_location": "pw: Geheim123!"})
    assert "Sla nooit het wachtwoord zelf op" in secret.content.decode()


def test_transfer_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, team_a, account):
    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    url = reverse("accounts:account_transfer", args=[account.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    assert post(client_for(lead), url, {"new_owner": colleague.pk}).status_code == 302
    account.refresh_from_db()
    assert account.owner == colleague


def test_home_panel_tells_the_lead_a_request_waits(client_for, lead, account):
    body = client_for(lead).get(reverse("home")).content.decode()
    link = reverse("accounts:account_detail", args=[account.pk])
    assert f'<a href="{link}">{account.platform.name} · {account.handle}</a> –' in body
    assert "aanvraag wacht op je besluit" in body


def test_home_panel_tells_the_owner_a_review_is_due(client_for, worker, account):
    Account.objects.filter(pk=account.pk).update(status=Status.IN_REVIEW)
    body = client_for(worker).get(reverse("home")).content.decode()
    assert "controle bevestigen" in body


def test_flagged_account_asks_the_lead_to_hand_it_over(client_for, lead, account):
    from django.utils import timezone

    Account.objects.filter(pk=account.pk).update(status=Status.ACTIVE, handover_flagged_at=timezone.now())
    home = client_for(lead).get(reverse("home")).content.decode()
    assert "overdracht regelen" in home
    body = client_for(lead).get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    assert "Draag het account over aan een collega" in body
    assert reverse("accounts:account_transfer", args=[account.pk]) in body


def test_home_says_nothing_about_accounts_when_nothing_waits(client_for, worker):
    assert "Platformaccounts die op je wachten" not in client_for(worker).get(reverse("home")).content.decode()
