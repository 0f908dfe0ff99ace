from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from policy.models import PolicyAcknowledgement, PolicyVersion
from policy.services import acknowledgements
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.fixture
def published(org, manager):
    return make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)


def test_home_sends_person_to_unacknowledged_version_first(client_for, worker, published):
    response = client_for(worker).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("policy:acknowledge", args=[published.pk])


def test_after_home_every_other_page_redirects_until_confirmed(client_for, worker, published):
    client = client_for(worker)
    client.get(reverse("home"))
    assert client.get(reverse("accounts:my_teams")).url == reverse("policy:acknowledge", args=[published.pk])
    assert client.get(reverse("policy:acknowledge", args=[published.pk])).status_code == 200


def test_language_switch_and_static_are_not_blocked(post_form, client_for, worker, published):
    client = client_for(worker)
    client.get(reverse("home"))
    response = post_form(client, reverse("accounts:language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"


def test_confirming_records_person_version_time_and_ip_and_is_audited(post_form, client_for, worker, published):
    client = client_for(worker)
    client.get(reverse("home"))
    response = post_form(client, reverse("policy:acknowledge", args=[published.pk]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    acknowledgement = PolicyAcknowledgement.objects.get(user=worker, version=published)
    assert acknowledgement.ip == "10.1.2.3"
    assert acknowledgement.at is not None
    assert AuditEvent.objects.filter(actor=worker, object_type="policy.policyacknowledgement").exists()
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("accounts:my_teams")).status_code == 200


def test_postpone_twice_a_day_each_then_no_more(post_form, client_for, worker, published):
    client = client_for(worker)
    postpone = reverse("policy:acknowledge_postpone", args=[published.pk])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        post_form(client, postpone)
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(hours=25), tick=False):
        client = client_for(worker)  # the session ended while the person was away
        assert client.get(reverse("home")).status_code == 302
        post_form(client, postpone)
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(hours=50), tick=False):
        client = client_for(worker)
        assert client.get(reverse("home")).status_code == 302
        post_form(client, postpone)
        assert client.get(reverse("home")).url == reverse("policy:acknowledge", args=[published.pk])
        assert client.get(reverse("accounts:my_teams")).status_code == 302
    with pytest.raises(DomainError):
        acknowledgements.acknowledgement_postpone(actor=worker, version=published)


def test_each_new_published_version_must_be_confirmed_again(client_for, org, manager, worker, published):
    acknowledgements.acknowledgement_create(actor=worker, version=published)
    newer = make_version(published.document, author=manager, status=Status.APPROVED, body="Nieuw")
    from policy.services.documents import version_publish

    version_publish(actor=manager, version=newer)
    response = client_for(worker).get(reverse("home"))
    assert response.url == reverse("policy:acknowledge", args=[newer.pk])
    page = client_for(worker).get(response.url)
    assert "Veranderd sinds versie 1" in page.content.decode()


def test_newcomer_is_asked_without_anything_being_sent(client_for, team_a, published):
    newcomer = make_member(team_a, Membership.Role.YOUTH_WORKER)
    response = client_for(newcomer).get(reverse("home"))
    assert response.url == reverse("policy:acknowledge", args=[published.pk])


def test_team_document_is_not_asked_of_other_teams(client_for, org, team_a, lead, outsider):
    make_version(make_document(org, team=team_a, owner=lead, kind="norms_values"), author=lead, status=Status.PUBLISHED)
    assert client_for(outsider).get(reverse("home")).status_code == 200


def test_forms_posted_elsewhere_are_not_redirected(post_form, client_for, worker, published):
    client = client_for(worker)
    client.get(reverse("home"))
    response = post_form(client, reverse("notifications:read_all"))
    assert response.url == reverse("notifications:list")


def test_cannot_acknowledge_a_superseded_version(org, manager, worker, published):
    published.status = Status.SUPERSEDED
    published.save(update_fields=["status"])
    with pytest.raises(DomainError):
        acknowledgements.acknowledgement_create(actor=worker, version=published)


def test_other_organisation_cannot_open_the_acknowledgement(client_for, stranger, published):
    assert client_for(stranger).get(reverse("policy:acknowledge", args=[published.pk])).status_code == 404


def test_a_replaced_version_sends_the_person_on_to_the_current_one(post_form, client_for, manager, worker, published):
    from policy.services.documents import version_publish

    client = client_for(worker)
    client.get(reverse("home"))
    newer = make_version(published.document, author=manager, status=Status.APPROVED, body="Nieuw")
    version_publish(actor=manager, version=newer)
    response = client.get(reverse("policy:acknowledge", args=[published.pk]))
    assert response.url == reverse("policy:acknowledge_next")
    assert client.get(response.url).url == reverse("policy:acknowledge", args=[newer.pk])


def test_outstanding_statement_gives_the_orms_versions_and_postponements(
    org, team_a, team_b, manager, lead, worker, outsider, other_team, stranger
):
    from policy.models import PolicyAckPostponement
    from policy.selectors import outstanding_list, outstanding_versions

    now = timezone.now()
    Membership.objects.create(user=worker, team=team_b, role=Membership.Role.YOUTH_WORKER)
    organisation = make_document(org, owner=manager, title="Gedragscode")
    make_version(organisation, author=manager, status=Status.SUPERSEDED, published_at=now - timedelta(days=9))
    current = make_version(organisation, author=manager, status=Status.PUBLISHED, published_at=now - timedelta(days=3))
    draft = make_document(org, owner=manager, title="Concept")
    make_version(draft, author=manager, status=Status.DRAFT)
    versions = [current]
    for days, team in ((5, team_a), (2, team_b), (2, team_a)):
        document = make_document(org, team=team, owner=manager, title=f"Teamregels {team.name}")
        versions.append(
            make_version(document, author=manager, status=Status.PUBLISHED, published_at=now - timedelta(days=days))
        )
    versions.append(
        make_version(make_document(other_team.organisation, owner=stranger), author=stranger, status=Status.PUBLISHED)
    )
    PolicyAcknowledgement.objects.create(user=lead, version=current)
    PolicyAcknowledgement.objects.create(user=worker, version=versions[1])
    PolicyAckPostponement.objects.create(user=worker, version=current, until=now + timedelta(hours=3))
    PolicyAckPostponement.objects.create(user=worker, version=versions[2], until=now - timedelta(hours=3))
    PolicyAckPostponement.objects.create(user=lead, version=versions[3], until=now + timedelta(hours=3))

    for person in (manager, lead, worker, outsider, stranger):
        expected = [(version.pk, version.number, version.document.title) for version in outstanding_versions(person)]
        postponed = set(
            PolicyAckPostponement.objects.filter(user=person, until__gt=now).values_list("version_id", flat=True)
        )
        rows = outstanding_list(person, now)
        assert [(row.pk, row.number, row.title) for row in rows] == expected
        assert {row.pk for row in rows if row.postponed} == postponed & {pk for pk, _, _ in expected}
    assert [row.pk for row in outstanding_list(worker, now) if row.postponed] == [current.pk]
    assert [row.pk for row in outstanding_list(stranger, now)] == [versions[-1].pk]
