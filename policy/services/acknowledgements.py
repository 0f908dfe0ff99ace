"""Acknowledging published versions: immutable confirmations and at most two postponements."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_log, client_ip
from jongerenwerk.errors import DomainError
from notifications.kinds import Kind
from notifications.services import notification_resolve
from policy.models import PolicyAcknowledgement, PolicyAckPostponement, PolicyVersion
from policy.selectors import applies_to, outstanding_versions

MAX_POSTPONEMENTS = 2
POSTPONE_FOR = timedelta(days=1)


def _check_acknowledgeable(actor, version):
    if version.status != PolicyVersion.Status.PUBLISHED:
        raise DomainError(_("Deze versie is niet meer het geldende beleid."))
    if not applies_to(actor, version.document):
        raise DomainError(_("Dit beleid geldt niet voor jou."))


def acknowledgement_create(*, actor, version, request=None):
    """Record that this person read this published version (once; the row never changes)."""
    _check_acknowledgeable(actor, version)
    existing = PolicyAcknowledgement.objects.filter(version=version, user=actor).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            acknowledgement = PolicyAcknowledgement.objects.create(version=version, user=actor, ip=client_ip(request))
            audit_log(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                target=acknowledgement,
                request=request,
                detail=f"acknowledged policy version {version.pk}",
            )
    except IntegrityError:
        # A double click: the first confirmation stands.
        return PolicyAcknowledgement.objects.get(version=version, user=actor)
    if not outstanding_versions(actor).exists():
        notification_resolve(target=None, kind=Kind.POLICY_ACKNOWLEDGE, recipient=actor)
    return acknowledgement


def acknowledgement_change(*, acknowledgement, **changes):
    """Confirmations are immutable: changing one is always refused."""
    raise DomainError(_("Een bevestiging kan niet worden gewijzigd."))


def acknowledgement_postpone(*, actor, version, now=None):
    """Postpone reading a version by a day, at most twice per version."""
    _check_acknowledgeable(actor, version)
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the person's row so two tabs cannot both take the last postponement.
        User.objects.select_for_update().get(pk=actor.pk)
        used = PolicyAckPostponement.objects.filter(user=actor, version=version).count()
        if used >= MAX_POSTPONEMENTS:
            raise DomainError(_("Je hebt al twee keer uitgesteld. Lees het beleid en bevestig het nu."))
        return PolicyAckPostponement.objects.create(user=actor, version=version, at=now, until=now + POSTPONE_FOR)
