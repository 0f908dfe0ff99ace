import datetime

import pytest

from registration.models import TimeEntry
from registration.tests.factories import ContactFactory, TargetGroupFactory, TimeEntryFactory
from registration.tests.http import post_form

URL = "/registratie/tijd/nieuw/"


def data(**extra):
    return {"date": "2026-11-19", "duration_minutes": 45, "activity": "monitoring", **extra}


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_administrator_gets_403(client_for, administrator):
    assert client_for(administrator).get(URL).status_code == 403


def test_worker_logs_time(client_for, worker, team_a):
    response = post_form(client_for(worker), URL, data(note="Stories bekeken"))
    assert response.status_code == 302
    entry = TimeEntry.objects.get()
    assert (entry.team, entry.worker, entry.activity, entry.duration_minutes) == (team_a, worker, "monitoring", 45)
    assert entry.date == datetime.date(2026, 11, 19)


@pytest.mark.parametrize("minutes", ["", "0", "721", "abc"])
def test_bad_duration_is_refused_next_to_the_field(client_for, worker, minutes):
    response = post_form(client_for(worker), URL, data(duration_minutes=minutes))
    assert response.status_code == 200
    assert response.context["form"].errors["duration_minutes"]
    assert not TimeEntry.objects.exists()


def test_future_date_is_refused(client_for, worker):
    response = post_form(client_for(worker), URL, data(date="2026-12-01"))
    assert "date" in response.context["form"].errors


def test_outsider_gets_404_on_someone_elses_entry(client_for, outsider, worker, team_a):
    entry = TimeEntryFactory(team=team_a, worker=worker)
    assert client_for(outsider).get(f"/registratie/tijd/{entry.pk}/wijzigen/").status_code == 404


def test_lead_may_correct_a_workers_entry(client_for, lead, worker, team_a):
    entry = TimeEntryFactory(team=team_a, worker=worker)
    response = post_form(client_for(lead), f"/registratie/tijd/{entry.pk}/wijzigen/", data(team=team_a.pk))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.duration_minutes == 45


def test_owner_deletes_an_entry(client_for, worker, team_a):
    entry = TimeEntryFactory(team=team_a, worker=worker)
    response = post_form(client_for(worker), f"/registratie/tijd/{entry.pk}/verwijderen/")
    assert response.status_code == 302
    assert not TimeEntry.objects.exists()


def _fill_week(team, worker, platform, per_day):
    for offset in range(5):
        day = datetime.date(2026, 11, 16) + datetime.timedelta(days=offset)
        for _ in range(per_day):
            ContactFactory(team=team, worker=worker, platform=platform, date=day, duration_minutes=10)
            TimeEntryFactory(team=team, worker=worker, date=day, duration_minutes=20)


def test_week_view_shows_day_totals_of_contacts_and_time_together(client_for, worker, team_a, platform):
    _fill_week(team_a, worker, platform, 2)
    response = client_for(worker).get("/registratie/?week=2026-11-18")
    days = response.context["days"]
    assert days[0]["date"] == datetime.date(2026, 11, 16)
    assert [d["minutes"] for d in days] == [60, 60, 60, 60, 60, 0, 0]
    assert response.context["minutes"] == 300


def test_week_view_shows_only_own_entries(client_for, worker, lead, team_a, platform):
    _fill_week(team_a, lead, platform, 1)
    response = client_for(worker).get("/registratie/")
    assert response.context["minutes"] == 0


@pytest.mark.parametrize("per_day", [1, 6])
def test_week_view_query_count_does_not_grow(client_for, worker, team_a, platform, per_day, django_assert_num_queries):
    _fill_week(team_a, worker, platform, per_day)
    client = client_for(worker)
    client.get("/registratie/")
    with django_assert_num_queries(7):
        client.get("/registratie/?week=2026-11-16")


def test_week_view_lists_each_contact_and_entry_with_its_link_escaped(client_for, worker, team_a, platform):
    group = TargetGroupFactory(team=team_a, name="Meiden & <jongens>")
    contact = ContactFactory(
        team=team_a,
        worker=worker,
        platform=platform,
        target_group=group,
        young_people_count=2,
        date=datetime.date(2026, 11, 18),
        duration_minutes=65,
    )
    entry = TimeEntryFactory(
        team=team_a, worker=worker, date=datetime.date(2026, 11, 18), duration_minutes=20, activity="monitoring"
    )
    html = client_for(worker).get("/registratie/?week=2026-11-18").content.decode()
    assert (
        f'<a href="/registratie/contact/{contact.pk}/"><i class="bi bi-chat-dots" aria-hidden="true"></i> '
        "Contact: Instagram, Meiden &amp; &lt;jongens&gt;, 2 jongere(n)</a> – 1 u 5 min</li>"
    ) in html
    assert (
        f'<a href="/registratie/tijd/{entry.pk}/wijzigen/"><i class="bi bi-stopwatch" aria-hidden="true"></i> '
        "Monitoren en scrollen</a> – 20 min</li>"
    ) in html
    assert "<jongens>" not in html
