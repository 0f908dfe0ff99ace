"""The people the harness acts as, and logged-in sessions for them (MFA already passed, as after a real login)."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest

from accounts.middleware import LOGIN_AT_KEY, MFA_OK_KEY
from accounts.models import User
from bench.seeders.people import PERSONAS

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def load_personas():
    """The seeded worker, team lead, safeguarding officer and manager, by persona name."""
    users = {user.email: user for user in User.objects.filter(email__in=PERSONAS.values())}
    missing = [email for email in PERSONAS.values() if email not in users]
    if missing:
        raise RuntimeError(f"Not seeded (run seed_scale first): {', '.join(missing)}")
    return {name: users[email] for name, email in PERSONAS.items()}


def mark_logged_in(session):
    """What a completed login with the second factor leaves in the session."""
    session[MFA_OK_KEY] = True
    session[LOGIN_AT_KEY] = int(time.time())


def session_key_for(user):
    """A new server-side session for this person, as the login page would create; returns its key."""
    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    login(request, user, BACKEND)
    mark_logged_in(request.session)
    request.session.save()
    return request.session.session_key
