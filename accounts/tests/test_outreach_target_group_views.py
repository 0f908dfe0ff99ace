import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Membership, Persona, PlatformUsage, TargetGroup
from accounts.tests.factories import make_member
from accounts.tests.outreach_factories import (
    count_queries,
    make_account,
    make_persona,
    make_target_group,
    make_usage,
    platform,
    post,
)
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(team_a):
    return make_target_group(team_a, "meiden 12–16 Noord", age_min=12, age_max=16, area="Noord")


@pytest.fixture
def other_group(team_b):
    return make_target_group(team_b, "jongens Zuid")


@pytest.fixture
def foreign_group(other_team):
    return make_target_group(other_team, "elders")


def _login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("account_login"))


# The list ------------------------------------------------------------------------------------------


def test_list_anonymous_is_sent_to_login(client, group):
    assert _login_redirect(client.get(reverse("accounts:target_group_list")))


def test_list_shows_own_teams_groups_only(client_for, worker, group, other_group, foreign_group):
    body = client_for(worker).get(reverse("accounts:target_group_list")).content.decode()
    assert group.name in body
    assert other_group.name not in body and foreign_group.name not in body


def test_manager_sees_every_team_of_the_organisation(client_for, manager, group, other_group, foreign_group):
    body = client_for(manager).get(reverse("accounts:target_group_list")).content.decode()
    assert group.name in body and other_group.name in body
    assert foreign_group.name not in body


def test_list_without_a_team_is_403(client_for, org):
    from accounts.tests.factories import UserFactory

    loner = UserFactory(organisation=org)
    assert client_for(loner).get(reverse("accounts:target_group_list")).status_code == 403


def test_archived_groups_are_listed_separately(client_for, worker, group, team_a):
    archived = make_target_group(team_a, "oud project", is_archived=True)
    client = client_for(worker)
    assert archived.name not in client.get(reverse("accounts:target_group_list")).content.decode()
    assert archived.name in client.get(reverse("accounts:target_group_list") + "?gearchiveerd=1").content.decode()


def test_list_query_count_does_not_grow_with_the_groups(client_for, worker, team_a):
    client, url = client_for(worker), reverse("accounts:target_group_list")
    make_target_group(team_a, "groep 0")
    small = count_queries(client, url)
    for index in range(1, 8):
        make_target_group(team_a, f"groep {index}")
    assert count_queries(client, url) == small
    assert client.get(url).content.decode().count("list-group-item-action") == 8


# Detail --------------------------------------------------------------------------------------------


def test_detail_anonymous_is_sent_to_login(client, group):
    assert _login_redirect(client.get(reverse("accounts:target_group_detail", args=[group.pk])))


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_detail_of_another_team_or_organisation_is_404(client_for, request, who, group):
    assert client_for(request.getfixturevalue(who)).get(
        reverse("accounts:target_group_detail", args=[group.pk])
    ).status_code == 404  # fmt: skip


def test_worker_sees_usage_personas_and_gap_in_words(client_for, worker, group):
    make_usage(group, "tiktok", communication_forms=["stories", "live"], team_activity="Nog niets")
    make_persona(group, "Aisha (verzonnen)", age=14)
    body = client_for(worker).get(reverse("accounts:target_group_detail", args=[group.pk])).content.decode()
    assert "Aisha (verzonnen)" in body
    assert "gat: geen account" in body and "bi-exclamation-triangle-fill" in body
    assert "stories, live" in body
    assert reverse("accounts:target_group_edit", args=[group.pk]) not in body


# Create, edit, archive ----------------------------------------------------------------------------


def test_create_anonymous_is_sent_to_login(client):
    assert _login_redirect(client.get(reverse("accounts:target_group_create")))


def test_worker_may_not_create_a_target_group(client_for, worker):
    assert client_for(worker).get(reverse("accounts:target_group_create")).status_code == 403


def test_team_lead_creates_a_target_group_with_every_field(client_for, lead, team_a):
    data = {
        "team": team_a.pk, "name": "ouders", "description": "Ouders in Noord", "age_min": "", "age_max": "",
        "area": "Noord", "needs": "Zicht op online leven", "estimated_size": "400",
    }  # fmt: skip
    response = post(client_for(lead), reverse("accounts:target_group_create"), data)
    group = TargetGroup.objects.get(name="ouders")
    assert response.status_code == 302 and response.url == reverse("accounts:target_group_detail", args=[group.pk])
    assert (group.team, group.needs, group.estimated_size, group.area) == (
        team_a,
        "Zicht op online leven",
        400,
        "Noord",
    )
    assert AuditEvent.objects.filter(object_id=str(group.pk), action="create").exists()


def test_create_refuses_another_teams_team_and_keeps_what_was_typed(client_for, lead, team_b):
    response = post(client_for(lead), reverse("accounts:target_group_create"), {"team": team_b.pk, "name": "zoveel"})
    assert response.status_code == 200
    assert not TargetGroup.objects.filter(name="zoveel").exists()
    assert 'value="zoveel"' in response.content.decode()


def test_age_range_upside_down_is_explained_next_to_the_field(client_for, lead, team_a):
    data = {"team": team_a.pk, "name": "x", "age_min": "16", "age_max": "12"}
    response = post(client_for(lead), reverse("accounts:target_group_create"), data)
    assert "lager dan ‘vanaf’" in response.content.decode()
    assert not TargetGroup.objects.filter(name="x").exists()


def test_duplicate_name_in_the_team_is_refused(client_for, lead, team_a, group):
    response = post(
        client_for(lead), reverse("accounts:target_group_create"), {"team": team_a.pk, "name": group.name.upper()}
    )
    assert "al een doelgroep met deze naam" in response.content.decode()


def test_edit_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, group):
    url = reverse("accounts:target_group_edit", args=[group.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    response = post(client_for(lead), url, {"name": "meiden 12–17 Noord", "age_min": "12", "age_max": "17"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.age_max) == ("meiden 12–17 Noord", 17)


def test_archive_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, group):
    url = reverse("accounts:target_group_archive", args=[group.pk])
    assert _login_redirect(post(client, url))
    assert post(client_for(outsider), url).status_code == 404
    assert post(client_for(worker), url).status_code == 403
    post(client_for(lead), url, {"archived": "1"})
    group.refresh_from_db()
    assert group.is_archived
    post(client_for(lead), url, {"archived": "0"})
    group.refresh_from_db()
    assert not group.is_archived


def test_lead_of_another_team_gets_404_on_edit(client_for, team_b, group):
    other_lead = make_member(team_b, Membership.Role.TEAM_LEAD)
    assert client_for(other_lead).get(reverse("accounts:target_group_edit", args=[group.pk])).status_code == 404


# Usage ---------------------------------------------------------------------------------------------


def test_usage_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, group):
    url = reverse("accounts:platform_usage_edit", args=[group.pk, platform("snapchat").pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    data = {"frequency": "daily", "communication_forms": ["stories", "group_chats"], "team_activity": "Check-ins"}
    assert post(client_for(lead), url, data).status_code == 302
    usage = PlatformUsage.objects.get(target_group=group, platform=platform("snapchat"))
    assert (usage.frequency, usage.communication_forms, usage.team_activity) == (
        "daily", ["stories", "group_chats"], "Check-ins",
    )  # fmt: skip
    post(client_for(lead), url, {**data, "frequency": "sometimes"})
    assert PlatformUsage.objects.get(pk=usage.pk).frequency == "sometimes"


def test_usage_with_an_unknown_form_of_communication_is_refused(client_for, lead, group):
    url = reverse("accounts:platform_usage_edit", args=[group.pk, platform("snapchat").pk])
    data = {"frequency": "daily", "communication_forms": ["stories", "carrier-pigeon"], "team_activity": ""}

    response = post(client_for(lead), url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["communication_forms"]
    assert not PlatformUsage.objects.filter(target_group=group, platform=platform("snapchat")).exists()
    usage = PlatformUsage(target_group=group, platform=platform("snapchat"), communication_forms=["carrier-pigeon"])
    with pytest.raises(ValidationError) as refused:
        usage.full_clean()
    assert "communication_forms" in refused.value.message_dict


def test_usage_of_a_retired_platform_cannot_be_added(client_for, lead, administrator, group):
    from accounts.services.outreach import platform_set_retired

    platform_set_retired(actor=administrator, platform=platform("twitch"), retired=True)
    url = reverse("accounts:platform_usage_edit", args=[group.pk, platform("twitch").pk])
    assert client_for(lead).get(url).status_code == 404


# Personas ------------------------------------------------------------------------------------------


def test_persona_form_says_it_is_fictional_and_requires_confirming_it(client_for, lead, group):
    url = reverse("accounts:persona_create", args=[group.pk])
    page = client_for(lead).get(url).content.decode()
    assert "verzonnen" in page and "nooit een echte jongere" in page
    response = post(client_for(lead), url, {"name": "Aisha (verzonnen)", "age": "14"})
    assert response.status_code == 200 and not Persona.objects.exists()
    assert "Vink aan dat dit geen echte jongere is" in response.content.decode()


def test_persona_create_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, group):
    url = reverse("accounts:persona_create", args=[group.pk])
    assert _login_redirect(client.get(url))
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    data = {
        "name": "Aisha (verzonnen)", "age": "14", "story": "Tweede klas", "goals": "Erbij horen",
        "worries": "Doorgestuurde foto's", "online_habits": "Stories", "tone": "Luchtig",
        "preferred_platforms": [platform("instagram").pk, platform("snapchat").pk], "is_fictional": "on",
    }  # fmt: skip
    assert post(client_for(lead), url, data).status_code == 302
    persona = Persona.objects.get()
    assert persona.target_group == group and persona.tone == "Luchtig"
    assert {p.slug for p in persona.preferred_platforms.all()} == {"instagram", "snapchat"}


def test_persona_edit_and_delete_anonymous_404_403_and_happy_path(client, client_for, worker, lead, outsider, group):
    persona = make_persona(group)
    edit = reverse("accounts:persona_edit", args=[persona.pk])
    delete = reverse("accounts:persona_delete", args=[persona.pk])
    assert _login_redirect(client.get(edit)) and _login_redirect(post(client, delete))
    assert client_for(outsider).get(edit).status_code == 404
    assert post(client_for(outsider), delete).status_code == 404
    assert client_for(worker).get(edit).status_code == 403
    assert post(client_for(worker), delete).status_code == 403
    post(client_for(lead), edit, {"name": "Aisha (15, verzonnen)", "is_fictional": "on"})
    assert Persona.objects.get().name == "Aisha (15, verzonnen)"
    post(client_for(lead), delete)
    assert not Persona.objects.exists()


def test_group_detail_lists_accounts_serving_it(client_for, worker, group, team_a):
    make_account(team_a, worker, "instagram", "jw.noord", target_groups=[group])
    body = client_for(worker).get(reverse("accounts:target_group_detail", args=[group.pk])).content.decode()
    assert "jw.noord" in body


def test_a_gap_offers_to_request_an_account_there_with_platform_and_group_filled_in(client_for, worker, group):
    make_usage(group, "tiktok")
    body = client_for(worker).get(reverse("accounts:target_group_detail", args=[group.pk])).content.decode()
    link = f"{reverse('accounts:account_request')}?doelgroep={group.pk}&amp;platform={platform('tiktok').pk}"
    assert link in body
    form = client_for(worker).get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{platform("tiktok").pk}" selected>' in form
