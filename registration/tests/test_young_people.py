import json

import pytest

from accounts.models import Membership
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from registration import services
from registration.models import YoungPerson, YoungPersonHandle
from registration.tests.factories import ContactFactory, YoungPersonFactory
from registration.tests.http import post_form


def test_anonymous_is_sent_to_login(client, team_a):
    yp = YoungPersonFactory(team=team_a)
    assert client.get(f"/registratie/jongeren/{yp.pk}/").status_code == 302


def test_outsider_and_stranger_get_404(client_for, outsider, stranger, team_a):
    yp = YoungPersonFactory(team=team_a)
    assert client_for(outsider).get(f"/registratie/jongeren/{yp.pk}/").status_code == 404
    assert client_for(stranger).get(f"/registratie/jongeren/{yp.pk}/").status_code == 404


def test_worker_creates_a_record_with_a_handle(client_for, worker, team_a, platform, group_a):
    data = {
        "team": team_a.pk,
        "pseudonym": "Sunny",
        "initials": "S.",
        "birth_year": 2011,
        "target_group": group_a.pk,
        "handle_platform_1": platform.pk,
        "handle_1": "sunny_2011",
    }
    response = post_form(client_for(worker), "/registratie/jongeren/nieuw/", data)
    assert response.status_code == 302
    yp = YoungPerson.objects.get()
    assert (yp.pseudonym, yp.birth_year, yp.target_group, yp.created_by) == ("Sunny", 2011, group_a, worker)
    assert YoungPersonHandle.objects.get().handle == "sunny_2011"


def test_birth_year_out_of_range_is_refused(client_for, worker, team_a):
    data = {"team": team_a.pk, "pseudonym": "Sunny", "birth_year": 1950}
    response = post_form(client_for(worker), "/registratie/jongeren/nieuw/", data)
    assert response.status_code == 200
    assert "birth_year" in response.context["form"].errors


def test_viewing_a_record_is_audited_with_the_young_person(client_for, worker, team_a, platform):
    yp = YoungPersonFactory(team=team_a)
    ContactFactory(team=team_a, worker=worker, platform=platform).young_people.add(yp)
    response = client_for(worker).get(f"/registratie/jongeren/{yp.pk}/")
    assert len(response.context["chronology"]) == 1
    assert AuditEvent.objects.filter(action="view", young_person_id=yp.pk).count() == 1


def test_worker_may_not_merge(client_for, worker, team_a):
    a, b = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_a)
    response = post_form(client_for(worker), f"/registratie/jongeren/{a.pk}/samenvoegen/", {"other": b.pk})
    assert response.status_code == 403
    assert YoungPerson.objects.count() == 2


def test_lead_merges_and_every_link_moves(client_for, lead, worker, team_a, platform):
    source, target = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_a, initials="")
    source.initials = "AB"
    source.save()
    both = ContactFactory(team=team_a, worker=worker, platform=platform)
    only_source = ContactFactory(team=team_a, worker=worker, platform=platform)
    both.young_people.set([source, target])
    only_source.young_people.set([source])
    YoungPersonHandle.objects.create(young_person=source, platform=platform, handle="x")
    response = post_form(client_for(lead), f"/registratie/jongeren/{source.pk}/samenvoegen/", {"other": target.pk})
    assert response.status_code == 302
    assert not YoungPerson.objects.filter(pk=source.pk).exists()
    assert set(target.contacts.all()) == {both, only_source}
    assert target.handles.count() == 1
    target.refresh_from_db()
    assert target.initials == "AB"
    assert AuditEvent.objects.filter(young_person_id=source.pk, action="delete").exists()
    assert AuditEvent.objects.filter(young_person_id=target.pk, action="change").exists()


def test_merge_across_teams_is_refused(lead, team_a, team_b):
    with pytest.raises(DomainError):
        services.young_person_merge(
            actor=lead, source=YoungPersonFactory(team=team_a), target=YoungPersonFactory(team=team_b)
        )


def test_export_holds_everything_linked_and_is_audited(client_for, lead, worker, team_a, platform):
    yp = YoungPersonFactory(team=team_a, pseudonym="Sunny")
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, impression="Gesprek over school")
    contact.young_people.add(yp)
    YoungPersonHandle.objects.create(young_person=yp, platform=platform, handle="sunny")
    response = post_form(client_for(lead), f"/registratie/jongeren/{yp.pk}/exporteren/")
    data = json.loads(response.content)
    assert data["young_person"]["pseudonym"] == "Sunny"
    assert data["linked"]["registration.contact"][0]["impression"] == "Gesprek over school"
    assert data["linked"]["registration.youngpersonhandle"][0]["handle"] == "sunny"
    assert AuditEvent.objects.filter(action="export", young_person_id=yp.pk).exists()


def test_worker_may_not_export(client_for, worker, team_a):
    yp = YoungPersonFactory(team=team_a)
    assert post_form(client_for(worker), f"/registratie/jongeren/{yp.pk}/exporteren/").status_code == 403


def test_lead_erases_a_record(client_for, lead, worker, team_a, platform):
    yp = YoungPersonFactory(team=team_a)
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    contact.young_people.add(yp)
    response = post_form(client_for(lead), f"/registratie/jongeren/{yp.pk}/wissen/")
    assert response.status_code == 302
    assert not YoungPerson.objects.exists()
    assert contact.young_people.count() == 0
    assert AuditEvent.objects.filter(action="delete", young_person_id=yp.pk).exists()


def test_erasure_refuses_with_the_reason_of_a_check(lead, team_a):
    yp = YoungPersonFactory(team=team_a)
    services.ERASURE_CHECKS.append(lambda young_person: "Er loopt nog een signaal over deze jongere.")
    try:
        with pytest.raises(DomainError, match="Er loopt nog een signaal"):
            services.young_person_erase(young_person=yp, actor=lead)
    finally:
        services.ERASURE_CHECKS.pop()
    assert YoungPerson.objects.filter(pk=yp.pk).exists()


def test_erasure_works_whether_or_not_the_signals_app_has_a_signal_model(lead, team_a):
    yp = YoungPersonFactory(team=team_a)
    assert services.young_person_erasure_refusal(yp) is None
    services.young_person_erase(young_person=yp, actor=lead)
    assert not YoungPerson.objects.exists()


def test_worker_may_not_erase(client_for, worker, team_a):
    yp = YoungPersonFactory(team=team_a)
    assert post_form(client_for(worker), f"/registratie/jongeren/{yp.pk}/wissen/").status_code == 403


def test_list_shows_only_own_team(client_for, worker, team_a, team_b):
    mine, theirs = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_b)
    page = client_for(worker).get("/registratie/jongeren/").context["page"]
    assert list(page.object_list) == [mine]
    assert theirs not in page.object_list


def test_selectors_are_scoped(worker, team_a, team_b, platform):
    from registration.selectors import contact_list, young_person_list

    mine, _theirs = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_b)
    colleague_b = make_member(team_b, Membership.Role.YOUTH_WORKER)
    ContactFactory(team=team_b, worker=colleague_b, platform=platform)
    assert list(young_person_list(worker)) == [mine]
    assert list(contact_list(worker)) == []


@pytest.mark.parametrize("size", [2, 20])
def test_list_query_count_does_not_grow(client_for, worker, team_a, size, django_assert_num_queries):
    for _index in range(size):
        YoungPersonFactory(team=team_a)
    client = client_for(worker)
    client.get("/")
    with django_assert_num_queries(6):
        client.get("/registratie/jongeren/")
