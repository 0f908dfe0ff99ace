import threading

import pytest
from django.db import connection

from jongerenwerk.errors import DomainError
from policy.models import PolicyVersion
from policy.services import documents as services
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db(transaction=True)
Status = PolicyVersion.Status


def _publish_in_threads(actor, versions):
    barrier = threading.Barrier(len(versions))
    outcomes = []

    def run(version):
        try:
            barrier.wait()
            services.version_publish(actor=actor, version=version)
            outcomes.append("published")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(version,)) for version in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_people_publishing_two_versions_at_once_leave_exactly_one_published(org, manager):
    document = make_document(org, owner=manager)
    make_version(document, author=manager, status=Status.PUBLISHED)
    second = make_version(document, author=manager, status=Status.APPROVED)
    third = make_version(document, author=manager, status=Status.APPROVED)
    outcomes = _publish_in_threads(manager, [second, third])
    assert outcomes == ["published", "published"]
    statuses = list(document.versions.order_by("number").values_list("status", flat=True))
    assert statuses.count(Status.PUBLISHED) == 1
    assert statuses.count(Status.SUPERSEDED) == 2


def test_publishing_the_same_version_twice_at_once_publishes_it_once(org, manager):
    document = make_document(org, owner=manager)
    first = make_version(document, author=manager, status=Status.PUBLISHED)
    second = make_version(document, author=manager, status=Status.APPROVED)
    outcomes = _publish_in_threads(manager, [second, PolicyVersion.objects.get(pk=second.pk)])
    assert sorted(outcomes) == ["published", "refused"]
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    assert document.versions.filter(status=Status.PUBLISHED).get().pk == second.pk
    assert second.events.filter(new_status=Status.PUBLISHED).count() == 1
