import pytest
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from policy.models import PolicyVersion
from policy.services.acknowledgements import acknowledgement_create
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.fixture
def version(org, manager):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    acknowledgement_create(actor=manager, version=version)
    return version


def _grow(team, version, people, documents):
    for index in range(people):
        person = make_member(team, Membership.Role.YOUTH_WORKER, mfa=False)
        if index % 2:
            acknowledgement_create(actor=person, version=version)
    for _ in range(documents):
        document = make_document(version.document.organisation, team=team, owner=version.author, kind="other")
        make_version(document, author=version.author, status=Status.PUBLISHED)


def test_report_triple(client, client_for, version, worker, stranger, manager):
    url = reverse("policy:report_version", args=[version.pk])
    assert client.get(url).status_code == 302
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 200


def test_report_shows_who_has_and_has_not_acknowledged(client_for, version, manager, worker, outsider):
    acknowledgement_create(actor=worker, version=version)
    body = client_for(manager).get(reverse("policy:report_version", args=[version.pk])).content.decode()
    assert "Wessel Werker" in body
    assert "Olga Buiten" in body
    assert body.count("nog niet bevestigd") == 1


def test_team_lead_sees_only_own_team_members(client_for, version, lead, outsider):
    acknowledgement_create(actor=lead, version=version)
    body = client_for(lead).get(reverse("policy:report_version", args=[version.pk])).content.decode()
    assert "Olga Buiten" not in body


def test_csv_export_is_audited(client_for, version, manager, worker):
    response = client_for(manager).get(reverse("policy:report_version_csv", args=[version.pk]))
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    assert "worker@example.org" in content
    assert AuditEvent.objects.filter(actor=manager, action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("url_name", ["policy:report", "policy:report_version", "policy:report_version_csv"])
def test_report_query_count_does_not_grow_with_data(
    client_for, django_assert_num_queries, version, manager, team_a, team_b, url_name
):
    client = client_for(manager)
    args = [] if url_name == "policy:report" else [version.pk]
    url = reverse(url_name, args=args)
    _grow(team_a, version, people=2, documents=1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(team_b, version, people=12, documents=4)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
