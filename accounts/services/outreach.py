"""Every change to target groups, usage, personas, platforms and platform accounts."""

import calendar
import datetime
import re

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Persona, Platform, PlatformAccount, PlatformAccountEvent, PlatformUsage, TargetGroup
from accounts.permissions.outreach import (
    can_activate_account,
    can_archive_account,
    can_confirm_review,
    can_decide_request,
    can_edit_target_groups,
    can_hand_over_account,
    can_maintain_account,
    can_manage_platforms,
    can_request_account,
)
from accounts.selectors.people import team_members
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from jongerenwerk.transitions import ensure_allowed
from notifications.kinds import Kind
from notifications.services import notification_resolve, notification_schedule

Status = PlatformAccount.Status
Action = AuditEvent.Action

ALLOWED_TRANSITIONS = {
    Status.REQUESTED: {Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.ACTIVE, Status.ARCHIVED},
    Status.ACTIVE: {Status.IN_REVIEW, Status.ARCHIVED},
    Status.IN_REVIEW: {Status.ACTIVE, Status.ARCHIVED},
    Status.REJECTED: set(),
    Status.ARCHIVED: set(),
}
REQUEST_WAITING_DAYS = 3
REVIEW_OVERDUE_DAYS = 14

# What a password or token looks like: "wachtwoord: ..." / "token=..." or one long word mixing kinds of characters.
_SECRET_LABEL = re.compile(r"(wachtwoord|password|passwd|pwd|pw|ww|pin|token|secret|geheim|api[-_ ]?key)\s*[:=]", re.I)
_PASSWORD_MANAGERS = {"1password", "bitwarden", "keepass", "keepassxc", "lastpass", "dashlane", "nordpass"}


def _add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def looks_like_secret(value):
    """Whether a credentials *location* looks like it holds the password or token itself."""
    if _SECRET_LABEL.search(value):
        return True
    for word in value.split():
        word = word.strip(".,;:()[]\"'")
        if word.lower() in _PASSWORD_MANAGERS or len(word) < 8 or "/" in word:
            continue
        kinds = sum(
            [
                any(c.islower() for c in word),
                any(c.isupper() for c in word),
                any(c.isdigit() for c in word),
                any(not c.isalnum() for c in word),
            ]
        )
        if any(c.isdigit() for c in word) and kinds >= 3 or len(word) >= 20 and kinds >= 2:
            return True
    return False


def _check_credentials_location(value):
    if value and looks_like_secret(value):
        raise DomainError(
            _(
                "Dit lijkt op een wachtwoord of code. Sla nooit het wachtwoord zelf op: noteer alleen wáár het "
                "bewaard wordt, bijvoorbeeld ‘wachtwoordmanager, kluis Team Noord’."
            ),
            field="credentials_location",
        )


# Target groups, usage and personas ----------------------------------------------------------------------


def _duplicate_group():
    return DomainError(_("Dit team heeft al een doelgroep met deze naam. Kies een andere naam."), field="name")


def target_group_create(*, actor, team, data):
    """Describe a new target group for a team (team leads)."""
    if not can_edit_target_groups(actor, team.pk):
        raise DomainError(_("Alleen de teamleider van dit team kan doelgroepen toevoegen."), field="team")
    if TargetGroup.objects.filter(team=team, name__iexact=data["name"]).exists():
        raise _duplicate_group()
    try:
        with transaction.atomic():
            target_group = TargetGroup.objects.create(team=team, **data)
    except IntegrityError:
        # A double submit: the first one created it.
        raise _duplicate_group() from None
    audit_log(actor=actor, action=Action.CREATE, target=target_group, detail="target group created")
    return target_group


def target_group_update(*, actor, target_group, data):
    """Change a target group's description."""
    duplicate = TargetGroup.objects.filter(team=target_group.team, name__iexact=data["name"]).exclude(
        pk=target_group.pk
    )
    if duplicate.exists():
        raise _duplicate_group()
    for field, value in data.items():
        setattr(target_group, field, value)
    target_group.save(update_fields=[*data, "updated_at"])
    audit_log(actor=actor, action=Action.CHANGE, target=target_group, detail="target group changed")
    return target_group


def target_group_set_archived(*, actor, target_group, archived):
    """Archive a target group (history stays) or make it active again."""
    target_group.is_archived = archived
    target_group.save(update_fields=["is_archived", "updated_at"])
    audit_log(
        actor=actor,
        action=Action.CHANGE,
        target=target_group,
        detail="target group archived" if archived else "target group restored",
    )
    return target_group


def platform_usage_save(*, actor, target_group, platform, frequency, communication_forms, team_activity):
    """Record how a target group uses one platform and what the team does there."""
    usage, _created = PlatformUsage.objects.update_or_create(
        target_group=target_group,
        platform=platform,
        defaults={
            "frequency": frequency,
            "communication_forms": list(communication_forms),
            "team_activity": team_activity,
        },
    )
    audit_log(actor=actor, action=Action.CHANGE, target=usage, detail="platform usage saved")
    return usage


def persona_save(*, actor, target_group, data, preferred_platforms, persona=None):
    """Create or change a persona (a fictional representative) of a target group."""
    if persona is None:
        persona = Persona(target_group=target_group)
    for field, value in data.items():
        setattr(persona, field, value)
    created = persona.pk is None
    persona.save()
    persona.preferred_platforms.set(preferred_platforms)
    audit_log(
        actor=actor,
        action=Action.CREATE if created else Action.CHANGE,
        target=persona,
        detail="persona saved",
    )
    return persona


def persona_delete(*, actor, persona):
    """Remove a persona."""
    audit_log(actor=actor, action=Action.DELETE, target=persona, detail="persona deleted")
    persona.delete()


# Platforms ---------------------------------------------------------------------------------------


def platform_create(*, actor, name, handle_pattern="", url_domains="", handle_example=""):
    """Add a platform to the organisation's own catalogue (administrators)."""
    if not can_manage_platforms(actor):
        raise DomainError(_("Alleen een beheerder kan platforms toevoegen."))
    if handle_pattern:
        try:
            re.compile(handle_pattern)
        except re.error:
            raise DomainError(
                _("Deze regel is geen geldige reguliere expressie. Bijvoorbeeld: [a-z0-9._]{1,30}"),
                field="handle_pattern",
            ) from None
    if Platform.objects.in_use_for(actor.organisation_id).filter(name__iexact=name).exists():
        raise DomainError(_("Dit platform staat al in de lijst."), field="name")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:70] or "platform"
    taken = Platform.objects.visible_to(actor).filter(slug__startswith=slug).values_list("slug", flat=True)
    unique_slug, counter = slug, 2
    while unique_slug in set(taken):
        unique_slug, counter = f"{slug}-{counter}", counter + 1
    platform = Platform.objects.create(
        organisation_id=actor.organisation_id,
        name=name,
        slug=unique_slug,
        handle_pattern=handle_pattern,
        url_domains=url_domains,
        handle_example=handle_example,
    )
    audit_log(actor=actor, action=Action.CREATE, target=platform, detail="platform added")
    return platform


def platform_set_retired(*, actor, platform, retired):
    """Retire a platform for the organisation (no new accounts or usage; history stays), or bring it back."""
    if not can_manage_platforms(actor):
        raise DomainError(_("Alleen een beheerder kan platforms uit gebruik nemen."))
    if platform.organisation_id == actor.organisation_id:
        platform.is_active = not retired
        platform.save(update_fields=["is_active"])
    elif retired:
        platform.retired_for.add(actor.organisation_id)
    else:
        platform.retired_for.remove(actor.organisation_id)
    audit_log(
        actor=actor,
        action=Action.CHANGE,
        target=platform,
        detail="platform retired" if retired else "platform restored",
    )
    return platform


# Platform accounts --------------------------------------------------------------------------------


def _validated_handle(*, platform, handle, organisation_id, exclude_pk=None):
    normalised = platform.normalise_handle(handle)
    if not platform.handle_is_valid(normalised):
        example = platform.handle_example or "naam"
        raise DomainError(
            _("Dit is geen geldige accountnaam voor %(platform)s. Bijvoorbeeld: %(example)s")
            % {"platform": platform.name, "example": example},
            field="handle",
        )
    duplicates = PlatformAccount.objects.filter(
        organisation_id=organisation_id, platform=platform, handle_normalised=normalised
    ).exclude(status__in=PlatformAccount.CLOSED_STATUSES)
    if exclude_pk:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise DomainError(_duplicate_message(platform, normalised), field="handle")
    return normalised


def _duplicate_message(platform, normalised):
    return _(
        "%(platform)s-account ‘%(handle)s’ staat al in het register van je organisatie. Eén account komt er "
        "maar één keer in: vraag je teamleider wie het beheert."
    ) % {"platform": platform.name, "handle": normalised}


def _display_handle(typed, normalised):
    """A profile URL is shown as its handle ("@name"); a typed handle is kept as the person wrote it."""
    typed = typed.strip()
    if "/" not in typed:
        return typed
    if normalised.startswith(("+", "in/", "company/")) or normalised[:1].isdigit():
        return normalised
    return f"@{normalised}"


def _event(account, *, actor, action=PlatformAccountEvent.Action.TRANSITION, old="", new="", reason=""):
    return PlatformAccountEvent.objects.create(
        account=account, actor=actor, action=action, old_status=old, new_status=new or old, reason=reason
    )


def _account_link(account):
    return reverse("accounts:account_detail", args=[account.pk])


def platform_account_request(*, actor, team, platform, handle, kind, target_groups, purpose, working_hours,
                             credentials_location):  # fmt: skip
    """A youth worker or team lead asks for an account in their team; they become its owner."""
    if not can_request_account(actor, team.pk):
        raise DomainError(_("Je kunt alleen een account aanvragen in een team waar je in werkt."), field="team")
    if not Platform.objects.in_use_for(actor.organisation_id).filter(pk=platform.pk).exists():
        raise DomainError(_("Dit platform is niet meer in gebruik. Kies een ander platform."), field="platform")
    if any(group.team_id != team.pk for group in target_groups):
        raise DomainError(_("Kies doelgroepen van het team van dit account."), field="target_groups")
    _check_credentials_location(credentials_location)
    normalised = _validated_handle(platform=platform, handle=handle, organisation_id=team.organisation_id)
    try:
        with transaction.atomic():
            account = PlatformAccount.objects.create(
                organisation_id=team.organisation_id,
                team=team,
                platform=platform,
                handle=_display_handle(handle, normalised),
                handle_normalised=normalised,
                kind=kind,
                owner=actor,
                requested_by=actor,
                purpose=purpose,
                working_hours=working_hours,
                credentials_location=credentials_location,
                status_changed_at=timezone.now(),
            )
    except IntegrityError:
        # Two requests for the same handle at the same moment: the constraint lets one through.
        raise DomainError(_duplicate_message(platform, normalised), field="handle") from None
    account.target_groups.set(target_groups)
    _event(account, actor=actor, new=Status.REQUESTED)
    audit_log(actor=actor, action=Action.CREATE, target=account, detail="platform account requested")
    return account


def platform_account_update(*, actor, account, target_groups, purpose, working_hours, credentials_location):
    """The owner (or team lead) keeps the account's purpose, hours, target groups and credentials place current."""
    if not can_maintain_account(actor, account):
        raise DomainError(_("Alleen de eigenaar of de teamleider kan dit account bijwerken."))
    if any(group.team_id != account.team_id for group in target_groups):
        raise DomainError(_("Kies doelgroepen van het team van dit account."), field="target_groups")
    _check_credentials_location(credentials_location)
    with transaction.atomic():
        account.purpose, account.working_hours = purpose, working_hours
        account.credentials_location = credentials_location
        account.save(update_fields=["purpose", "working_hours", "credentials_location", "updated_at"])
        account.target_groups.set(target_groups)
        _event(account, actor=actor, action=PlatformAccountEvent.Action.CHANGED, old=account.status)
        audit_log(actor=actor, action=Action.CHANGE, target=account, detail="platform account changed")
    return account


def _transition(*, account, actor, new, allowed, reason="", extra=None, after=None):
    """The one way an account's status changes: locked, checked, saved, recorded, followed up."""
    with transaction.atomic():
        locked = PlatformAccount.objects.select_for_update().get(pk=account.pk)
        if actor is not None and not allowed(actor, locked):
            raise DomainError(_("Je mag deze stap voor dit account niet zetten."))
        ensure_allowed(ALLOWED_TRANSITIONS, locked.status, new, dict(Status.choices))
        old = locked.status
        locked.status, locked.status_changed_at = new, timezone.now()
        fields = ["status", "status_changed_at", "updated_at"]
        for field, value in (extra or {}).items():
            setattr(locked, field, value)
            fields.append(field)
        locked.save(update_fields=fields)
        _event(locked, actor=actor, old=old, new=new, reason=reason)
        if actor is not None:
            audit_log(actor=actor, action=Action.CHANGE, target=locked, detail=f"platform account {old} -> {new}")
        if after is not None:
            transaction.on_commit(lambda: after(locked))
    return locked


def _require_reason(reason, message):
    if not (reason or "").strip():
        raise DomainError(message, field="reason")
    return reason.strip()


def platform_account_approve(*, account, actor):
    """A team lead of the team, not the requester, approves the request."""
    return _transition(
        account=account,
        actor=actor,
        new=Status.APPROVED,
        allowed=can_decide_request,
        after=lambda acc: notification_resolve(target=acc, kind=Kind.ACCOUNT_APPROVAL_WAITING),
    )


def platform_account_reject(*, account, actor, reason):
    """A team lead of the team, not the requester, rejects the request with a reason."""
    reason = _require_reason(reason, _("Schrijf op waarom je de aanvraag afwijst, zodat de aanvrager het begrijpt."))
    return _transition(
        account=account,
        actor=actor,
        new=Status.REJECTED,
        allowed=can_decide_request,
        reason=reason,
        after=lambda acc: notification_resolve(target=acc, kind=Kind.ACCOUNT_APPROVAL_WAITING),
    )


def _next_review_on(account):
    months = account.organisation.account_review_interval_months or 6
    return _add_months(timezone.localdate(), months)


def platform_account_activate(*, account, actor):
    """The approved account is set up and in use; its first review is due after the organisation's interval."""
    return _transition(
        account=account,
        actor=actor,
        new=Status.ACTIVE,
        allowed=can_activate_account,
        extra={"review_due_on": _next_review_on(account)},
    )


def platform_account_review_start(*, account, actor=None):
    """The review is due: the account waits in review until its owner confirms it (actor None: the reminder task)."""
    return _transition(account=account, actor=actor, new=Status.IN_REVIEW, allowed=can_maintain_account)


def platform_account_review_confirm(*, account, actor):
    """The owner confirms the account is still used, fits the policy and has the right profile text."""

    def resolve(acc):
        notification_resolve(target=acc, kind=Kind.ACCOUNT_REVIEW_DUE)
        notification_resolve(target=acc, kind=Kind.ACCOUNT_REVIEW_OVERDUE)

    return _transition(
        account=account,
        actor=actor,
        new=Status.ACTIVE,
        allowed=can_confirm_review,
        reason=_("Gebruik, beleid en profieltekst gecontroleerd."),
        extra={"review_due_on": _next_review_on(account), "last_reviewed_at": timezone.now()},
        after=resolve,
    )


def platform_account_archive(*, account, actor, reason):
    """Close an account for good, with a reason; its history stays."""
    reason = _require_reason(reason, _("Schrijf op waarom dit account wordt gearchiveerd."))
    return _transition(
        account=account,
        actor=actor,
        new=Status.ARCHIVED,
        allowed=can_archive_account,
        reason=reason,
        extra={"handover_flagged_at": None},
        after=lambda acc: notification_resolve(target=acc),
    )


def platform_account_transfer(*, account, actor, new_owner):
    """The team lead hands the account to a colleague in the same team; a pending handover is done."""
    with transaction.atomic():
        locked = PlatformAccount.objects.select_for_update().get(pk=account.pk)
        if not can_hand_over_account(actor, locked) or locked.is_closed:
            raise DomainError(_("Alleen de teamleider kan een open account overdragen."))
        if not team_members(locked.team).filter(pk=new_owner.pk).exists() or new_owner.pk == locked.owner_id:
            raise DomainError(_("Kies een andere collega uit het team van dit account."), field="new_owner")
        locked.owner, locked.handover_flagged_at = new_owner, None
        locked.save(update_fields=["owner", "handover_flagged_at", "updated_at"])
        _event(locked, actor=actor, action=PlatformAccountEvent.Action.TRANSFERRED, old=locked.status)
        audit_log(actor=actor, action=Action.CHANGE, target=locked, detail="platform account transferred")
        transaction.on_commit(lambda: notification_resolve(target=locked, kind=Kind.ACCOUNT_HANDOVER))
    return locked


def platform_accounts_flag_for_handover(*, user, team=None, actor):
    """A member left (the team, or the organisation): flag their personal accounts and tell the team leads."""
    accounts = PlatformAccount.objects.filter(
        owner=user, kind=PlatformAccount.Kind.PERSONAL_BUSINESS, handover_flagged_at__isnull=True
    ).exclude(status__in=PlatformAccount.CLOSED_STATUSES)
    if team is not None:
        accounts = accounts.filter(team=team)
    flagged = []
    with transaction.atomic():
        for account in accounts.select_for_update().select_related("team"):
            account.handover_flagged_at = timezone.now()
            account.save(update_fields=["handover_flagged_at", "updated_at"])
            _event(account, actor=actor, action=PlatformAccountEvent.Action.HANDOVER_FLAGGED, old=account.status)
            audit_log(actor=actor, action=Action.CHANGE, target=account, detail="platform account handover flagged")
            flagged.append(account)
        transaction.on_commit(lambda: [_schedule_handover(account) for account in flagged])
    return flagged


# Reminders ----------------------------------------------------------------------------------------


def _leads(account):
    from accounts.models import Membership

    return team_members(account.team, Membership.Role.TEAM_LEAD)


def _schedule_review_due(account):
    key = f"review-{account.review_due_on or ''}"
    notification_schedule(
        recipient=account.owner, kind=Kind.ACCOUNT_REVIEW_DUE, target=account, link=_account_link(account), key=key
    )


def _schedule_handover(account):
    key = f"handover-{account.handover_flagged_at:%Y%m%d%H%M%S}"
    for lead in _leads(account):
        notification_schedule(
            recipient=lead, kind=Kind.ACCOUNT_HANDOVER, target=account, link=_account_link(account), key=key
        )


def platform_account_reminders_schedule(now=None):
    """Start due reviews and schedule every account reminder that is due; running it twice changes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"reviews_started": 0, "overdue": 0, "waiting": 0, "handovers": 0}
    for account in PlatformAccount.objects.filter(status=Status.ACTIVE, review_due_on__lte=today):
        platform_account_review_start(account=account)
        counts["reviews_started"] += 1
    for account in PlatformAccount.objects.filter(status=Status.IN_REVIEW).select_related("owner"):
        _schedule_review_due(account)
    overdue = PlatformAccount.objects.filter(
        status=Status.IN_REVIEW, review_due_on__lte=today - datetime.timedelta(days=REVIEW_OVERDUE_DAYS)
    ).select_related("owner", "team")
    for account in overdue:
        key = f"review-{account.review_due_on}"
        for recipient in {account.owner, *_leads(account)}:
            notification_schedule(
                recipient=recipient,
                kind=Kind.ACCOUNT_REVIEW_OVERDUE,
                target=account,
                link=_account_link(account),
                key=key,
            )
        counts["overdue"] += 1
    waiting = PlatformAccount.objects.filter(
        status=Status.REQUESTED, created_at__lte=now - datetime.timedelta(days=REQUEST_WAITING_DAYS)
    ).select_related("team")
    for account in waiting:
        for lead in _leads(account).exclude(pk=account.requested_by_id):
            notification_schedule(
                recipient=lead, kind=Kind.ACCOUNT_APPROVAL_WAITING, target=account, link=_account_link(account)
            )
        counts["waiting"] += 1
    flagged = PlatformAccount.objects.filter(handover_flagged_at__isnull=False).exclude(
        status__in=PlatformAccount.CLOSED_STATUSES
    )
    for account in flagged.select_related("team"):
        _schedule_handover(account)
        counts["handovers"] += 1
    return counts
