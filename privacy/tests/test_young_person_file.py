import io
import json

import pytest
from pypdf import PdfReader

from registration.models import YoungPersonHandle
from registration.tests.factories import ContactFactory, YoungPersonFactory


@pytest.fixture
def held(team_a, worker, lead, platform, client_for):
    """Sunny with two contacts and a handle; Storm, in the same group contact and with his own contact and handle."""
    sunny = YoungPersonFactory(team=team_a, pseudonym="Sunny")
    storm = YoungPersonFactory(team=team_a, pseudonym="Stormvogel")
    YoungPersonHandle.objects.create(young_person=sunny, platform=platform, handle="sunny_handle_11")
    YoungPersonHandle.objects.create(young_person=storm, platform=platform, handle="storm_handle_22")
    own = ContactFactory(team=team_a, worker=worker, platform=platform, impression="rustig gesprek")
    group = ContactFactory(team=team_a, worker=worker, platform=platform, kind="group", young_people_count=2)
    own.young_people.add(sunny)
    group.young_people.add(sunny, storm)
    storms = ContactFactory(team=team_a, worker=worker, platform=platform, impression="alleen over storm")
    storms.young_people.add(storm)
    client_for(lead).get(f"/registratie/jongeren/{sunny.pk}/")
    return sunny, storm, [own, group], storms


def test_anonymous_worker_and_other_organisation(client_for, held, worker, lead, stranger):
    sunny = held[0]
    url = f"/privacy/jongere/{sunny.pk}/json/"
    assert client_for(None).post(url).status_code == 302
    assert client_for(stranger).post(url).status_code == 404
    assert client_for(worker).post(url).status_code == 403
    assert client_for(lead).post(url).status_code == 403
    assert client_for(worker).get(url).status_code == 405


def test_json_file_is_complete(client_for, administrator, held, lead):
    sunny, _storm, contacts, _storms = held
    data = json.loads(client_for(administrator).post(f"/privacy/jongere/{sunny.pk}/json/").content)
    assert data["young_person"]["pseudonym"] == "Sunny"
    exported_contacts = {row["id"] for row in data["linked"]["registration.contact"]}
    assert exported_contacts == {str(c.pk) for c in contacts} or exported_contacts == {c.pk for c in contacts}
    assert [row["handle"] for row in data["linked"]["registration.youngpersonhandle"]] == ["sunny_handle_11"]
    # The access log ends with this very export.
    log = [(entry["who"], entry["action"]) for entry in data["access_log"]]
    assert log == [(lead.full_name, "bekeken"), (administrator.full_name, "geëxporteerd")]
    assert data["signal_involvement"] == []


def test_json_file_holds_no_other_young_persons_data(client_for, administrator, held):
    sunny, storm, _contacts, storms = held
    text = client_for(administrator).post(f"/privacy/jongere/{sunny.pk}/json/").content.decode()
    for other in ("Stormvogel", "storm_handle_22", "alleen over storm"):
        assert other not in text
    data = json.loads(text)
    assert str(storms.pk) not in {str(row["id"]) for row in data["linked"]["registration.contact"]}
    through = data["linked"].get("registration.contact_young_people", [])
    assert all(str(row["youngperson"]) == str(sunny.pk) for row in through)


def test_pdf_is_readable_and_holds_the_access_log(client_for, administrator, held, lead):
    sunny = held[0]
    response = client_for(administrator).post(f"/privacy/jongere/{sunny.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Sunny" in text and "sunny_handle_11" in text and "rustig gesprek" in text
    assert "Wie heeft deze gegevens ingezien" in text and lead.full_name in text
    assert "Stormvogel" not in text and "storm_handle_22" not in text
