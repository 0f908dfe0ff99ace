"""Session limits, the person's language, MFA enforcement and no caching of personal pages."""

import time

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.usersessions.middleware import UserSessionsMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts.permissions import requires_mfa

LOGIN_AT_KEY = "jw_login_at"
RENEWED_AT_KEY = "jw_renewed_at"
# A session is written (its idle expiry pushed back 30 minutes) and its activity recorded at most this often:
# a person idle for 30 minutes is logged out 29 to 30 minutes after their last request.
RENEW_SECONDS = 60
MFA_OK_KEY = "jw_mfa_ok"
# Pages a person who still has to enrol in MFA may open: login, logout, MFA itself, static files.
MFA_EXEMPT_PREFIXES = ("/account/", "/static/", "/taal/")


class SessionLimitsMiddleware:
    """End a session 12 hours after login, however active it was; renew its idle expiry once a minute.

    Idle expiry is the cookie age counted from the session's last save. Instead of saving the session on
    every request (SESSION_SAVE_EVERY_REQUEST), it is saved when its last renewal is a minute old, and only
    then is the activity recorded (`request.session_renewed`, read by ThrottledUserSessionsMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session_renewed = False
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(LOGIN_AT_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_MAX_AGE.total_seconds():
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
            if now - request.session.get(RENEWED_AT_KEY, 0) >= RENEW_SECONDS:
                request.session[RENEWED_AT_KEY] = now
                request.session_renewed = True
        return self.get_response(request)


class ThrottledUserSessionsMiddleware(UserSessionsMiddleware):
    """allauth's session tracking (last seen, address, browser), written when the session is renewed."""

    def __call__(self, request):
        if getattr(request, "session_renewed", False):
            return super().__call__(request)
        return self.get_response(request)


class UserLanguageMiddleware:
    """Dutch unless the person chose otherwise: their saved choice, else the switch's cookie.

    The browser's Accept-Language is ignored on purpose: many Dutch youth workers have a phone
    set to English, and the product is Dutch first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.user.language:
            language = request.user.language
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)


class MfaRequiredMiddleware:
    """Send team leads, safeguarding officers, managers and administrators to MFA enrolment until they enrol."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.session.get(MFA_OK_KEY)
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and requires_mfa(user)
        ):
            if not get_mfa_adapter().is_mfa_enabled(user):
                messages.warning(
                    request,
                    _("Jouw rol werkt met gegevens over jongeren. Stel eerst tweestapsverificatie in."),
                )
                return redirect("mfa_activate_totp")
            request.session[MFA_OK_KEY] = True
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for a logged-in person are never kept in a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
