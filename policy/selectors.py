"""Reads of the policy part that depend on who is asking."""

from typing import NamedTuple

from django.db import connection
from django.db.models import FilteredRelation, Prefetch, Q
from django.utils import timezone

from accounts.models import Membership
from accounts.permissions import require
from accounts.selectors import get_visible_or_404, member_team_ids, visible_team_ids
from jongerenwerk.sql import placeholders
from policy.models import PolicyAckPostponement, PolicyDocument, PolicyVersion, PostReview
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


class OutstandingVersion(NamedTuple):
    """A version still to acknowledge, as the home page lists it."""

    pk: int
    number: int
    title: str
    postponed: bool


# The rows of outstanding_versions(user), each with whether the person postponed it until after `now`. Asked on
# every visit of the home page: as one plain statement it costs a fraction of building the two ORM queries.
_OUTSTANDING_SQL = """
SELECT v.id, v.number, d.title, EXISTS (
    SELECT 1 FROM policy_policyackpostponement p WHERE p.version_id = v.id AND p.user_id = %s AND p.until > %s
)
FROM policy_policyversion v
JOIN policy_policydocument d ON d.id = v.document_id
WHERE v.status = %s AND d.organisation_id = %s AND (d.team_id IS NULL OR d.team_id IN ({teams}))
    AND NOT EXISTS (SELECT 1 FROM policy_policyacknowledgement a WHERE a.version_id = v.id AND a.user_id = %s)
ORDER BY v.published_at, v.id
"""


def outstanding_list(user, now=None):
    """The versions this person has yet to acknowledge (pk, number, title, postponed right now), in one query."""
    team_ids = member_team_ids(user)
    if not team_ids:
        return []
    now = connection.ops.adapt_datetimefield_value(now or timezone.now())
    params = [user.pk, now, Status.PUBLISHED, user.organisation_id, *team_ids, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(_OUTSTANDING_SQL.format(teams=placeholders(team_ids)), params)
        return [OutstandingVersion(pk, number, title, bool(postponed)) for pk, number, title, postponed in cursor]


def acknowledgement_due(user, now=None, outstanding_sink=None):
    """The outstanding version this person must acknowledge before anything else (none postponed now), or None.

    With `outstanding_sink` (the request), the outstanding versions are kept on it for the home page panel.
    """
    outstanding = outstanding_list(user, now)
    if outstanding_sink is not None:
        outstanding_sink.policy_outstanding = outstanding
    return next((version for version in outstanding if not version.postponed), None)


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


def _members_since(team_ids, version):
    """[(name, email, member since, acknowledged at or None)] of the active members of these teams, once each."""
    if not team_ids:
        return []
    if connection.vendor != "postgresql":
        return _members_since_portable(team_ids, version)
    # On every report page, ~450 people: the ORM's query and rows cost three times this statement (1.7 -> 0.6 ms
    # CPU on the bench database). Other databases (SQLite for `make run`) hand back text for MIN() of a timestamp.
    teams = placeholders(team_ids)
    with connection.cursor() as cursor:
        cursor.execute(_MEMBERS_SINCE_SQL.format(teams=teams), [version.pk, *team_ids])
        return cursor.fetchall()


# The same rows as _members_since_portable: a person in two teams once, since the first of their memberships.
_MEMBERS_SINCE_SQL = """
SELECT u.full_name, u.email, MIN(m.created_at), a.at
FROM accounts_membership m
JOIN accounts_user u ON u.id = m.user_id
LEFT JOIN policy_policyacknowledgement a ON a.version_id = %s AND a.user_id = u.id
WHERE u.is_active AND m.team_id IN ({teams})
GROUP BY u.id, u.full_name, u.email, a.at
"""


def _members_since_portable(team_ids, version):
    """The rows of _members_since through the ORM: for databases other than PostgreSQL."""
    members = {}
    # order_by(): a membership's default order (by team name) would join the teams only to sort the rows.
    rows = (
        Membership.objects.filter(team__in=team_ids, user__is_active=True)
        .annotate(
            ack=FilteredRelation(
                "user__policy_acknowledgements", condition=Q(user__policy_acknowledgements__version=version)
            )
        )
        .order_by()
        .values_list("user_id", "user__full_name", "user__email", "created_at", "ack__at")
    )
    for user_id, name, email, since, acked_at in rows:
        if user_id not in members or since < members[user_id][2]:
            members[user_id] = (name, email, since, acked_at)
    return list(members.values())


def completion_rows(user, version, now=None):
    """Who the version applies to (among the teams this person sees), acknowledged or not, days outstanding.

    Not yet acknowledged first, longest outstanding first; then the acknowledged ones, by name.
    """
    now = now or timezone.now()
    published = version.published_at or now
    rows = []
    for name, email, since, acked_at in _members_since(_report_teams(user, version.document), version):
        days = None if acked_at else max((now - max(published, since)).days, 0)
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
    team_ids = visible_team_ids(user)
    if not team_ids:
        return []
    labels = {value: str(label) for value, label in Status.choices}
    overview = []
    for pk, number, status, title, team_name, total, done in _overview_rows(user.organisation_id, team_ids):
        overview.append(
            {
                "pk": pk,
                "number": number,
                "title": title,
                "team_name": team_name,
                "published": status == Status.PUBLISHED,
                "status_label": labels[status],
                "total": total,
                "done": done,
                "open": total - done,
            }
        )
    return overview


# The versions of PolicyVersion.objects.visible_to(user) (organisation-wide documents and those of the visible
# teams), published or superseded, by title then newest first; for each, its people (the active members of the
# document's team, or of every visible team for an organisation-wide document, each counted once) and how many of
# them acknowledged it. One statement that hands back one row per version: counting the ~4,600 (version, person)
# pairs in Python took longer than the three queries together.
_OVERVIEW_SQL = """
WITH people AS (
    SELECT DISTINCT m.team_id, m.user_id FROM accounts_membership m JOIN accounts_user u ON u.id = m.user_id
    WHERE u.is_active AND m.team_id IN ({teams})
),
team_sizes AS (SELECT team_id, COUNT(*) AS n FROM people GROUP BY team_id),
versions AS (
    SELECT v.id, v.number, v.status, d.title, d.team_id, t.name AS team_name
    FROM policy_policyversion v
    JOIN policy_policydocument d ON d.id = v.document_id
    LEFT JOIN accounts_team t ON t.id = d.team_id
    WHERE d.organisation_id = %s AND (d.team_id IS NULL OR d.team_id IN ({teams})) AND v.status IN (%s, %s)
),
done AS (
    SELECT a.version_id, COUNT(*) AS n FROM policy_policyacknowledgement a JOIN versions v ON v.id = a.version_id
    WHERE EXISTS (
        SELECT 1 FROM people p WHERE p.user_id = a.user_id AND (v.team_id IS NULL OR p.team_id = v.team_id)
    )
    GROUP BY a.version_id
)
SELECT v.id, v.number, v.status, v.title, v.team_name,
    CASE WHEN v.team_id IS NULL THEN (SELECT COUNT(DISTINCT user_id) FROM people) ELSE COALESCE(s.n, 0) END,
    COALESCE(done.n, 0)
FROM versions v
LEFT JOIN team_sizes s ON s.team_id = v.team_id
LEFT JOIN done ON done.version_id = v.id
ORDER BY v.title, v.number DESC, v.id
"""


def _overview_rows(organisation_id, team_ids):
    """(pk, number, status, title, team name, people, acknowledged) per version of the overview."""
    teams = placeholders(team_ids)
    params = [*team_ids, organisation_id, *team_ids, Status.PUBLISHED, Status.SUPERSEDED]
    with connection.cursor() as cursor:
        cursor.execute(_OVERVIEW_SQL.format(teams=teams), params)
        return cursor.fetchall()


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


# The ids of PostReview.objects.visible_to(user).filter(status=SUBMITTED, reviewer=user): posts on the accounts of
# the teams this person sees that wait for them as the second reader.
_POSTS_WAITING_SQL = """
SELECT p.id FROM policy_postreview p JOIN accounts_platformaccount a ON a.id = p.account_id
WHERE p.status = %s AND p.reviewer_id = %s AND a.team_id IN ({teams})
"""


def _posts_waiting_ids(user):
    """The ids of the submitted posts this person is the second reader of, in one plain query."""
    team_ids = visible_team_ids(user)
    if not team_ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            _POSTS_WAITING_SQL.format(teams=placeholders(team_ids)),
            [PostReview.Status.SUBMITTED, user.pk, *team_ids],
        )
        return [pk for (pk,) in cursor]


def waiting_for_me(user):
    """Versions this person may review and posts they are the second reader of, both still open."""
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
    posts = []
    # Asked on every home page, and most people are nobody's second reader at that moment: a plain query of ids
    # first spares them building the posts query with its accounts and platforms (0.9 -> 0.1 ms CPU).
    waiting = _posts_waiting_ids(user)
    if waiting:
        posts = list(
            PostReview.objects.filter(pk__in=waiting)
            .select_related("account", "account__platform")
            .order_by("planned_at")
        )
    return versions, posts
