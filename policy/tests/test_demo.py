import pytest
from django.core.management import call_command

from policy.models import PolicyAcknowledgement, PolicyDocument, PolicyVersion, PostReview
from policy.selectors import outstanding_versions, signal_protocol_for_team

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


def test_seed_demo_builds_policy_and_is_safe_to_run_again():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    social = PolicyDocument.objects.get(title="Socialemediabeleid")
    assert list(social.versions.order_by("number").values_list("status", flat=True)) == [
        Status.SUPERSEDED, Status.PUBLISHED, Status.DRAFT,
    ]  # fmt: skip
    assert PolicyDocument.objects.filter(kind=PolicyDocument.Kind.NORMS_VALUES).count() == 2
    for protocol in PolicyDocument.objects.filter(kind=PolicyDocument.Kind.SIGNAL_PROTOCOL).select_related("team"):
        assert signal_protocol_for_team(protocol.team).on_call_lead is not None
    assert PostReview.objects.filter(status=PostReview.Status.SUBMITTED).count() == 1
    worker = PolicyAcknowledgement.objects.filter(user__email__startswith="jongerenwerker@").first().user
    assert outstanding_versions(worker).exists()
