"""Every view, change and export of a contact or a young-person record writes exactly one audit event per young
person it is about (one when it is about one person or none), in the caller's transaction, with NEN 7513's fields."""

import datetime

import pytest
from django.db import transaction

from audit.models import AuditEvent
from registration import services
from registration.models import Contact
from registration.tests.factories import ContactFactory, YoungPersonFactory


@pytest.fixture
def person(team_a):
    return YoungPersonFactory(team=team_a)


@pytest.fixture
def contact(team_a, worker, platform, person):
    contact = ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="bellen", date=datetime.date(2026, 11, 18)
    )
    contact.young_people.add(person)
    return contact


def _new_events(before):
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def _last_pk():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _assert_one_nen_event(events, *, actor, action, target, young_person_id):
    assert len(events) == 1, [(e.action, e.object_type) for e in events]
    event = events[0]
    assert event.actor == actor and event.action == action and event.at is not None
    assert (event.object_type, event.object_id) == (target._meta.label_lower, str(target.pk))
    assert event.young_person_id == young_person_id
    assert event.on_behalf_of == f"team:{target.team_id}"
    assert event.organisation_id == actor.organisation_id


def test_viewing_a_contact(client_for, worker, contact, person):
    before = _last_pk()
    assert client_for(worker).get(f"/registratie/contact/{contact.pk}/").status_code == 200
    _assert_one_nen_event(_new_events(before), actor=worker, action="view", target=contact, young_person_id=person.pk)


def test_changing_a_contact(worker, contact, person):
    before = _last_pk()
    services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 25})
    _assert_one_nen_event(_new_events(before), actor=worker, action="change", target=contact, young_person_id=person.pk)


def test_finishing_a_contacts_follow_up_names_the_young_person(client_for, worker, contact, person):
    before = _last_pk()
    client_for(worker).post(f"/registratie/contact/{contact.pk}/vervolgactie-klaar/")
    _assert_one_nen_event(_new_events(before), actor=worker, action="change", target=contact, young_person_id=person.pk)


def test_deleting_a_contact(client_for, worker, contact, person):
    before = _last_pk()
    client_for(worker).post(f"/registratie/contact/{contact.pk}/verwijderen/")
    events = _new_events(before)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert [(e.action, e.young_person_id, e.object_id) for e in events] == [("delete", person.pk, str(contact.pk))]


def test_creating_a_contact(worker, team_a, platform, group_a, person):
    before = _last_pk()
    data = {"date": datetime.date(2026, 11, 19), "platform": platform, "target_group": group_a, "duration_minutes": 10}
    contact = services.contact_create(actor=worker, team=team_a, data={**data, "young_people": [person]})
    _assert_one_nen_event(_new_events(before), actor=worker, action="create", target=contact, young_person_id=person.pk)


def test_a_contact_about_two_young_people_writes_one_event_for_each(client_for, worker, contact, team_a):
    second = YoungPersonFactory(team=team_a)
    contact.young_people.add(second)
    before = _last_pk()
    client_for(worker).get(f"/registratie/contact/{contact.pk}/")
    events = _new_events(before)
    assert sorted(e.young_person_id for e in events) == sorted(yp.pk for yp in contact.young_people.all())


def test_viewing_a_young_person(client_for, worker, person):
    before = _last_pk()
    client_for(worker).get(f"/registratie/jongeren/{person.pk}/")
    _assert_one_nen_event(_new_events(before), actor=worker, action="view", target=person, young_person_id=person.pk)


def test_changing_a_young_person(worker, person):
    before = _last_pk()
    services.young_person_update(
        actor=worker, young_person=person, data={"pseudonym": "Zon", "initials": "", "birth_year": 2012}
    )
    _assert_one_nen_event(_new_events(before), actor=worker, action="change", target=person, young_person_id=person.pk)


def test_exporting_a_young_person_in_registration(client_for, lead, person):
    before = _last_pk()
    assert client_for(lead).post(f"/registratie/jongeren/{person.pk}/exporteren/").status_code == 200
    _assert_one_nen_event(_new_events(before), actor=lead, action="export", target=person, young_person_id=person.pk)


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_exporting_a_young_persons_full_file(client_for, administrator, person, fmt):
    before = _last_pk()
    assert client_for(administrator).post(f"/privacy/jongere/{person.pk}/{fmt}/").status_code == 200
    _assert_one_nen_event(
        _new_events(before), actor=administrator, action="export", target=person, young_person_id=person.pk
    )


def test_erasing_a_young_person(client_for, lead, person):
    before = _last_pk()
    client_for(lead).post(f"/registratie/jongeren/{person.pk}/wissen/")
    events = _new_events(before)
    assert [(e.action, e.young_person_id, e.actor) for e in events] == [("delete", person.pk, lead)]


def test_time_entry_create_change_delete_each_write_one_event(worker, team_a):
    before = _last_pk()
    data = {"date": datetime.date(2026, 11, 19), "duration_minutes": 30, "activity": "monitoring", "note": ""}
    entry = services.time_entry_create(actor=worker, team=team_a, data=data)
    services.time_entry_update(actor=worker, entry=entry, data={**data, "duration_minutes": 40})
    services.time_entry_delete(actor=worker, entry=entry)
    assert [(e.action, e.object_id) for e in _new_events(before)] == [
        ("create", str(entry.pk)),
        ("change", str(entry.pk)),
        ("delete", str(entry.pk)),
    ]


def test_the_event_is_written_in_the_callers_transaction(worker, contact):
    before = _last_pk()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 45})
        raise RuntimeError("the caller fails after the change")
    contact.refresh_from_db()
    assert contact.duration_minutes == 15
    assert _new_events(before) == []


def test_the_database_refuses_to_change_or_delete_an_event(worker, contact):
    from django.db import DatabaseError

    services.contact_update(actor=worker, contact=contact, data={"duration_minutes": 25})
    event = AuditEvent.objects.latest("pk")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk, detail="").exists()
