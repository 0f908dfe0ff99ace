"""Policy's pages: the acknowledgement completion report (overview, and one version: who did and who did not)."""

from bench.parts import NotReady, get

PART = "policy"


def _version_model():
    from bench.seeders import models_or_none

    models = models_or_none(PART, "PolicyVersion")
    if models is None:
        raise NotReady("policy: versions and acknowledgements not merged")
    return models[0]


def completion_overview(user):
    _version_model()
    return get(PART, "policy:report")


def completion_version(user):
    """The organisation-wide published version: everyone in the organisation is on it."""
    version = _version_model()
    pk = (
        version.objects.filter(
            document__organisation_id=user.organisation_id, document__team__isnull=True, status="published"
        )
        .order_by("document__kind", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise NotReady("policy: no published organisation-wide version (seed the policy part)")
    return get(PART, "policy:report_version", pk)
