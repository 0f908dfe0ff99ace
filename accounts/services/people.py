"""Changes to people, teams, memberships and invitations. Every change is audited in its own transaction."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Invitation, Membership, Organisation, Team, User
from accounts.permissions import can_manage_organisation, require
from accounts.services.outreach import platform_accounts_flag_for_handover
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError

Action = AuditEvent.Action
Role = Membership.Role


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a person chose."""
    user.language = language
    user.save(update_fields=["language"])


# Teams ------------------------------------------------------------------------------------------


def _clean_team_name(name):
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Vul een naam voor het team in, bijvoorbeeld Team Noord."), field="name")
    return name


def team_create(*, actor: User, name: str, request=None) -> Team:
    """Create a team in the administrator's organisation."""
    require(can_manage_organisation(actor))
    name = _clean_team_name(name)
    try:
        with transaction.atomic():
            team = Team.objects.create(organisation_id=actor.organisation_id, name=name)
            audit_log(actor=actor, action=Action.CREATE, target=team, request=request)
    except IntegrityError:
        raise DomainError(_("Er is al een team met deze naam. Kies een andere naam."), field="name") from None
    return team


def team_rename(*, actor: User, team: Team, name: str, request=None) -> Team:
    """Give a team another name."""
    require(can_manage_organisation(actor) and team.organisation_id == actor.organisation_id)
    name = _clean_team_name(name)
    try:
        with transaction.atomic():
            team.name = name
            team.save(update_fields=["name"])
            audit_log(actor=actor, action=Action.CHANGE, target=team, request=request, detail="rename")
    except IntegrityError:
        raise DomainError(_("Er is al een team met deze naam. Kies een andere naam."), field="name") from None
    return team


# Memberships ------------------------------------------------------------------------------------


def _administrators_left(organisation_id, *, without_user_id=None, without_team_id=None):
    """How many active administrators the organisation keeps when one person (in one team) loses the role."""
    rows = Membership.objects.filter(
        team__organisation_id=organisation_id, role=Role.ADMINISTRATOR, user__is_active=True
    )
    if without_team_id is not None:
        rows = rows.exclude(user_id=without_user_id, team_id=without_team_id)
    elif without_user_id is not None:
        rows = rows.exclude(user_id=without_user_id)
    return rows.values("user_id").distinct().count()


def membership_set_roles(*, actor: User, member: User, team: Team, roles, request=None) -> set:
    """Give a person exactly these roles in one team (no roles: remove them from the team)."""
    org_id = actor.organisation_id
    require(can_manage_organisation(actor) and member.organisation_id == org_id and team.organisation_id == org_id)
    wanted = {Role(role) for role in roles}
    with transaction.atomic():
        # Lock the person, so two administrators changing the same roles do not both pass the check below.
        User.objects.select_for_update().get(pk=member.pk)
        current = set(Membership.objects.filter(user=member, team=team).values_list("role", flat=True))
        removed, added = current - wanted, wanted - current
        if Role.ADMINISTRATOR in removed and not _administrators_left(
            org_id, without_user_id=member.pk, without_team_id=team.pk
        ):
            raise DomainError(_("De organisatie heeft altijd minstens één beheerder nodig."), field="roles")
        Membership.objects.filter(user=member, team=team, role__in=removed).delete()
        Membership.objects.bulk_create([Membership(user=member, team=team, role=role) for role in sorted(added)])
        if removed or added:
            detail = f"team={team.pk} +{','.join(sorted(added))} -{','.join(sorted(removed))}"
            audit_log(actor=actor, action=Action.CHANGE, target=member, request=request, detail=detail)
        if current and not wanted:
            # They left the team: their personal accounts there need a handover or closure.
            platform_accounts_flag_for_handover(user=member, team=team, actor=actor)
    return wanted


def membership_remove(*, actor: User, member: User, team: Team, request=None) -> None:
    """Take a person out of one team (all their roles there)."""
    membership_set_roles(actor=actor, member=member, team=team, roles=(), request=request)


# Activation -------------------------------------------------------------------------------------


def _end_sessions(user):
    """End every session of this person at once (their next request meets the login page)."""
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()


def member_deactivate(*, actor: User, member: User, request=None) -> User:
    """Deactivate a person: they can no longer log in and their open sessions end now."""
    require(can_manage_organisation(actor) and member.organisation_id == actor.organisation_id)
    if member.pk == actor.pk:
        raise DomainError(_("Je kunt jezelf niet deactiveren. Vraag een andere beheerder."))
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if not member.is_active:
            return member
        if not _administrators_left(actor.organisation_id, without_user_id=member.pk):
            raise DomainError(_("De organisatie heeft altijd minstens één beheerder nodig."))
        member.is_active = False
        member.save(update_fields=["is_active"])
        audit_log(actor=actor, action=Action.CHANGE, target=member, request=request, detail="deactivate")
        _end_sessions(member)
        platform_accounts_flag_for_handover(user=member, actor=actor)
    return member


def member_reactivate(*, actor: User, member: User, request=None) -> User:
    """Let a deactivated person log in again."""
    require(can_manage_organisation(actor) and member.organisation_id == actor.organisation_id)
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if member.is_active:
            return member
        member.is_active = True
        member.save(update_fields=["is_active"])
        audit_log(actor=actor, action=Action.CHANGE, target=member, request=request, detail="reactivate")
    return member


# Invitations ------------------------------------------------------------------------------------


def _send_invitation_email(invitation_id):
    """The email holds no names, team or role: only that there is an invitation, and the link."""
    invitation = Invitation.objects.select_related("organisation").get(pk=invitation_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "url": settings.SITE_URL + reverse("accounts:invitation_accept", args=[invitation.token]),
            "days": settings.INVITATION_VALID_FOR.days,
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Je uitnodiging voor Jongerenwerk")
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def invitation_create(*, actor: User, team: Team, email: str, role: str, request=None) -> Invitation:
    """Invite an email address to one team in one role; an open earlier link for that address stops working."""
    require(can_manage_organisation(actor) and team.organisation_id == actor.organisation_id)
    email = User.objects.normalize_email((email or "").strip()).lower()
    role = Role(role)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.organisation_id == actor.organisation_id:
            message = _("Dit e-mailadres hoort al bij een lid van je organisatie. Voeg die persoon toe via Mensen.")
        else:
            message = _("Er bestaat al een account met dit e-mailadres. Gebruik een ander adres.")
        raise DomainError(message, field="email")
    now = timezone.now()
    with transaction.atomic():
        # One invitation at a time per organisation, so two administrators inviting the same address at
        # the same moment still leave exactly one working link.
        Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()
        Invitation.objects.filter(
            organisation_id=actor.organisation_id,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organisation_id=actor.organisation_id,
            team=team,
            email=email,
            role=role,
            invited_by=actor,
            created_at=now,
            expires_at=now + settings.INVITATION_VALID_FOR,
        )
        audit_log(actor=actor, action=Action.CREATE, target=invitation, request=request, detail=f"role={role}")
        # robust: a mail server that is down does not turn the saved invitation into an error page.
        transaction.on_commit(lambda: _send_invitation_email(invitation.pk), robust=True)
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation, request=None) -> Invitation:
    """Stop an open invitation link from working."""
    require(can_manage_organisation(actor) and invitation.organisation_id == actor.organisation_id)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is None and invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            audit_log(actor=actor, action=Action.CHANGE, target=invitation, request=request, detail="revoke")
    return invitation


def invitation_refusal(invitation, *, user=None):
    """Why this invitation link cannot be used (by this logged-in person), or None when it can."""
    if invitation is None:
        return _("Deze uitnodigingslink klopt niet. Controleer of je de hele link hebt gekopieerd.")
    if invitation.accepted_at is not None:
        return _("Deze uitnodiging is al gebruikt. Log in met je e-mailadres en wachtwoord.")
    if invitation.revoked_at is not None:
        return _("Deze uitnodiging is ingetrokken. Vraag je beheerder om een nieuwe uitnodiging.")
    if invitation.is_expired:
        return _("Deze uitnodiging is verlopen. Vraag je beheerder om een nieuwe uitnodiging.")
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email.lower():
        return _("Deze uitnodiging is voor een ander e-mailadres. Log eerst uit en open de link opnieuw.")
    if User.objects.filter(email__iexact=invitation.email).exists():
        return _("Er bestaat al een account met dit e-mailadres. Log in met je e-mailadres en wachtwoord.")
    return None


def invitation_accept(*, token: str, full_name: str, password: str, user=None, request=None) -> User:
    """Turn a usable invitation into an account with its membership; the link works only once."""
    full_name = (full_name or "").strip()
    if not full_name:
        raise DomainError(_("Vul je naam in, zoals je collega's je kennen."), field="full_name")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first()
        refusal = invitation_refusal(invitation, user=user)
        if refusal:
            raise DomainError(refusal)
        member = User(email=invitation.email, full_name=full_name, organisation_id=invitation.organisation_id)
        try:
            validate_password(password, user=member)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password1") from None
        member.set_password(password)
        member.save()
        Membership.objects.create(user=member, team_id=invitation.team_id, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = member
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_log(actor=member, action=Action.CREATE, target=invitation, request=request, detail="accept")
    return member
