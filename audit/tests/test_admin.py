import pytest

from accounts.tests.factories import enrol_mfa
from audit.models import AuditEvent
from audit.services import audit_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, worker):
    worker.is_staff = True
    worker.is_superuser = True
    worker.save()
    enrol_mfa(worker)  # staff work only with a second factor
    client.force_login(worker)
    return client


def test_the_django_admin_lists_audit_events(operator, worker):
    audit_log(actor=worker, action=AuditEvent.Action.VIEW, target=worker)
    response = operator.get("/django-admin/audit/auditevent/")
    assert response.status_code == 200


def test_the_django_admin_cannot_add_change_or_delete_audit_events(operator, worker):
    event = audit_log(actor=worker, action=AuditEvent.Action.VIEW, target=worker)
    assert operator.get("/django-admin/audit/auditevent/add/").status_code == 403
    detail = operator.get(f"/django-admin/audit/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert operator.post(f"/django-admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
