import pytest
from django.db import DatabaseError, transaction

from audit.models import AuditEvent
from audit.services import audit_log

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_an_event(worker):
    event = audit_log(actor=worker, action=AuditEvent.Action.VIEW, target=worker)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="anders")


def test_the_database_refuses_to_delete_an_event(worker):
    event = audit_log(actor=worker, action=AuditEvent.Action.VIEW, target=worker)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_event_is_written_in_the_callers_transaction(worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=worker, action=AuditEvent.Action.CHANGE, target=worker)
        raise RuntimeError
    assert not AuditEvent.objects.exists()


def test_detail_is_cut_to_200_characters(worker):
    assert len(audit_log(actor=worker, action=AuditEvent.Action.VIEW, detail="x" * 500).detail) == 200
