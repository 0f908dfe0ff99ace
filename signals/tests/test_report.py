"""Reporting a signal: the service and the form's view."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.models import Notification
from signals.models import Signal, SignalCategory, SignalEvent, SignalPerson
from signals.services.signal import signal_report
from signals.tests.factories import category, post, young_person

pytestmark = pytest.mark.django_db
URL = reverse("signals:report")


def _post(team, cat, **overrides):
    data = {
        "team": team.pk,
        "urgency": "normal",
        "category": cat.pk,
        "facts": "Er ging een filmpje rond in de klas-app.",
        "interpretation": "",
        "source": "verteld door een vriend",
        "seen_at": "2026-11-20T16:30",
        "channel": "group_chat",
        "pseudonym_1": "Vos",
        "role_1": "about",
        "role_2": "sharer",
        "role_3": "other",
    }
    data.update(overrides)
    return data


def test_organisation_gets_the_ten_default_categories(client_for, worker, org):
    client_for(worker).get(URL)
    names = list(SignalCategory.objects.filter(organisation=org).values_list("name", flat=True))
    assert len(names) == 10
    assert "Radicalisering" in names and "Anders" in names


def test_worker_reports_a_signal_with_a_young_person(client_for, worker, team_a, org):
    client = client_for(worker)
    client.get(URL)
    response = post(client, URL, _post(team_a, category(org)))
    signal = Signal.objects.get()
    assert response.status_code == 302 and response.url == reverse("signals:detail", args=[signal.pk])
    assert signal.status == Signal.Status.REPORTED and signal.reporter == worker
    person = SignalPerson.objects.get(signal=signal)
    assert person.young_person.pseudonym == "Vos" and person.role == "about"
    assert SignalEvent.objects.filter(signal=signal, kind=SignalEvent.Kind.REPORTED).count() == 1
    audit = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(signal.pk))
    assert audit.young_person_id == person.young_person_id


def test_triage_deadline_follows_the_urgency_defaults(worker, team_a, org):
    base = {
        "actor": worker,
        "team": team_a,
        "category": category(org),
        "facts": "x",
        "source": "y",
        "seen_at": timezone.now(),
        "channel": "dm",
    }
    for urgency, hours in (("acute", 1), ("high", 8), ("normal", 72)):
        signal = signal_report(urgency=urgency, **base)
        assert abs((signal.triage_due_at - signal.created_at) - timedelta(hours=hours)) < timedelta(seconds=1)


def test_seen_in_the_future_is_refused_next_to_the_field(client_for, worker, team_a, org):
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = post(client_for(worker), URL, _post(team_a, category(org), seen_at=future))
    assert response.status_code == 200
    assert "in de toekomst" in response.context["form"].errors["seen_at"][0]
    assert "Er ging een filmpje rond" in response.content.decode()
    assert not Signal.objects.exists()


def test_backdated_signal_is_allowed(client_for, worker, team_a, org):
    post(client_for(worker), URL, _post(team_a, category(org), seen_at="2026-01-03T10:00"))
    assert Signal.objects.get().seen_at.year == 2026


@pytest.mark.parametrize("text", ["Bel haar op 06-12345678", "mail naar jan@voorbeeld.nl", "account @vosje_2011"])
def test_identifiers_get_a_warning_before_saving(client_for, worker, team_a, org, text):
    client = client_for(worker)
    response = post(client, URL, _post(team_a, category(org), facts=text))
    assert response.status_code == 200
    assert "pseudoniem" in response.context["form"].errors["confirm_identifiers"][0]
    assert not Signal.objects.exists()
    post(client, URL, _post(team_a, category(org), facts=text, confirm_identifiers="on"))
    assert Signal.objects.count() == 1


def test_form_explains_how_to_describe_an_image_in_words(client_for, worker):
    body = client_for(worker).get(URL).content.decode()
    assert "Geen afbeeldingen, nooit." in body
    assert "Beschrijf in woorden" in body
    assert 'type="file"' not in body


def test_multipart_post_is_refused(client_for, worker, team_a, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _post(team_a, category(org))
    data["picture"] = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    response = client_for(worker).post(URL, data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 415
    assert not Signal.objects.exists()


def test_acute_signal_shows_emergency_instructions_and_notifies_leads_at_once(
    client_for, worker, lead, officer, team_a, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_for(worker), URL, _post(team_a, category(org), urgency="acute"))
    signal = Signal.objects.get()
    assert response.url == reverse("signals:acute", args=[signal.pk])
    page = client_for(worker).get(response.url).content.decode()
    assert "112" in page and "0800-2000" in page and lead.full_name in page
    recipients = set(Notification.objects.filter(kind=Kind.SIGNAL_ACUTE).values_list("recipient", flat=True))
    assert recipients == {lead.pk, officer.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.email, officer.email])
    assert all("filmpje" not in m.body for m in mail.outbox)


def test_young_person_of_another_team_is_refused(worker, team_a, team_b, org):
    with pytest.raises(DomainError):
        signal_report(
            actor=worker,
            team=team_a,
            category=category(org),
            urgency="normal",
            facts="x",
            source="y",
            seen_at=timezone.now(),
            channel="dm",
            people=[(young_person(team_b), "", "about")],
        )
    assert not Signal.objects.exists()


def test_anonymous_is_sent_to_login(client_for):
    assert client_for(None).get(URL).url.startswith(reverse("account_login"))


def test_manager_cannot_report(client_for, manager):
    assert client_for(manager).get(URL).status_code == 403


def test_reporting_for_another_team_is_refused(outsider, team_a, org):
    with pytest.raises(DomainError):
        signal_report(
            actor=outsider,
            team=team_a,
            category=category(org),
            urgency="normal",
            facts="x",
            source="y",
            seen_at=timezone.now(),
            channel="dm",
        )


def test_form_is_in_english_for_an_english_speaking_worker(client_for, worker):
    worker.language = "en"
    worker.save(update_fields=["language"])
    body = client_for(worker).get(URL).content.decode()
    assert "Report a serious signal" in body and "No images, ever." in body


def test_signal_links_the_contacts_it_came_from(client_for, worker, team_a, org):
    from django.utils import timezone as tz

    from registration.tests.factories import ContactFactory

    contact = ContactFactory(team=team_a, worker=worker, date=tz.localdate())
    client = client_for(worker)
    client.get(URL)
    post(client, URL, _post(team_a, category(org), contacts=[contact.pk]))
    signal = Signal.objects.get()
    assert list(signal.contacts.all()) == [contact]
    page = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert reverse("registration:contact_detail", args=[contact.pk]) in page


def test_a_colleagues_contact_cannot_be_linked(worker, colleague, team_a, org):
    from registration.tests.factories import ContactFactory

    contact = ContactFactory(team=team_a, worker=colleague)
    with pytest.raises(DomainError):
        signal_report(
            actor=worker,
            team=team_a,
            category=category(org),
            urgency="normal",
            facts="x",
            source="y",
            seen_at=timezone.now(),
            channel="dm",
            contacts=[contact],
        )
    assert not Signal.objects.exists()


def test_acute_page_shows_the_default_protocol_without_a_published_one(client_for, worker, team_a, org):
    from signals.tests.factories import make_signal

    signal = make_signal(team_a, worker, urgency="acute")
    page = client_for(worker).get(reverse("signals:acute", args=[signal.pk])).content.decode()
    assert "112" in page and "0800-2000" in page and "nog geen signaalprotocol" in page


def test_young_person_with_an_open_signal_cannot_be_erased(worker, team_a, org):
    from registration.services.young_people import young_person_erasure_refusal

    person = young_person(team_a)
    signal_report(
        actor=worker,
        team=team_a,
        category=category(org),
        urgency="normal",
        facts="x",
        source="y",
        seen_at=timezone.now(),
        channel="dm",
        people=[(person, "", "about")],
    )
    assert "signaal" in young_person_erasure_refusal(person)


def test_acute_page_shows_the_teams_published_protocol_with_the_on_call_lead(client_for, worker, lead, team_a):
    from policy.models import PolicyDocument, PolicyVersion
    from policy.tests.factories import make_document, make_version
    from signals.tests.factories import make_signal

    document = make_document(
        team_a.organisation,
        team=team_a,
        owner=lead,
        kind=PolicyDocument.Kind.SIGNAL_PROTOCOL,
        title="Signaalprotocol Team A",
    )
    make_version(
        document, author=lead, status=PolicyVersion.Status.PUBLISHED, on_call_lead=lead, on_call_phone="06-11112222"
    )
    signal = make_signal(team_a, worker, urgency="acute")
    page = client_for(worker).get(reverse("signals:acute", args=[signal.pk])).content.decode()
    assert "06-11112222" in page and "Signaalprotocol Team A" in page and "Dienstdoende teamleider" in page
