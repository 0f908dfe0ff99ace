import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from privacy.models import DestructionRecord, LegalHold, RecordKind
from privacy.services.retention import legal_hold_place, retention_apply, retention_apply_all
from privacy.tasks import apply_retention
from registration.models import Contact, TimeEntry, YoungPerson
from registration.tests.factories import ContactFactory, PlatformFactory, TimeEntryFactory, YoungPersonFactory
from tests.reliability.figures import record as record_figure

OLD = datetime.date(2024, 1, 10)  # more than two years before the frozen today (20 Nov 2026)
RECENT = datetime.date(2026, 6, 1)


def _aged_young_person(team, **fields):
    person = YoungPersonFactory(team=team, **fields)
    YoungPerson.objects.filter(pk=person.pk).update(created_at=timezone.make_aware(datetime.datetime(2023, 1, 1)))
    return person


@pytest.fixture
def records(team_a, team_b, worker, outsider, platform):
    """Ten expired and three fresh records of each kind, in two teams; three expired ones of each kind held."""
    expired, fresh = {}, {}
    expired["contact"] = [
        ContactFactory(team=team, worker=who, platform=platform, date=OLD)
        for team, who in [(team_a, worker), (team_b, outsider)] * 5
    ]
    fresh["contact"] = [ContactFactory(team=team_a, worker=worker, platform=platform, date=RECENT) for _ in range(3)]
    expired["time_entry"] = [TimeEntryFactory(team=team_a, worker=worker, date=OLD) for _ in range(10)]
    fresh["time_entry"] = [TimeEntryFactory(team=team_a, worker=worker, date=RECENT) for _ in range(3)]
    expired["young_person"] = [_aged_young_person(team_a) for _ in range(10)]
    active = [_aged_young_person(team_a) for _ in range(3)]
    for person in active:
        ContactFactory(team=team_a, worker=worker, platform=platform, date=RECENT).young_people.add(person)
    fresh["young_person"] = [*active, YoungPersonFactory(team=team_a)]
    return expired, fresh


def _hold_three(administrator, expired):
    held = {}
    for kind in ("contact", "time_entry", "young_person"):
        held[kind] = expired[kind][:3]
        for record in held[kind]:
            legal_hold_place(actor=administrator, kind=kind, object_id=record.pk, reason="klacht 2026-14")
    return held


MODELS = {"contact": Contact, "time_entry": TimeEntry, "young_person": YoungPerson}


def test_every_expired_record_is_removed_and_no_held_one(records, administrator, org):
    expired, fresh = records
    held = _hold_three(administrator, expired)
    retention_apply(organisation_id=org.pk)
    for kind, model in MODELS.items():
        held_ids = {r.pk for r in held[kind]}
        expired_ids = {r.pk for r in expired[kind]} - held_ids
        remaining = set(model.objects.values_list("pk", flat=True))
        record_figure(f"retention.{kind}.expired", len(expired_ids))
        record_figure(f"retention.{kind}.expired_removed", len(expired_ids - remaining))
        record_figure(f"retention.{kind}.held", len(held_ids))
        record_figure(f"retention.{kind}.held_removed", len(held_ids - remaining))
        assert not expired_ids & remaining, f"{kind}: expired records left"
        assert held_ids <= remaining, f"{kind}: a held record was removed"
        assert {r.pk for r in fresh[kind]} <= remaining, f"{kind}: a fresh record was removed"


def test_destruction_log_names_every_removed_record_exactly_once(records, administrator, org):
    expired, _fresh = records
    held = _hold_three(administrator, expired)
    before = {kind: set(model.objects.values_list("pk", flat=True)) for kind, model in MODELS.items()}
    retention_apply(organisation_id=org.pk)
    for kind, model in MODELS.items():
        removed = before[kind] - set(model.objects.values_list("pk", flat=True))
        logged = [pk for record in DestructionRecord.objects.filter(kind=kind) for pk in record.object_ids]
        record_figure(f"retention.{kind}.removed", len(removed))
        record_figure(f"retention.{kind}.destruction_log_ids", len(logged))
        assert sorted(logged) == sorted(removed)
        assert len(removed) == 10 - len(held[kind])
        assert sum(DestructionRecord.objects.filter(kind=kind).values_list("count", flat=True)) == len(removed)


def test_destruction_log_holds_no_content(records, org):
    expired, _fresh = records
    Contact.objects.filter(pk=expired["contact"][0].pk).update(impression="Sfeer bij Canarypseudo")
    retention_apply(organisation_id=org.pk)
    record = DestructionRecord.objects.get(kind="contact")
    assert record.retention_days == 730 and record.count == 10
    assert "Canarypseudo" not in str(DestructionRecord.objects.values())


def test_a_released_hold_lets_the_record_go(records, administrator, org):
    from privacy.services.retention import legal_hold_release

    expired, _fresh = records
    hold = legal_hold_place(actor=administrator, kind="contact", object_id=expired["contact"][0].pk, reason="klacht")
    legal_hold_release(actor=administrator, hold=hold, reason="afgehandeld")
    retention_apply(organisation_id=org.pk)
    assert not Contact.objects.filter(pk=expired["contact"][0].pk).exists()


def test_other_organisation_keeps_its_own_rules(org, other_team, stranger, other_org):
    platform = PlatformFactory(organisation=other_org)
    contact = ContactFactory(team=other_team, worker=stranger, platform=platform, date=OLD)
    retention_apply(organisation_id=org.pk)
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_the_daily_task_removes_in_every_organisation_and_audits_each_batch(records, org):
    removed = apply_retention.delay().get()
    assert removed == 30
    assert Contact.objects.filter(date=OLD).count() == 0
    batches = AuditEvent.objects.filter(action="delete", object_type="privacy.destructionrecord")
    assert batches.count() == DestructionRecord.objects.count() == 3


def test_running_twice_removes_nothing_more(records, org):
    retention_apply_all()
    assert retention_apply_all() == 0
    assert DestructionRecord.objects.count() == 3


def test_held_records_survive_the_daily_task(records, administrator):
    expired, _fresh = records
    held = _hold_three(administrator, expired)
    retention_apply_all()
    for kind, model in MODELS.items():
        assert model.objects.filter(pk__in=[r.pk for r in held[kind]]).count() == 3
    assert LegalHold.objects.active().count() == 9
    assert set(DestructionRecord.objects.values_list("kind", flat=True)) == {
        RecordKind.CONTACT,
        RecordKind.TIME_ENTRY,
        RecordKind.YOUNG_PERSON,
    }
