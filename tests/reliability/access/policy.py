"""policy: documents and their versions, acknowledgements, the completion report, post review.

Team documents are read by everyone who sees the team (a manager organisation-wide); a team lead of
the team and a manager write them. The own team's versions are written by its team lead, so a manager
is the second reader. Posts for the team's organisation account are written by the youth worker with the
team lead as second person.
"""

import secrets
from datetime import timedelta

from tests.reliability.access import LEAD, MANAGER, OTHER_ORG, STAFF, WORKER, Route, register

WRITERS = frozenset({LEAD, MANAGER})
MANAGER_ONLY = frozenset({MANAGER})


def _org(world, scope):
    return world.other_org if scope == OTHER_ORG else world.org


def _lead(world, scope):
    """The team lead of the scope's team (the own team's lead; the cast's outsider and stranger otherwise)."""
    return world.users[LEAD] if scope == "own" else world.member(scope)


def _documents(world, scope, n):
    from policy.models import PolicyDocument

    return PolicyDocument.objects.bulk_create(
        PolicyDocument(
            organisation=_org(world, scope),
            team=world.team(scope),
            owner=_lead(world, scope),
            kind=PolicyDocument.Kind.SOCIAL_MEDIA,
            title=f"Teambeleid {i}",
        )
        for i in range(n)
    )


def document(world, scope):
    return {"pk": _documents(world, scope, 1)[0].pk}


def many_documents(world, scope, n):
    return [{"pk": row.pk} for row in _documents(world, scope, n)]


def _versions(world, scope, n, status="draft"):
    from django.utils import timezone

    from policy.models import PolicyVersion

    extra = {"published_at": timezone.now()} if status == "published" else {}
    if status == "in_review":
        extra = {"submitted_at": timezone.now()}
    return PolicyVersion.objects.bulk_create(
        PolicyVersion(
            document=doc,
            number=1,
            body="# Beleid\n\nTekst.",
            change_summary="Versie 1",
            author=_lead(world, scope),
            status=status,
            **extra,
        )
        for doc in _documents(world, scope, n)
    )


def version(world, scope):
    return {"pk": _versions(world, scope, 1)[0].pk}


def many_versions(world, scope, n):
    return [{"pk": row.pk} for row in _versions(world, scope, n)]


def review_version(world, scope):
    return {"pk": _versions(world, scope, 1, "in_review")[0].pk}


def published_version(world, scope):
    return {"pk": _versions(world, scope, 1, "published")[0].pk}


def many_published_versions(world, scope, n):
    return [{"pk": row.pk} for row in _versions(world, scope, n, "published")]


def _account(world, scope):
    from accounts.models import PlatformAccount
    from registration.tests.factories import PlatformFactory

    platform = PlatformFactory(organisation=_org(world, scope), slug="matrix-platform", name="Matrixplatform")
    handle = f"team{secrets.token_hex(4)}"
    return PlatformAccount.objects.create(
        organisation=_org(world, scope),
        team=world.team(scope),
        platform=platform,
        handle=f"@{handle}",
        handle_normalised=handle,
        kind=PlatformAccount.Kind.ORGANISATION,
        owner=world.member(scope),
        status=PlatformAccount.Status.ACTIVE,
    )


def _posts(world, scope, n):
    from django.utils import timezone

    from accounts.tests.factories import make_member
    from policy.models import PostReview

    account = _account(world, scope)
    reviewer = world.users[LEAD] if scope == "own" else make_member(world.team(scope), "team_lead", mfa=False)
    return PostReview.objects.bulk_create(
        PostReview(
            account=account,
            text="Vanavond is het inloopuur open.",
            planned_at=timezone.now() + timedelta(days=2),
            author=world.member(scope),
            reviewer=reviewer,
        )
        for _ in range(n)
    )


def post(world, scope):
    return {"pk": _posts(world, scope, 1)[0].pk}


def many_posts(world, scope, n):
    return [{"pk": row.pk} for row in _posts(world, scope, n)]


DOCUMENT = {"obj": document, "foreign": many_documents}
VERSION = {"obj": version, "foreign": many_versions}
REVIEW = {"obj": review_version, "foreign": many_versions}
PUBLISHED = {"obj": published_version, "foreign": many_published_versions}
POST = {"obj": post, "foreign": many_posts}

register(
    Route("policy:list", get=STAFF, post_like_get=True),
    Route("policy:document_create", get=WRITERS, post=WRITERS),
    Route("policy:document_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **DOCUMENT),
    Route("policy:document_edit", get=WRITERS, post=WRITERS, **DOCUMENT),
    Route("policy:document_confirm_fit", post=WRITERS, **DOCUMENT),
    Route("policy:version_create", get=WRITERS, post=WRITERS, **DOCUMENT),
    Route("policy:version_compare", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **DOCUMENT),
    Route("policy:version_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **VERSION),
    Route("policy:version_edit", get=WRITERS, post=WRITERS, **VERSION),
    Route("policy:version_submit", post=WRITERS, **VERSION),
    # The team lead wrote it: the manager is the second reader.
    Route("policy:version_approve", post=MANAGER_ONLY, **REVIEW),
    Route("policy:version_send_back", post=MANAGER_ONLY, **REVIEW),
    Route("policy:version_publish", post=WRITERS, **VERSION),
    Route("policy:acknowledge_next", get=STAFF, post_like_get=True),
    Route("policy:acknowledge", get=STAFF, post=STAFF, **PUBLISHED),
    Route("policy:acknowledge_postpone", post=STAFF, **PUBLISHED),
    Route("policy:report", get=WRITERS, post_like_get=True),
    Route("policy:report_version", get=WRITERS, post_like_get=True, fuzz=False, note="a report", **PUBLISHED),
    Route("policy:report_version_csv", get=WRITERS, post_like_get=True, fuzz=False, note="a file", **PUBLISHED),
    Route("policy:post_list", get=STAFF, post_like_get=True),
    Route("policy:post_create", get=STAFF, post=STAFF),
    Route("policy:post_detail", get=STAFF, post_like_get=True, fuzz=False, note="a read-only page", **POST),
    # Only the chosen second person (the team lead) decides; only the author (the youth worker) resubmits.
    Route("policy:post_approve", post=frozenset({LEAD}), **POST),
    Route("policy:post_send_back", post=frozenset({LEAD}), **POST),
    Route("policy:post_resubmit", post=frozenset({WORKER}), **POST),
)
