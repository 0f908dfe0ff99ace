import pytest
from django.urls import reverse

from audit.models import AuditEvent
from policy.models import PolicyDocument, PolicyVersion
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.fixture
def team_doc(org, team_a, lead):
    return make_document(org, team=team_a, owner=lead, kind="norms_values", title="Normen en waarden online")


def test_document_list_anonymous_goes_to_login(client):
    assert client.get(reverse("policy:list")).status_code == 302


def test_document_detail_triple(client, client_for, org, team_doc, lead, worker, outsider, stranger):
    url = reverse("policy:document_detail", args=[team_doc.pk])
    assert client.get(url).status_code == 302
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 200


def test_worker_cannot_draft_a_version(client_for, team_doc, worker):
    assert client_for(worker).get(reverse("policy:version_create", args=[team_doc.pk])).status_code == 403


def test_team_lead_drafts_a_version_of_own_team(post_form, client_for, team_doc, lead):
    response = post_form(
        client_for(lead),
        reverse("policy:version_create", args=[team_doc.pk]),
        {"body": "# Normen\n\nWe reageren positief.", "change_summary": "Eerste versie"},
    )
    assert response.status_code == 302
    version = team_doc.versions.get()
    assert (version.status, version.author, version.number) == (Status.DRAFT, lead, 1)


def test_team_lead_cannot_write_organisation_documents(client_for, org, manager, lead):
    document = make_document(org, owner=manager)
    assert client_for(lead).get(reverse("policy:version_create", args=[document.pk])).status_code == 403


def test_manager_creates_organisation_document(post_form, client_for, manager):
    response = post_form(
        client_for(manager),
        reverse("policy:document_create"),
        {"title": "Communicatiebeleid", "kind": "communication", "owner": manager.pk, "review_interval_months": 12},
    )
    assert response.status_code == 302
    document = PolicyDocument.objects.get(title="Communicatiebeleid")
    assert document.team is None
    assert AuditEvent.objects.filter(object_type="policy.policydocument", object_id=str(document.pk)).exists()


def test_team_lead_cannot_create_for_another_team(post_form, client_for, team_b, lead):
    response = post_form(
        client_for(lead),
        reverse("policy:document_create"),
        {"title": "X", "kind": "other", "team": team_b.pk, "owner": lead.pk, "review_interval_months": 12},
    )
    assert response.status_code == 200
    assert not PolicyDocument.objects.filter(title="X").exists()


def test_worker_cannot_create_documents(client_for, worker):
    assert client_for(worker).get(reverse("policy:document_create")).status_code == 403


def test_review_approve_view_triple(post_form, client_for, org, manager, lead, worker, stranger):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    url = reverse("policy:version_approve", args=[version.pk])
    assert post_form(client_for(stranger), url).status_code == 404
    assert post_form(client_for(worker), url).status_code == 403
    assert post_form(client_for(manager), url).status_code == 403  # the author
    assert post_form(client_for(lead), url, {"comment": "Helder"}).status_code == 302
    version.refresh_from_db()
    assert version.status == Status.APPROVED
    assert version.events.get(new_status=Status.APPROVED).comment == "Helder"


def test_publish_view_triple(post_form, client_for, org, manager, lead, stranger):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.APPROVED)
    url = reverse("policy:version_publish", args=[version.pk])
    assert post_form(client_for(stranger), url).status_code == 404
    assert post_form(client_for(lead), url).status_code == 403
    assert post_form(client_for(manager), url).status_code == 302
    assert PolicyVersion.objects.get(pk=version.pk).status == Status.PUBLISHED


def test_published_version_has_no_edit_page(client_for, org, manager):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    assert client_for(manager).get(reverse("policy:version_edit", args=[version.pk])).status_code == 403


def test_compare_shows_changes_and_summaries(client_for, org, manager, worker):
    document = make_document(org, owner=manager)
    make_version(document, author=manager, status=Status.SUPERSEDED, body="We reageren positief.")
    make_version(document, author=manager, status=Status.PUBLISHED, body="We reageren altijd positief.")
    response = client_for(manager).get(reverse("policy:version_compare", args=[document.pk]), {"van": 1, "naar": 2})
    body = response.content.decode()
    assert "<ins>altijd</ins>" in body
    assert "Versie 2" in body


def test_body_is_rendered_safely_on_the_page(client_for, org, manager):
    document = make_document(org, owner=manager)
    make_version(document, author=manager, status=Status.PUBLISHED, body="<script>alert('x')</script>")
    from policy.services.acknowledgements import acknowledgement_create

    acknowledgement_create(actor=manager, version=document.versions.get())
    body = client_for(manager).get(reverse("policy:document_detail", args=[document.pk])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


def test_linked_document_flags_new_version_until_owner_confirms(post_form, client_for, org, manager):
    from policy.services.acknowledgements import acknowledgement_create
    from policy.services.documents import document_create

    communication = make_document(org, owner=manager, kind="communication", title="Communicatiebeleid")
    first = make_version(communication, author=manager, status=Status.PUBLISHED)
    document = document_create(actor=manager, title="Socialemedia", kind="social_media", must_fit=communication)
    assert document.fit_confirmed_version == first
    from policy import selectors

    assert selectors.fit_flag(document) is None
    first.status = Status.SUPERSEDED
    first.save(update_fields=["status"])
    second = make_version(communication, author=manager, status=Status.PUBLISHED)
    acknowledgement_create(actor=manager, version=second)
    assert selectors.fit_flag(document) == second
    page = client_for(manager).get(reverse("policy:document_detail", args=[document.pk])).content.decode()
    assert "Controleer of dit document er nog op aansluit" in page
    post_form(client_for(manager), reverse("policy:document_confirm_fit", args=[document.pk]))
    document.refresh_from_db()
    assert selectors.fit_flag(document) is None


def test_pages_are_translated_to_english(client_for, worker):
    worker.language = "en"
    worker.save(update_fields=["language"])
    body = client_for(worker).get(reverse("policy:list")).content.decode()
    assert "Here is the policy that applies to you" in body


def test_document_edit_triple(post_form, client, client_for, org, team_doc, lead, worker, outsider, manager):
    url = reverse("policy:document_edit", args=[team_doc.pk])
    assert client.get(url).status_code == 302
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    data = {"title": "Normen online", "owner": manager.pk, "review_interval_months": 6}
    assert post_form(client_for(lead), url, data).status_code == 302
    team_doc.refresh_from_db()
    assert (team_doc.title, team_doc.owner, team_doc.review_interval_months) == ("Normen online", manager, 6)


def test_on_call_lead_must_be_of_the_team(org, team_a, lead, outsider):
    from jongerenwerk.errors import DomainError
    from policy.services.documents import version_create

    protocol = make_document(org, team=team_a, owner=lead, kind="signal_protocol", title="Signaalprotocol")
    with pytest.raises(DomainError):
        version_create(actor=lead, document=protocol, body="x", change_summary="x", on_call_lead=outsider)
    version = version_create(actor=lead, document=protocol, body="x", change_summary="x", on_call_lead=lead)
    assert version.on_call_lead == lead


@pytest.mark.parametrize("url_name", ["policy:list", "policy:post_list"])
def test_list_query_count_does_not_grow(client_for, django_assert_num_queries, org, team_a, manager, lead, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from policy.tests.test_posts import make_post

    def grow(count):
        for index in range(count):
            document = make_document(org, team=team_a, owner=lead, kind="other", title=f"Doc {index}-{count}")
            make_version(document, author=lead, status=Status.PUBLISHED)
            make_post(team_a, author=lead, reviewer=manager, handle=f"@org{index}-{count}")

    client = client_for(manager)
    url = reverse(url_name)
    grow(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(6)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
