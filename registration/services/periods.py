"""Approving a team's month (which locks its entries) and reopening it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from jongerenwerk.transitions import ensure_allowed
from notifications.kinds import Kind
from notifications.services import notification_resolve
from registration.models import MonthApproval, MonthApprovalEvent
from registration.permissions import can_approve_month, can_reopen_month

Status = MonthApproval.Status
ALLOWED_TRANSITIONS = {
    Status.OPEN: (Status.APPROVED,),
    Status.APPROVED: (Status.OPEN,),
}


def _transition(*, team, month, new_status, actor, allowed, reason="", request=None):
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1) and new_status == Status.APPROVED:
        raise DomainError(_("Je kunt een maand pas goedkeuren als hij voorbij is."))
    with transaction.atomic():
        MonthApproval.objects.get_or_create(team=team, month=month)
        approval = MonthApproval.objects.select_for_update().get(team=team, month=month)
        if not allowed:
            raise DomainError(_("Dit mag alleen de teamleider (goedkeuren) of een manager (heropenen)."))
        old = approval.status
        ensure_allowed(ALLOWED_TRANSITIONS, old, new_status, dict(Status.choices))
        approval.status = new_status
        if new_status == Status.APPROVED:
            approval.approved_by = actor
            approval.approved_at = timezone.now()
        approval.save(update_fields=["status", "approved_by", "approved_at"])
        MonthApprovalEvent.objects.create(
            approval=approval, old_status=old, new_status=new_status, actor=actor, reason=reason
        )
        audit_log(
            actor=actor,
            action=Action.CHANGE,
            target=approval,
            request=request,
            detail=f"month {month:%Y-%m} {old} -> {new_status}",
        )
        if new_status == Status.APPROVED:
            transaction.on_commit(lambda: notification_resolve(target=team, kind=Kind.MONTH_TO_APPROVE))
    return approval


def month_approve(*, team, month, actor, request=None):
    """The team lead approves a past month: its contacts and time entries are locked from now on."""
    return _transition(
        team=team,
        month=month,
        new_status=Status.APPROVED,
        actor=actor,
        allowed=can_approve_month(actor, team.pk),
        request=request,
    )


def month_reopen(*, team, month, actor, reason, request=None):
    """A manager reopens an approved month, with a reason (audited)."""
    if not (reason or "").strip():
        raise DomainError(_("Schrijf op waarom de maand weer open moet."), field="reason")
    return _transition(
        team=team,
        month=month,
        new_status=Status.OPEN,
        actor=actor,
        allowed=can_reopen_month(actor),
        reason=reason.strip(),
        request=request,
    )
