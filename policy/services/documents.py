"""Documents and their versions: the version state machine, publishing, immutability."""

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from jongerenwerk.transitions import ensure_allowed
from notifications.kinds import Kind
from notifications.services import notification_resolve
from policy.models import PolicyDocument, PolicyVersion, PolicyVersionEvent
from policy.permissions import (
    can_confirm_fit,
    can_create_documents,
    can_publish_document,
    can_review_version,
    can_write_document,
)
from policy.selectors import current_version

Status = PolicyVersion.Status
ALLOWED_TRANSITIONS = {
    Status.DRAFT: (Status.IN_REVIEW,),
    Status.IN_REVIEW: (Status.DRAFT, Status.APPROVED),
    Status.APPROVED: (Status.DRAFT, Status.PUBLISHED),
    Status.PUBLISHED: (Status.SUPERSEDED,),
    Status.SUPERSEDED: (),
}
LABELS = dict(Status.choices)


def _validate_team(actor, team):
    if team is not None and team.organisation_id != actor.organisation_id:
        raise DomainError(_("Kies een team van je eigen organisatie."), field="team")


def document_create(*, actor, title, kind, team=None, owner=None, review_interval_months=12, must_fit=None):
    """Create a document; team leads only for their own team, managers for any (or the organisation)."""
    _validate_team(actor, team)
    document = PolicyDocument(
        organisation_id=actor.organisation_id,
        team=team,
        title=title,
        kind=kind,
        owner=owner or actor,
        review_interval_months=review_interval_months,
        must_fit=must_fit,
    )
    if not can_create_documents(actor) or not can_write_document(actor, document):
        raise DomainError(_("Je mag alleen beleid schrijven voor je eigen team."), field="team")
    if owner is not None and owner.organisation_id != actor.organisation_id:
        raise DomainError(_("Kies een eigenaar uit je eigen organisatie."), field="owner")
    if must_fit is not None and must_fit.organisation_id != actor.organisation_id:
        raise DomainError(_("Kies een document van je eigen organisatie."), field="must_fit")
    with transaction.atomic():
        if must_fit is not None:
            # Chosen knowingly: it fits the linked document as it stands today.
            document.fit_confirmed_version = current_version(must_fit)
        document.save()
        audit_log(actor=actor, action=AuditEvent.Action.CREATE, target=document, detail="policy document")
    return document


def document_update(*, actor, document, title, owner, review_interval_months, must_fit=None):
    """Change a document's title, owner, review interval and linked document (its versions stay as they are)."""
    if not can_write_document(actor, document):
        raise DomainError(_("Je mag dit document niet bewerken."))
    if owner.organisation_id != actor.organisation_id:
        raise DomainError(_("Kies een eigenaar uit je eigen organisatie."), field="owner")
    if must_fit is not None and (must_fit.organisation_id != actor.organisation_id or must_fit.pk == document.pk):
        raise DomainError(_("Kies een ander document van je eigen organisatie."), field="must_fit")
    with transaction.atomic():
        locked = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        fields = ["title", "owner", "review_interval_months", "must_fit"]
        if must_fit != locked.must_fit:
            locked.fit_confirmed_version = current_version(must_fit) if must_fit else None
            fields.append("fit_confirmed_version")
        locked.title, locked.owner, locked.must_fit = title, owner, must_fit
        locked.review_interval_months = review_interval_months
        locked.save(update_fields=fields)
        audit_log(actor=actor, action=AuditEvent.Action.CHANGE, target=locked, detail="policy document")
    return locked


def document_confirm_fit(*, actor, document, request=None):
    """The owner confirms the document still fits the current version of the document it must fit."""
    if not can_confirm_fit(actor, document):
        raise DomainError(_("Alleen de eigenaar kan dit bevestigen."))
    with transaction.atomic():
        locked = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        linked = current_version(locked.must_fit) if locked.must_fit_id else None
        if linked is None:
            raise DomainError(_("Dit document is niet gekoppeld aan gepubliceerd beleid."))
        locked.fit_confirmed_version = linked
        locked.save(update_fields=["fit_confirmed_version"])
        audit_log(actor=actor, action=AuditEvent.Action.CHANGE, target=locked, request=request, detail="fit confirmed")
    return locked


def version_create(*, actor, document, body, change_summary, on_call_lead=None, on_call_phone=""):
    """Start a new draft version: a new row with the next number; published versions stay as they are."""
    if not can_write_document(actor, document):
        raise DomainError(_("Je mag dit document niet bewerken."))
    _validate_on_call(document, on_call_lead)
    with transaction.atomic():
        PolicyDocument.objects.select_for_update().get(pk=document.pk)
        number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = PolicyVersion.objects.create(
            document=document,
            number=number,
            body=body,
            change_summary=change_summary,
            author=actor,
            on_call_lead=on_call_lead,
            on_call_phone=on_call_phone,
        )
        PolicyVersionEvent.objects.create(version=version, old_status="", new_status=Status.DRAFT, actor=actor)
    return version


def _validate_on_call(document, on_call_lead):
    if on_call_lead is None:
        return
    from accounts.selectors import roles_of

    team_ok = document.team_id is None or roles_of(on_call_lead, document.team_id)
    if on_call_lead.organisation_id != document.organisation_id or not team_ok:
        raise DomainError(_("Kies als dienstdoende iemand van dit team."), field="on_call_lead")


def version_update(*, actor, version, body, change_summary, on_call_lead=None, on_call_phone=""):
    """Change a version's text; published and superseded versions are refused, one under review goes back to draft."""
    _validate_on_call(version.document, on_call_lead)

    def apply(locked):
        locked.body, locked.change_summary = body, change_summary
        locked.on_call_lead, locked.on_call_phone, locked.reviewed_by = on_call_lead, on_call_phone, None
        return ["body", "change_summary", "on_call_lead", "on_call_phone", "reviewed_by"]

    with transaction.atomic():
        PolicyDocument.objects.select_for_update().get(pk=version.document_id)
        locked = PolicyVersion.objects.select_related("document").select_for_update(of=("self",)).get(pk=version.pk)
        if locked.is_frozen:
            raise DomainError(_("Een gepubliceerde of vervallen versie verandert nooit. Maak een nieuwe versie."))
        if not can_write_document(actor, locked.document):
            raise DomainError(_("Je mag dit document niet bewerken."))
        if locked.status == Status.DRAFT:
            locked.save(update_fields=[*apply(locked), "updated_at"])
            return locked
        # An edit during review sends the version back to the start: the review was of other words.
        return _transition(
            version=locked,
            actor=actor,
            new_status=Status.DRAFT,
            allowed=lambda user, v: can_write_document(user, v.document),
            comment=_("Bewerkt tijdens review"),
            apply=apply,
        )


def _transition(*, version, actor, new_status, allowed, comment="", request=None, apply=None):
    """The one way a version changes status: lock, check the table and the capability, save, event, audit."""
    with transaction.atomic():
        # Lock the document first: every transition of one document is serialised (two publishers queue here).
        document = PolicyDocument.objects.select_for_update().get(pk=version.document_id)
        locked = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        locked.document = document
        old = locked.status
        ensure_allowed(ALLOWED_TRANSITIONS, old, new_status, LABELS)
        if not allowed(actor, locked):
            raise DomainError(_("Je mag deze stap niet zetten."))
        fields = ["status", "updated_at"]
        if apply is not None:
            fields += apply(locked)
        locked.status = new_status
        locked.save(update_fields=fields)
        PolicyVersionEvent.objects.create(
            version=locked, old_status=old, new_status=new_status, actor=actor, comment=comment
        )
        audit_log(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            target=locked,
            organisation=document.organisation_id,
            request=request,
            detail=f"policy version {old} -> {new_status}",
        )
    version.refresh_from_db()
    return locked


def version_submit(*, actor, version, request=None):
    """Ask for review: the version goes from draft to in review."""

    def apply(locked):
        locked.submitted_at = timezone.now()
        return ["submitted_at"]

    return _transition(
        version=version,
        actor=actor,
        new_status=Status.IN_REVIEW,
        allowed=lambda user, v: can_write_document(user, v.document),
        request=request,
        apply=apply,
    )


def version_approve(*, actor, version, comment="", request=None):
    """A reviewer other than the author approves the version, so it can be published."""

    def apply(locked):
        locked.reviewed_by = actor
        notification_resolve(target=locked, kind=Kind.POLICY_REVIEW_WAITING)
        return ["reviewed_by"]

    return _transition(
        version=version,
        actor=actor,
        new_status=Status.APPROVED,
        allowed=can_review_version,
        comment=comment,
        request=request,
        apply=apply,
    )


def version_send_back(*, actor, version, comment, request=None):
    """A reviewer sends the version back to draft with comments for the author."""
    if not comment.strip():
        raise DomainError(_("Schrijf erbij wat er anders moet, zodat de auteur verder kan."), field="comment")

    def apply(locked):
        notification_resolve(target=locked, kind=Kind.POLICY_REVIEW_WAITING)
        return []

    return _transition(
        version=version,
        actor=actor,
        new_status=Status.DRAFT,
        allowed=lambda user, v: v.status == Status.IN_REVIEW and can_review_version(user, v),
        comment=comment,
        request=request,
        apply=apply,
    )


def _supersede_current(locked, actor):
    """Retire the version that is published now: a new publication replaces it."""
    for previous in PolicyVersion.objects.select_for_update().filter(
        document_id=locked.document_id, status=Status.PUBLISHED
    ):
        previous.status = Status.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        PolicyVersionEvent.objects.create(
            version=previous, old_status=Status.PUBLISHED, new_status=Status.SUPERSEDED, actor=actor,
            comment=_("Vervangen door versie %(number)s") % {"number": locked.number},
        )  # fmt: skip


def version_publish(*, actor, version, request=None):
    """Publish an approved version; the previous one is superseded in the same transaction."""
    now = timezone.now()

    def apply(locked):
        _supersede_current(locked, actor)
        locked.published_at, locked.published_by = now, actor
        document = locked.document
        document.next_review_on = timezone.localdate(now) + relativedelta(months=document.review_interval_months)
        document.save(update_fields=["next_review_on"])
        notification_resolve(target=document, kind=Kind.POLICY_REVIEW_DUE)
        notification_resolve(target=document, kind=Kind.POLICY_REVIEW_OVERDUE)
        return ["published_at", "published_by"]

    return _transition(
        version=version,
        actor=actor,
        new_status=Status.PUBLISHED,
        allowed=lambda user, v: can_publish_document(user, v.document),
        request=request,
        apply=apply,
    )
