import pytest
from django.db import IntegrityError

from jongerenwerk.errors import DomainError
from policy.models import PolicyAcknowledgement, PolicyVersion
from policy.services import acknowledgements
from policy.services import documents as services
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.SUPERSEDED])
def test_published_and_superseded_versions_never_change(org, manager, status):
    version = make_version(make_document(org, owner=manager), author=manager, status=status, body="Origineel")
    with pytest.raises(DomainError):
        services.version_update(actor=manager, version=version, body="Gewijzigd", change_summary="x")
    version.refresh_from_db()
    assert version.body == "Origineel"
    assert version.status == status


def test_a_second_published_version_is_refused_by_the_database(org, manager):
    document = make_document(org, owner=manager)
    make_version(document, author=manager, status=Status.PUBLISHED)
    with pytest.raises(IntegrityError):
        make_version(document, author=manager, status=Status.PUBLISHED)


def test_acknowledgement_cannot_be_changed_and_is_recorded_once(org, manager, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    first = acknowledgements.acknowledgement_create(actor=worker, version=version)
    again = acknowledgements.acknowledgement_create(actor=worker, version=version)
    assert first.pk == again.pk
    assert PolicyAcknowledgement.objects.filter(user=worker, version=version).count() == 1
    with pytest.raises(DomainError):
        acknowledgements.acknowledgement_change(acknowledgement=first, at=None)
