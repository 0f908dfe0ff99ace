"""allauth hooks: no public sign-up, login events in the audit log, MFA that cannot be switched off."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from audit.services import audit_log


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # People join only through an invitation from an administrator.
        return False

    def login(self, request, user):
        from accounts.middleware import LOGIN_AT_KEY

        super().login(request, user)
        # The 12-hour limit counts from this moment (accounts.middleware.SessionLimitsMiddleware).
        request.session[LOGIN_AT_KEY] = int(time.time())
        audit_log(actor=user, action=AuditEvent.Action.LOGIN, target=user, request=request)

    def authentication_failed(self, request, **credentials):
        super().authentication_failed(request, **credentials)
        # The typed email is not stored (it may be a mistyped someone else); the account it matches is.
        email = (credentials.get("email") or "").strip().lower()
        user = get_user_model().objects.filter(email=email).only("pk", "organisation_id").first()
        audit_log(
            actor=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            organisation=user.organisation_id if user else None,
            object_type="accounts.user" if user else "",
            object_id=str(user.pk) if user else "",
            request=request,
        )


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        from accounts.permissions import requires_mfa

        return not requires_mfa(authenticator.user)


def audit_failed_second_factor(sender, request, user, **kwargs):
    """A wrong TOTP or recovery code at login is a failed login too (allauth's signal is its only hook)."""
    if kwargs.get("reauthentication"):
        return
    audit_log(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        organisation=user.organisation_id,
        target=user,
        request=request,
        detail="second factor",
    )
