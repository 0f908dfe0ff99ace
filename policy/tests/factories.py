"""Factories for policy documents and versions; documents always get an explicit organisation (and team or None)."""

from django.utils import timezone

from policy.models import PolicyDocument, PolicyVersion, PolicyVersionEvent

Status = PolicyVersion.Status


def make_document(org, *, team=None, owner, kind=PolicyDocument.Kind.SOCIAL_MEDIA, title="Socialemediabeleid", **extra):
    """A document of `org` (for `team`, or the whole organisation when team is None)."""
    return PolicyDocument.objects.create(organisation=org, team=team, owner=owner, kind=kind, title=title, **extra)


def make_version(document, *, author, status=Status.DRAFT, body="# Beleid\n\nTekst.", number=None, **extra):
    """A version in any status (set directly, for arranging tests; the services are what is under test)."""
    if number is None:
        number = document.versions.count() + 1
    if status == Status.PUBLISHED:
        extra.setdefault("published_at", timezone.now())
    if status in (Status.IN_REVIEW, Status.APPROVED):
        extra.setdefault("submitted_at", timezone.now())
    version = PolicyVersion.objects.create(
        document=document, number=number, body=body, change_summary=f"Versie {number}", author=author, status=status,
        **extra,
    )  # fmt: skip
    PolicyVersionEvent.objects.create(version=version, new_status=status, actor=author)
    return version
