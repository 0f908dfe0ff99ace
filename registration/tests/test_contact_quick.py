import datetime

import pytest

from audit.models import AuditEvent
from registration.models import Contact
from registration.tests.http import post_form

URL = "/registratie/contact/snel/"


def post(client, platform, group, **extra):
    data = {"platform": platform.pk, "duration_minutes": 15, "young_people_count": 1, "target_group": group.pk}
    data.update(extra)
    return post_form(client, URL, data)


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_manager_without_registering_role_gets_403(client_for, manager):
    assert client_for(manager).get(URL).status_code == 403


def test_worker_logs_a_contact_with_four_choices(client_for, worker, team_a, platform, group_a):
    response = post(client_for(worker), platform, group_a)
    assert response.status_code == 302, response.context["form"].errors
    contact = Contact.objects.get()
    assert (contact.team, contact.worker, contact.platform, contact.target_group) == (team_a, worker, platform, group_a)
    assert contact.duration_minutes == 15
    assert contact.date == datetime.date(2026, 11, 20)
    assert AuditEvent.objects.filter(action="create", object_type="registration.contact").count() == 1


def test_form_remembers_the_last_choices(client_for, worker, platform, group_a):
    client = client_for(worker)
    post(client, platform, group_a, channel="story_reply")
    form = client.get(URL).context["form"]
    assert form.initial["platform"] == platform.pk
    assert form.initial["target_group"] == group_a.pk
    assert form.initial["channel"] == "story_reply"


def test_missing_duration_says_what_to_do_and_keeps_the_input(client_for, worker, platform, group_a):
    response = post(client_for(worker), platform, group_a, duration_minutes="")
    assert response.status_code == 200
    assert "Vul de duur in minuten in, bijvoorbeeld 15." in response.content.decode()
    assert response.context["form"].data["platform"] == str(platform.pk)
    assert not Contact.objects.exists()


@pytest.mark.parametrize("minutes", [0, -5, 721])
def test_duration_must_be_positive_and_at_most_twelve_hours(client_for, worker, platform, group_a, minutes):
    response = post(client_for(worker), platform, group_a, duration_minutes=minutes)
    assert response.status_code == 200
    assert response.context["form"].errors["duration_minutes"]
    assert not Contact.objects.exists()


def test_target_group_of_another_team_is_not_a_choice(client_for, worker, platform, group_b):
    response = post(client_for(worker), platform, group_b)
    assert response.status_code == 200
    assert "target_group" in response.context["form"].errors


def test_day_above_sixteen_hours_warns_but_saves(client_for, worker, platform, group_a):
    client = client_for(worker)
    post(client, platform, group_a, duration_minutes=720)
    response = post(client, platform, group_a, duration_minutes=300)
    assert response.status_code == 302
    assert Contact.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "meer dan 16 uur" in page


def test_quick_form_has_labels_and_no_file_inputs(client_for, worker, platform, group_a):
    html = client_for(worker).get(URL).content.decode()
    for field in ("id_platform", "id_duration_minutes", "id_young_people_count", "id_target_group"):
        assert f'for="{field}"' in html
    assert 'type="file"' not in html


def test_day_total_counts_the_workers_contacts_and_time_of_that_day_only(worker, outsider, team_a, team_b):
    from registration.services import day_total_warning
    from registration.tests.factories import ContactFactory, TimeEntryFactory

    day = datetime.date(2026, 11, 10)
    ContactFactory(team=team_a, worker=worker, date=day, duration_minutes=480)
    TimeEntryFactory(team=team_a, worker=worker, date=day, duration_minutes=480)
    # Another worker's and another day's rows do not count.
    ContactFactory(team=team_b, worker=outsider, date=day, duration_minutes=600)
    TimeEntryFactory(team=team_a, worker=worker, date=day - datetime.timedelta(days=1), duration_minutes=600)
    assert day_total_warning(worker=worker, date=day) is None  # exactly 16 hours
    TimeEntryFactory(team=team_a, worker=worker, date=day, duration_minutes=30)
    assert "staat nu 16.5 uur geregistreerd" in day_total_warning(worker=worker, date=day)
    assert day_total_warning(worker=outsider, date=day) is None
