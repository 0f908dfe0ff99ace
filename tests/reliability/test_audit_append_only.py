"""The audit log is append-only in the database itself: raw SQL UPDATE and DELETE fail (a trigger)."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return AuditEvent.objects.create(
        actor=world.users["youth_worker"], organisation=world.org, action=AuditEvent.Action.VIEW, object_type="x.y"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET detail = 'gewist' WHERE id = %s",
        "UPDATE audit_auditevent SET actor_id = NULL WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id >= %s",
    ],
)
def test_raw_sql_cannot_change_or_remove_an_audit_event(event, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])

    event.refresh_from_db()
    assert event.detail == "" and event.actor_id is not None


def test_the_orm_cannot_either(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="gewist")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.filter(pk=event.pk, detail="").exists()


def test_appending_still_works(event):
    AuditEvent.objects.create(organisation=event.organisation, action=AuditEvent.Action.VIEW)

    assert AuditEvent.objects.filter(organisation=event.organisation).count() == 2
