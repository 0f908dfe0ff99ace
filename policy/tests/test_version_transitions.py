import itertools

import pytest

from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from policy.models import PolicyVersion, PolicyVersionEvent
from policy.services import documents as services
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status

# The public service that moves a version to each status (superseded has none: only publishing does it).
SERVICE_TO = {
    Status.IN_REVIEW: lambda actor, version: services.version_submit(actor=actor, version=version),
    Status.APPROVED: lambda actor, version: services.version_approve(actor=actor, version=version),
    Status.DRAFT: lambda actor, version: services.version_send_back(actor=actor, version=version, comment="Kort maken"),
    Status.PUBLISHED: lambda actor, version: services.version_publish(actor=actor, version=version),
}
ALLOWED = {
    (Status.DRAFT, Status.IN_REVIEW),
    (Status.IN_REVIEW, Status.APPROVED),
    (Status.IN_REVIEW, Status.DRAFT),
    (Status.APPROVED, Status.PUBLISHED),
}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(Status.values, SERVICE_TO)))
def test_every_status_pair_is_allowed_or_refused(org, manager, lead, old, new):
    document = make_document(org, owner=manager)
    version = make_version(document, author=manager, status=old)
    # The lead reviews (not the author); the manager submits and publishes.
    actor = lead if new in (Status.APPROVED, Status.DRAFT) else manager
    if (old, new) in ALLOWED:
        SERVICE_TO[new](actor, version)
        version.refresh_from_db()
        assert version.status == new
        assert PolicyVersionEvent.objects.filter(version=version, old_status=old, new_status=new, actor=actor).exists()
    else:
        with pytest.raises(DomainError):
            SERVICE_TO[new](actor, version)
        version.refresh_from_db()
        assert version.status == old


def test_publishing_supersedes_the_previous_version(org, manager):
    document = make_document(org, owner=manager)
    first = make_version(document, author=manager, status=Status.PUBLISHED)
    second = make_version(document, author=manager, status=Status.APPROVED)
    services.version_publish(actor=manager, version=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.PUBLISHED)
    assert PolicyVersionEvent.objects.filter(version=first, new_status=Status.SUPERSEDED).exists()
    assert AuditEvent.objects.filter(object_type="policy.policyversion", object_id=str(second.pk)).exists()
    document.refresh_from_db()
    assert document.next_review_on is not None


def test_author_cannot_review_own_version(org, manager):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.version_approve(actor=manager, version=version)


def test_youth_worker_cannot_review_or_publish(org, manager, worker):
    document = make_document(org, owner=manager)
    in_review = make_version(document, author=manager, status=Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.version_approve(actor=worker, version=in_review)
    approved = make_version(document, author=manager, status=Status.APPROVED)
    with pytest.raises(DomainError):
        services.version_publish(actor=worker, version=approved)


def test_team_lead_cannot_publish_organisation_document(org, manager, lead):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.APPROVED)
    with pytest.raises(DomainError):
        services.version_publish(actor=lead, version=version)


def test_team_lead_publishes_own_team_document_but_not_another_team(org, team_a, team_b, lead, officer):
    own = make_document(org, team=team_a, owner=lead, kind="norms_values")
    version = make_version(own, author=officer, status=Status.APPROVED)
    services.version_publish(actor=lead, version=version)
    assert PolicyVersion.objects.get(pk=version.pk).status == Status.PUBLISHED
    other = make_version(make_document(org, team=team_b, owner=lead), author=officer, status=Status.APPROVED)
    with pytest.raises(DomainError):
        services.version_publish(actor=lead, version=other)


def test_send_back_needs_a_comment(org, manager, lead):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.version_send_back(actor=lead, version=version, comment="  ")


def test_review_decisions_are_audited_with_the_comment_on_the_event(org, manager, lead):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    services.version_send_back(actor=lead, version=version, comment="Voorbeeld over stories toevoegen")
    event = PolicyVersionEvent.objects.get(version=version, new_status=Status.DRAFT, old_status=Status.IN_REVIEW)
    assert event.comment == "Voorbeeld over stories toevoegen"
    audit = AuditEvent.objects.get(object_type="policy.policyversion", object_id=str(version.pk))
    assert "Voorbeeld" not in audit.detail


def test_edit_during_review_sends_version_back_to_draft(org, manager, lead):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    services.version_update(actor=manager, version=version, body="Nieuwe tekst", change_summary="Anders")
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert version.body == "Nieuwe tekst"
    assert PolicyVersionEvent.objects.filter(
        version=version, old_status=Status.IN_REVIEW, new_status=Status.DRAFT
    ).exists()


def test_edit_after_approval_sends_version_back_to_draft(org, manager, lead):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.APPROVED)
    services.version_update(actor=manager, version=version, body="Nieuwe tekst", change_summary="Anders")
    version.refresh_from_db()
    assert version.status == Status.DRAFT
    assert version.reviewed_by is None


def test_new_version_gets_the_next_number(org, manager):
    document = make_document(org, owner=manager)
    make_version(document, author=manager, status=Status.PUBLISHED)
    version = services.version_create(actor=manager, document=document, body="Tekst", change_summary="Nieuw")
    assert version.number == 2
    assert version.status == Status.DRAFT
