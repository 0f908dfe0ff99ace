"""Factories for target groups, usage, personas and platform accounts; always with an explicit team."""

from importlib import import_module

from django.apps import apps
from django.utils import timezone

from accounts.models import Persona, Platform, PlatformAccount, PlatformAccountEvent, PlatformUsage, TargetGroup


def platform(slug):
    """A platform of the shared catalogue the data migration seeded.

    A transactional test (browser journeys) empties every table when it ends, the catalogue included; it is
    seeded again, by the migration's own function, for the tests that run after one.
    """
    if not Platform.objects.filter(organisation__isnull=True).exists():
        import_module("accounts.migrations.0003_outreach_platform_catalogue").seed_catalogue(apps, None)
    return Platform.objects.get(organisation__isnull=True, slug=slug)


def make_target_group(team, name="meiden 12–16", **fields):
    return TargetGroup.objects.create(team=team, name=name, **fields)


def make_usage(target_group, slug, frequency=PlatformUsage.Frequency.DAILY, **fields):
    return PlatformUsage.objects.create(
        target_group=target_group, platform=platform(slug), frequency=frequency, **fields
    )


def make_persona(target_group, name="Aisha (verzonnen)", **fields):
    return Persona.objects.create(target_group=target_group, name=name, **fields)


def make_account(team, owner, slug="instagram", handle=None, *, status=PlatformAccount.Status.REQUESTED,
                 kind=PlatformAccount.Kind.PERSONAL_BUSINESS, target_groups=(), **fields):  # fmt: skip
    """An account in any status, as if it got there (one event row for its current status)."""
    chosen = platform(slug)
    handle = handle or f"{owner.email.split('@')[0].replace('-', '.')}.{team.pk}"
    account = PlatformAccount.objects.create(
        organisation=team.organisation,
        team=team,
        platform=chosen,
        handle=handle,
        handle_normalised=chosen.normalise_handle(handle),
        kind=kind,
        owner=owner,
        requested_by=fields.pop("requested_by", owner),
        status=status,
        status_changed_at=timezone.now(),
        **fields,
    )
    account.target_groups.set(target_groups)
    PlatformAccountEvent.objects.create(account=account, new_status=status, actor=owner)
    return account


def post(client, url, data=None):
    """POST a form as the browser does (urlencoded: the middleware refuses multipart bodies)."""
    from urllib.parse import urlencode

    return client.post(url, urlencode(data or {}, doseq=True), content_type="application/x-www-form-urlencoded")


def count_queries(client, url):
    """How many queries one GET of the page makes (after a warm-up request for the session)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
