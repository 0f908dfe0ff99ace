"""Editorial review of posts for organisation accounts: a second person approves before the planned time."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PlatformAccount
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from jongerenwerk.transitions import ensure_allowed
from notifications.kinds import Kind
from notifications.services import notification_resolve, notification_schedule
from policy.models import PostReview, PostReviewEvent
from policy.permissions import can_decide_post

Status = PostReview.Status
ALLOWED_TRANSITIONS = {
    Status.SUBMITTED: (Status.APPROVED, Status.SENT_BACK, Status.EXPIRED),
    Status.SENT_BACK: (Status.SUBMITTED,),
    Status.APPROVED: (),
    Status.EXPIRED: (),
}
LABELS = dict(Status.choices)


def _validate(actor, account, reviewer, planned_at, now):
    if (
        account.kind != PlatformAccount.Kind.ORGANISATION
        or not PlatformAccount.objects.visible_to(actor).filter(pk=account.pk).exists()
    ):
        raise DomainError(_("Kies een organisatieaccount van je eigen team."), field="account")
    if reviewer.pk == actor.pk:
        raise DomainError(_("Kies een collega: je kunt je eigen bericht niet goedkeuren."), field="reviewer")
    if reviewer.organisation_id != actor.organisation_id or not (
        PlatformAccount.objects.visible_to(reviewer).filter(pk=account.pk).exists()
    ):
        raise DomainError(_("Kies een collega van het team van dit account, of een manager."), field="reviewer")
    if planned_at <= now:
        raise DomainError(_("Kies een moment in de toekomst, bijvoorbeeld morgen om 10:00."), field="planned_at")


def post_submit(*, actor, account, text, planned_at, reviewer, checked_against=(), checked_points="", now=None):
    """Submit a draft post for an organisation account to a second person."""
    now = now or timezone.now()
    _validate(actor, account, reviewer, planned_at, now)
    with transaction.atomic():
        post = PostReview.objects.create(
            account=account,
            text=text,
            planned_at=planned_at,
            checked_points=checked_points,
            author=actor,
            reviewer=reviewer,
        )
        post.checked_against.set(checked_against)
        PostReviewEvent.objects.create(post=post, old_status="", new_status=Status.SUBMITTED, actor=actor)
        audit_log(actor=actor, action=AuditEvent.Action.CREATE, target=post, detail="post submitted for review")
    return post


def _transition(*, post, actor, new_status, allowed, note="", apply=None):
    """The one way a post changes status: lock, check, save, event, audit."""
    with transaction.atomic():
        locked = PostReview.objects.select_for_update().get(pk=post.pk)
        old = locked.status
        ensure_allowed(ALLOWED_TRANSITIONS, old, new_status, LABELS)
        if not allowed(actor, locked):
            raise DomainError(_("Je mag deze stap niet zetten."))
        fields = ["status"]
        if apply is not None:
            fields += apply(locked)
        locked.status = new_status
        locked.save(update_fields=fields)
        PostReviewEvent.objects.create(post=locked, old_status=old, new_status=new_status, actor=actor, comment=note)
        audit_log(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            target=locked,
            organisation=locked.account.organisation_id,
            detail=f"post {old} -> {new_status}",
        )
        notification_resolve(target=locked, kind=Kind.POST_APPROVAL_WAITING)
    post.refresh_from_db()
    return locked


def _decide(locked, note):
    if timezone.now() >= locked.planned_at:
        raise DomainError(_("Het geplande moment is voorbij: dit bericht is verlopen."))
    locked.decided_at, locked.note = timezone.now(), note
    return ["decided_at", "note"]


def post_approve(*, actor, post, note=""):
    """The second person approves the post (never their own) before its planned time."""
    return _transition(
        post=post, actor=actor, new_status=Status.APPROVED, allowed=can_decide_post, note=note,
        apply=lambda locked: _decide(locked, note),
    )  # fmt: skip


def post_send_back(*, actor, post, note):
    """The second person sends the post back with a note."""
    if not note.strip():
        raise DomainError(_("Schrijf erbij wat er anders moet."), field="note")
    return _transition(
        post=post, actor=actor, new_status=Status.SENT_BACK, allowed=can_decide_post, note=note,
        apply=lambda locked: _decide(locked, note),
    )  # fmt: skip


def post_resubmit(*, actor, post, text, planned_at, checked_points=""):
    """The author changes a sent-back post and submits it again."""
    if planned_at <= timezone.now():
        raise DomainError(_("Kies een moment in de toekomst, bijvoorbeeld morgen om 10:00."), field="planned_at")

    def apply(locked):
        locked.text, locked.planned_at, locked.checked_points = text, planned_at, checked_points
        locked.note, locked.decided_at = "", None
        return ["text", "planned_at", "checked_points", "note", "decided_at"]

    return _transition(
        post=post, actor=actor, new_status=Status.SUBMITTED, allowed=lambda user, p: user.pk == p.author_id,
        apply=apply,
    )  # fmt: skip


def post_expire(*, post, now=None):
    """Not approved by its planned time: the post expires and both people hear so."""
    now = now or timezone.now()
    locked = _transition(
        post=post, actor=None, new_status=Status.EXPIRED, allowed=lambda user, p: p.planned_at <= now,
    )  # fmt: skip
    for person in (locked.author, locked.reviewer):
        notification_schedule(
            recipient=person,
            kind=Kind.POST_EXPIRED,
            target=locked,
            link=reverse("policy:post_detail", args=[locked.pk]),
        )
    return locked
