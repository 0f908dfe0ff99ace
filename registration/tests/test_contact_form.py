import datetime

from audit.models import AuditEvent
from registration.models import Contact, Theme
from registration.tests.factories import ContactFactory, YoungPersonFactory
from registration.tests.http import post_form

URL = "/registratie/contact/nieuw/"


def full_data(platform, group, **extra):
    data = {
        "platform": platform.pk,
        "duration_minutes": 40,
        "young_people_count": 1,
        "target_group": group.pk,
        "channel": "dm",
        "kind": "individual",
        "date": "2026-11-19",
        "impression": "Rustig gesprek over school.",
    }
    data.update(extra)
    return data


def test_full_form_saves_themes_actions_young_people_and_follow_up(client_for, worker, team_a, platform, group_a):
    client = client_for(worker)
    client.get(URL)  # seeds the organisation's themes
    theme = Theme.objects.get(organisation=team_a.organisation, slug="school-en-werk")
    young_person = YoungPersonFactory(team=team_a)
    data = full_data(
        platform,
        group_a,
        themes=[theme.pk],
        actions=["listened", "referred"],
        young_people=[young_person.pk],
        follow_up="Terugbellen over stage",
        follow_up_due="2026-11-25",
    )
    response = post_form(client, URL, data)
    assert response.status_code == 302, response.context["form"].errors
    contact = Contact.objects.get()
    assert list(contact.themes.all()) == [theme]
    assert contact.actions == ["listened", "referred"]
    assert list(contact.young_people.all()) == [young_person]
    assert contact.follow_up_due == datetime.date(2026, 11, 25)
    assert AuditEvent.objects.filter(object_type="registration.contact", young_person_id=young_person.pk).exists()


def test_organisation_gets_the_eight_default_themes(client_for, worker, team_a):
    client_for(worker).get(URL)
    assert Theme.objects.filter(organisation=team_a.organisation).count() == 8


def test_identifying_text_is_warned_about_not_blocked(client_for, worker, platform, group_a):
    client = client_for(worker)
    data = full_data(platform, group_a, impression="Ze gaf 06-12345678 en mail@voorbeeld.nl en @sanne_2010")
    response = post_form(client, URL, data, follow=True)
    assert Contact.objects.count() == 1
    html = response.content.decode()
    assert "telefoonnummer" in html
    assert "e-mailadres" in html
    assert "@accountnaam" in html


def test_follow_up_needs_a_date(client_for, worker, platform, group_a):
    response = post_form(client_for(worker), URL, full_data(platform, group_a, follow_up="Bellen"))
    assert response.status_code == 200
    assert "follow_up_due" in response.context["form"].errors


def test_young_person_of_another_team_cannot_be_linked(client_for, worker, team_b, platform, group_a):
    other = YoungPersonFactory(team=team_b)
    response = post_form(client_for(worker), URL, full_data(platform, group_a, young_people=[other.pk]))
    assert response.status_code == 200
    assert "young_people" in response.context["form"].errors


def test_outsider_gets_404_on_a_contact_of_another_team(client_for, outsider, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    client = client_for(outsider)
    assert client.get(f"/registratie/contact/{contact.pk}/").status_code == 404
    assert client.get(f"/registratie/contact/{contact.pk}/wijzigen/").status_code == 404


def test_stranger_gets_404(client_for, stranger, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    assert client_for(stranger).get(f"/registratie/contact/{contact.pk}/").status_code == 404


def test_colleague_may_view_but_not_edit(client_for, worker, team_a, platform):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    colleague = make_member(team_a, Membership.Role.YOUTH_WORKER)
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    client = client_for(colleague)
    assert client.get(f"/registratie/contact/{contact.pk}/").status_code == 200
    assert client.get(f"/registratie/contact/{contact.pk}/wijzigen/").status_code == 403


def test_viewing_a_contact_is_audited_per_young_person(client_for, worker, team_a, platform):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform)
    first, second = YoungPersonFactory(team=team_a), YoungPersonFactory(team=team_a)
    contact.young_people.set([first, second])
    client_for(worker).get(f"/registratie/contact/{contact.pk}/")
    views = AuditEvent.objects.filter(action="view", object_type="registration.contact", object_id=str(contact.pk))
    assert sorted(views.values_list("young_person_id", flat=True)) == sorted([first.pk, second.pk])


def test_owner_edits_a_contact(client_for, worker, team_a, platform, group_a):
    contact = ContactFactory(team=team_a, worker=worker, platform=platform, target_group=group_a)
    data = full_data(platform, group_a, duration_minutes=55)
    response = post_form(client_for(worker), f"/registratie/contact/{contact.pk}/wijzigen/", data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.duration_minutes == 55


def test_locked_contact_cannot_be_deleted(client_for, lead, worker, team_a, platform):
    from registration import services

    contact = ContactFactory(team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 3))
    services.month_approve(team=team_a, month=datetime.date(2026, 10, 1), actor=lead)
    response = post_form(client_for(worker), f"/registratie/contact/{contact.pk}/verwijderen/", follow=True)
    assert "goedgekeurd door de teamleider" in response.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_owner_marks_the_follow_up_done(client_for, worker, team_a, platform):
    contact = ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="Bellen", follow_up_due=datetime.date(2026, 11, 21)
    )
    response = post_form(client_for(worker), f"/registratie/contact/{contact.pk}/vervolgactie-klaar/")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None


def test_outsider_cannot_mark_a_follow_up_done(client_for, outsider, worker, team_a, platform):
    contact = ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="Bellen", follow_up_due=datetime.date(2026, 11, 21)
    )
    assert post_form(client_for(outsider), f"/registratie/contact/{contact.pk}/vervolgactie-klaar/").status_code == 404
    contact.refresh_from_db()
    assert contact.follow_up_done_at is None
