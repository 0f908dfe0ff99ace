from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.tests.factories import make_member
from policy.models import PolicyVersion
from policy.services.acknowledgements import acknowledgement_postpone
from policy.tests.factories import make_document, make_version
from policy.tests.test_posts import make_post

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


def test_postponed_version_is_listed_on_home(client_for, org, manager, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    acknowledgement_postpone(actor=worker, version=version)
    body = client_for(worker).get(reverse("home")).content.decode()
    assert reverse("policy:acknowledge", args=[version.pk]) in body


def test_lead_sees_version_to_review_and_post_to_decide(client_for, org, team_a, manager, lead, worker):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    post = make_post(team_a, author=worker, reviewer=lead, planned_at=timezone.now() + timedelta(days=1))
    body = client_for(lead).get(reverse("home")).content.decode()
    assert reverse("policy:version_detail", args=[version.pk]) in body
    assert reverse("policy:post_detail", args=[post.pk]) in body


def test_worker_sees_nothing_to_decide(client_for, org, manager, worker):
    make_version(make_document(org, owner=manager), author=manager, status=Status.IN_REVIEW)
    body = client_for(worker).get(reverse("home")).content.decode()
    assert "Wacht op jouw besluit" not in body


def test_posts_waiting_statement_gives_the_orms_posts(org, team_a, team_b, manager, lead, worker, outsider, stranger):
    from policy.models import PostReview
    from policy.selectors import _posts_waiting_ids

    colleague = make_member(team_b, Membership.Role.TEAM_LEAD, mfa=False)
    posts = [
        make_post(team_a, author=worker, reviewer=lead, handle="@noord"),
        make_post(team_a, author=lead, reviewer=worker, handle="@noord2"),
        make_post(team_b, author=outsider, reviewer=colleague, handle="@zuid"),
        make_post(team_a, author=worker, reviewer=lead, handle="@noord3"),
    ]
    PostReview.objects.filter(pk=posts[3].pk).update(status=PostReview.Status.APPROVED)
    # Reviewer moved to another team since: the post is no longer among the accounts they see.
    Membership.objects.filter(user=worker).update(team=team_b)

    people = type(worker).objects.filter(
        pk__in=[user.pk for user in (manager, lead, worker, outsider, colleague, stranger)]
    )
    for person in people:
        expected = PostReview.objects.visible_to(person).filter(status=PostReview.Status.SUBMITTED, reviewer=person)
        assert sorted(_posts_waiting_ids(person)) == sorted(expected.values_list("pk", flat=True))
    assert _posts_waiting_ids(lead) == [posts[0].pk]
    assert _posts_waiting_ids(people.get(pk=worker.pk)) == []


def test_home_asks_policy_twice_when_nothing_waits(client_for, org, manager, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    acknowledgement_postpone(actor=worker, version=version)
    client = client_for(worker)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    # The outstanding versions with their postponement, and the ids of posts waiting for this person.
    assert len([query for query in queries.captured_queries if "policy_" in query["sql"]]) == 2
