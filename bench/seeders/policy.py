"""Policy documents with their versions (`size.policy_versions` in all), and every member's acknowledgements.

The organisation has a social-media policy and a communication policy with a history of versions; every team
has its norms and values and its signal protocol. Everyone acknowledged the published versions, except the
last fifth of each team's workers (the completion report has people outstanding). The people the benchmark
acts as are never among them, so no page sends them to acknowledge first.
"""

from datetime import timedelta

from django.utils import timezone

from bench.seeders import models_or_none

OUTSTANDING_SHARE = 0.2
BODY = "# {title}\n\nWe werken online zoals we offline werken: *positief en bevestigend*.\n\n- Versie {number}\n"


def seed(context):
    """Seed the policy part, or say why not."""
    models = models_or_none("policy", "PolicyDocument", "PolicyVersion", "PolicyAcknowledgement")
    if models is None:
        return "policy has no PolicyDocument model on this branch yet"
    document_model, version_model, ack_model = models
    plan = _plan(context)
    versions = _documents_and_versions(context, document_model, version_model, plan)
    _acknowledgements(context, ack_model, versions)
    return None


def _plan(context):
    """(title, kind, team id or None, number of versions) adding up to `policy_versions`."""
    teams = context.team_ids
    plan = [(f"Normen en waarden online {n:02d}", "norms_values", team, 1) for n, team in enumerate(teams, 1)]
    plan += [(f"Signaalprotocol team {n:02d}", "signal_protocol", team, 1) for n, team in enumerate(teams, 1)]
    left = max(2, context.size.policy_versions - len(plan))
    communication = max(1, left // 3)
    plan = [
        ("Socialemediabeleid", "social_media", None, left - communication),
        ("Communicatiebeleid", "communication", None, communication),
        *plan,
    ]
    return plan


def _documents_and_versions(context, document_model, version_model, plan):
    """Create documents and versions: the newest published, earlier ones superseded, the org policy one draft."""
    now = timezone.now()
    manager = context.managers[0]
    versions = []  # (version id, team id or None, published?)
    for title, kind, team, count in plan:
        owner = context.leads[team] if team else manager
        document = document_model.objects.create(
            organisation=context.organisation, team_id=team, title=title, kind=kind, owner_id=owner,
            next_review_on=context.today + timedelta(days=180),
        )  # fmt: skip
        published = count - 1 if kind == "social_media" and count > 1 else count
        for number in range(1, count + 1):
            status = "draft" if number > published else ("published" if number == published else "superseded")
            at = now - timedelta(days=30 * (count - number + 1))
            version = version_model.objects.create(
                document=document, number=number, body=BODY.format(title=title, number=number),
                change_summary=f"Versie {number}", author_id=owner, status=status,
                reviewed_by_id=None if status == "draft" else context.administrator if team is None else manager,
                published_at=None if status == "draft" else at, published_by_id=None if status == "draft" else manager,
                on_call_lead_id=context.leads[team] if kind == "signal_protocol" else None,
                on_call_phone="0800-2000" if kind == "signal_protocol" else "",
            )  # fmt: skip
            if status != "draft":
                versions.append((version.pk, team, status == "published", at))
    context.loader.record("policy documents and versions", len(plan) + len(versions), 0.0)
    return versions


def _acknowledgements(context, model, versions):
    members = {team: context.members(team) for team in context.team_ids}
    everyone = sorted({user for team_members in members.values() for user in team_members})
    outstanding = set()
    for workers in context.workers.values():
        keep = len(workers) - int(len(workers) * OUTSTANDING_SHARE)
        outstanding.update(workers[keep:])

    def rows():
        for version, team, published, at in versions:
            for user in members[team] if team else everyone:
                if published and user in outstanding:
                    continue
                yield version, user, at + timedelta(days=1), "127.0.0.1"

    context.loader.copy(model, ("version_id", "user_id", "at", "ip"), rows())
