"""Policy reminders: scheduled as notifications (idempotent rows), delivered by the notifications task."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from notifications.kinds import Kind
from notifications.services import notification_schedule
from policy.models import PolicyAcknowledgement, PolicyDocument, PolicyVersion, PostReview
from policy.services.posts import post_expire

Role = Membership.Role
ACK_FIRST_AFTER = timedelta(days=3)
ACK_TO_LEAD_AFTER = timedelta(days=14)
REVIEW_WAITING_AFTER = timedelta(days=3)
DOCUMENT_REVIEW_AHEAD = timedelta(days=30)
POST_APPROVAL_AHEAD = timedelta(hours=24)


def _week_key(prefix, now):
    year, week, _day = timezone.localtime(now).isocalendar()
    return f"{prefix}-{year}-W{week:02d}"


def _outstanding_since(now):
    """{(user_id, version_id): (since, team_ids)} for every unacknowledged published version, in three queries."""
    versions = list(
        PolicyVersion.objects.published().values_list(
            "pk", "published_at", "document__team_id", "document__organisation_id"
        )
    )
    memberships = Membership.objects.filter(
        team__organisation_id__in={org for *_rest, org in versions}, user__is_active=True
    ).values_list("user_id", "team_id", "team__organisation_id", "created_at", "role")
    acked = set(
        PolicyAcknowledgement.objects.filter(version__in=[v[0] for v in versions]).values_list("user_id", "version_id")
    )
    outstanding = {}
    for version_id, published_at, team_id, org_id in versions:
        for user_id, member_team, member_org, joined, _role in memberships:
            applies = member_team == team_id if team_id else member_org == org_id
            if not applies or (user_id, version_id) in acked:
                continue
            since, teams = outstanding.get((user_id, version_id), (None, set()))
            start = max(published_at, joined)
            outstanding[(user_id, version_id)] = (min(since or start, start), teams | {member_team})
    leads = {}
    for user_id, member_team, _org, _joined, role in memberships:
        if role == Role.TEAM_LEAD:
            leads.setdefault(member_team, set()).add(user_id)
    return outstanding, leads


def acknowledgement_reminders_schedule(now=None):
    """Outstanding 3 days, then weekly: one notification per person per week; after 14 days, one per team lead."""
    from accounts.models import User

    now = now or timezone.now()
    outstanding, leads = _outstanding_since(now)
    members, lead_targets = set(), set()
    for (user_id, _version_id), (since, teams) in outstanding.items():
        if now - since >= ACK_FIRST_AFTER:
            members.add(user_id)
        if now - since >= ACK_TO_LEAD_AFTER:
            lead_targets |= {lead for team in teams for lead in leads.get(team, ()) if lead != user_id}
    people = User.objects.in_bulk(members | lead_targets)
    for user_id in sorted(members):
        notification_schedule(
            recipient=people[user_id], kind=Kind.POLICY_ACKNOWLEDGE, link=reverse("policy:acknowledge_next"),
            key=_week_key("ack", now),
        )  # fmt: skip
    for user_id in sorted(lead_targets):
        notification_schedule(
            recipient=people[user_id], kind=Kind.POLICY_ACKNOWLEDGE_TEAM, link=reverse("policy:report"),
            key=_week_key("ack-team", now),
        )  # fmt: skip
    return len(members), len(lead_targets)


def review_waiting_reminders_schedule(now=None):
    """A version waiting for review for 3 days: once to each person who may review it."""
    from policy.selectors import version_reviewers

    now = now or timezone.now()
    count = 0
    waiting = PolicyVersion.objects.filter(
        status=PolicyVersion.Status.IN_REVIEW, submitted_at__lte=now - REVIEW_WAITING_AFTER
    ).select_related("document")
    for version in waiting:
        for reviewer in version_reviewers(version):
            notification_schedule(
                recipient=reviewer, kind=Kind.POLICY_REVIEW_WAITING, target=version,
                link=reverse("policy:version_detail", args=[version.pk]),
                key=f"submitted-{version.submitted_at:%Y%m%d%H%M}",
            )  # fmt: skip
            count += 1
    return count


def document_review_reminders_schedule(now=None):
    """A document's review due within 30 days, and again when overdue: to its owner."""
    today = timezone.localdate(now or timezone.now())
    count = 0
    due = PolicyDocument.objects.filter(next_review_on__lte=today + DOCUMENT_REVIEW_AHEAD).select_related("owner")
    for document in due:
        kind = Kind.POLICY_REVIEW_OVERDUE if document.next_review_on < today else Kind.POLICY_REVIEW_DUE
        notification_schedule(
            recipient=document.owner, kind=kind, target=document,
            link=reverse("policy:document_detail", args=[document.pk]), key=f"review-{document.next_review_on}",
        )  # fmt: skip
        count += 1
    return count


def post_reminders_schedule(now=None):
    """Posts awaiting approval 24 hours before their planned time (to the second person); expired ones after it."""
    now = now or timezone.now()
    waiting = PostReview.objects.filter(status=PostReview.Status.SUBMITTED).select_related("reviewer", "author")
    reminded = expired = 0
    for post in waiting.filter(planned_at__lte=now + POST_APPROVAL_AHEAD, planned_at__gt=now):
        notification_schedule(
            recipient=post.reviewer, kind=Kind.POST_APPROVAL_WAITING, target=post,
            link=reverse("policy:post_detail", args=[post.pk]), key=f"planned-{post.planned_at:%Y%m%d%H%M}",
        )  # fmt: skip
        reminded += 1
    for post in waiting.filter(planned_at__lte=now):
        post_expire(post=post, now=now)
        expired += 1
    return reminded, expired
