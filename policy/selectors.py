"""Reads of the policy part that depend on who is asking."""

from collections import defaultdict

from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.models import Membership
from accounts.permissions import require
from accounts.selectors import get_visible_or_404, member_team_ids, visible_team_ids
from policy.models import PolicyAcknowledgement, PolicyAckPostponement, PolicyDocument, PolicyVersion, PostReview
from policy.permissions import can_decide_post, can_write_document

Status = PolicyVersion.Status


def document_list(user):
    """The documents this person may read, with their current published version."""
    return (
        PolicyDocument.objects.visible_to(user)
        .select_related("team", "owner")
        .prefetch_related(
            Prefetch("versions", queryset=PolicyVersion.objects.published(), to_attr="published_versions")
        )
        .order_by("team__name", "title")
    )


def get_document_for_user(user, pk, for_write=False):
    """One document this person may read (else 404); with for_write, 403 unless they may write it."""
    document = get_visible_or_404(PolicyDocument.objects.select_related("team", "owner", "must_fit"), user, pk)
    if for_write:
        require(can_write_document(user, document))
    return document


def get_version_for_user(user, pk):
    """One version of a document this person may read, else 404."""
    return get_visible_or_404(
        PolicyVersion.objects.select_related("document", "document__team", "author", "on_call_lead"), user, pk
    )


def get_version_for_report(user, pk):
    """One version of a document this person may read, else 404; with its document only, as the report needs."""
    return get_visible_or_404(PolicyVersion.objects.select_related("document"), user, pk)


def current_version(document):
    """The one published version of a document, or None."""
    return document.versions.published().select_related("author", "on_call_lead").first()


def version_list(document):
    """Every version of a document, newest first."""
    return document.versions.select_related("author").order_by("-number")


def fit_flag(document):
    """The linked document's newer published version the owner has not yet confirmed, or None."""
    if document.must_fit_id is None:
        return None
    linked = current_version(document.must_fit)
    if linked is None or linked.pk == document.fit_confirmed_version_id:
        return None
    return linked


def outstanding_versions(user):
    """Published versions of the documents that apply to this person that they have not yet acknowledged."""
    return (
        PolicyVersion.objects.published()
        .filter(document__in=PolicyDocument.objects.applying_to(user))
        .exclude(acknowledgements__user=user)
        .select_related("document")
        .order_by("published_at", "pk")
    )


def acknowledgement_due(user, now=None, outstanding_sink=None):
    """The version this person must acknowledge before anything else (none postponed right now), or None.

    With `outstanding_sink` (the request), the outstanding versions are kept on it for the home page panel.
    """
    now = now or timezone.now()
    outstanding = list(outstanding_versions(user))
    if outstanding_sink is not None:
        outstanding_sink.policy_outstanding = outstanding
    if not outstanding:
        return None
    postponed = set(
        PolicyAckPostponement.objects.filter(
            user=user, version__in=[version.pk for version in outstanding], until__gt=now
        ).values_list("version_id", flat=True)
    )
    return next((version for version in outstanding if version.pk not in postponed), None)


def postponements_used(user, version):
    """How often this person has postponed acknowledging this version."""
    return PolicyAckPostponement.objects.filter(user=user, version=version).count()


def previous_acknowledged(user, version):
    """The newest earlier version of the same document this person acknowledged (to show what changed)."""
    return (
        PolicyVersion.objects.filter(
            document_id=version.document_id, number__lt=version.number, acknowledgements__user=user
        )
        .order_by("-number")
        .first()
    )


def signal_protocol_for_team(team):
    """The team's published signal protocol, else the organisation-wide one, else None (document preloaded)."""
    if team is None:
        return None
    versions = (
        PolicyVersion.objects.published()
        .filter(document__kind=PolicyDocument.Kind.SIGNAL_PROTOCOL, document__organisation_id=team.organisation_id)
        .filter(Q(document__team=team) | Q(document__team__isnull=True))
        .select_related("document", "on_call_lead")
    )
    # Team protocol first: nulls last puts the organisation-wide one behind it.
    return versions.order_by("document__team_id", "-published_at").first()


def _report_teams(user, document):
    teams = set(visible_team_ids(user))
    if document.team_id is not None:
        teams &= {document.team_id}
    return teams


def _members_since(team_ids):
    """{user_id: (name, email, member since)} of active members of these teams, in one query."""
    members = {}
    # order_by(): a membership's default order (by team name) would join the teams only to sort the rows.
    rows = (
        Membership.objects.filter(team__in=team_ids, user__is_active=True)
        .order_by()
        .values_list("user_id", "user__full_name", "user__email", "created_at")
    )
    for user_id, name, email, since in rows:
        if user_id not in members or since < members[user_id][2]:
            members[user_id] = (name, email, since)
    return members


def completion_rows(user, version, now=None):
    """Who the version applies to (among the teams this person sees), acknowledged or not, days outstanding.

    Not yet acknowledged first, longest outstanding first; then the acknowledged ones, by name.
    """
    now = now or timezone.now()
    members = _members_since(_report_teams(user, version.document))
    acks = dict(PolicyAcknowledgement.objects.filter(version=version).values_list("user_id", "at"))
    rows = []
    for user_id, (name, email, since) in members.items():
        start = max(version.published_at or now, since)
        acked_at = acks.get(user_id)
        days = None if acked_at else max((now - start).days, 0)
        rows.append({"name": name or email, "email": email, "acknowledged_at": acked_at, "days_outstanding": days})
    return sorted(
        rows, key=lambda row: (row["acknowledged_at"] is not None, -(row["days_outstanding"] or 0), row["name"])
    )


COMPLETION_FILTERS = ("open", "done")


def completion_report(user, version, status=None, now=None):
    """The completion rows, only the open ("open") or acknowledged ("done") ones if asked, and the counts of all."""
    rows = completion_rows(user, version, now)
    done = sum(1 for row in rows if row["acknowledged_at"] is not None)
    counts = {"total": len(rows), "done": done, "open": len(rows) - done}
    if status == "open":
        rows = [row for row in rows if row["acknowledged_at"] is None]
    elif status == "done":
        rows = [row for row in rows if row["acknowledged_at"] is not None]
    return rows, counts


def completion_overview(user):
    """Per published version of the documents this person sees: how many of its people acknowledged it.

    Plain rows, no model instances: the page lists every published and superseded version.
    """
    versions = list(
        PolicyVersion.objects.visible_to(user)
        .filter(status__in=[Status.PUBLISHED, Status.SUPERSEDED])
        .order_by("document__title", "-number")
        .values_list("pk", "number", "status", "document__title", "document__team_id", "document__team__name")
    )
    members = _members_by_team(visible_team_ids(user))
    everyone = set().union(*members.values())
    acknowledged = defaultdict(set)
    for version_id, user_id in _acknowledgers([version[0] for version in versions]):
        acknowledged[version_id].add(user_id)
    labels = {value: str(label) for value, label in Status.choices}
    overview = []
    for pk, number, status, title, team_id, team_name in versions:
        people = members.get(team_id, set()) if team_id else everyone
        done = len(people & acknowledged[pk])
        overview.append(
            {
                "pk": pk,
                "number": number,
                "title": title,
                "team_name": team_name,
                "published": status == Status.PUBLISHED,
                "status_label": labels[status],
                "total": len(people),
                "done": done,
                "open": len(people) - done,
            }
        )
    return overview


def _acknowledgers(version_ids):
    """(version id, user id) of every acknowledgement of these versions.

    A fixed statement: thousands of pairs, and the ORM's row handling took as long as reading them.
    """
    if not version_ids:
        return []
    placeholders = ", ".join(["%s"] * len(version_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version_id, user_id FROM {PolicyAcknowledgement._meta.db_table} "
            f"WHERE version_id IN ({placeholders})",
            version_ids,
        )
        return cursor.fetchall()


def _members_by_team(team_ids):
    by_team = defaultdict(set)
    rows = (
        Membership.objects.filter(team__in=team_ids, user__is_active=True).order_by().values_list("team_id", "user_id")
    )
    for team_id, user_id in rows:
        by_team[team_id].add(user_id)
    return by_team


def post_list(user):
    """The posts for organisation accounts of the teams this person sees, soonest first."""
    return PostReview.objects.visible_to(user).select_related("account", "account__platform", "author", "reviewer")


def get_post_for_user(user, pk, for_decision=False):
    """One post this person may see (else 404); with for_decision, 403 unless they are its second person."""
    post = get_visible_or_404(
        PostReview.objects.select_related("account", "account__platform", "author", "reviewer"), user, pk
    )
    if for_decision:
        require(can_decide_post(user, post))
    return post


def applies_to(user, document):
    """Whether a document is one this person must read and acknowledge."""
    return document.team_id is None or document.team_id in member_team_ids(user)


def version_reviewers(version):
    """The people who may review this version (never its author)."""
    from accounts.models import User
    from policy.permissions import can_review_version

    document = version.document
    team_roles = Membership.objects.filter(team__organisation_id=document.organisation_id, user__is_active=True)
    if document.team_id is None:
        team_roles = team_roles.filter(role__in=[Membership.Role.MANAGER, Membership.Role.TEAM_LEAD])
    else:
        team_roles = team_roles.filter(
            Q(role=Membership.Role.MANAGER) | Q(role=Membership.Role.TEAM_LEAD, team_id=document.team_id)
        )
    people = User.objects.filter(pk__in=team_roles.values("user_id")).exclude(pk=version.author_id)
    return [person for person in people if can_review_version(person, version)]


def waiting_for_me(user):
    """Versions this person may review and posts they are the second reader of, both still open (two queries)."""
    from policy.permissions import can_create_documents, can_review_version

    versions = []
    # Only managers and team leads review policy: everyone else is spared the query.
    if can_create_documents(user):
        in_review = (
            PolicyVersion.objects.visible_to(user)
            .filter(status=Status.IN_REVIEW)
            .exclude(author=user)
            .select_related("document")
            .order_by("submitted_at")
        )
        versions = [version for version in in_review if can_review_version(user, version)]
    posts = list(
        PostReview.objects.visible_to(user)
        .filter(status=PostReview.Status.SUBMITTED, reviewer=user)
        .select_related("account", "account__platform")
        .order_by("planned_at")
    )
    return versions, posts
