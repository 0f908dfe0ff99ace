"""Factories behind the cast in the root conftest. People always get an explicit team."""

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import Membership, Organisation, Team, User

TEST_PASSWORD = "een-lang-test-wachtwoord-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def enrol_mfa(user):
    """Give a person a TOTP authenticator; returns the secret so a test can make codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def make_member(team, role, *, mfa=None, **user_fields):
    """A person in `team` with `role`; people whose role needs MFA are enrolled unless mfa=False."""
    user = UserFactory(organisation=team.organisation, **user_fields)
    Membership.objects.create(user=user, team=team, role=role)
    if mfa is None:
        mfa = role not in (Membership.Role.YOUTH_WORKER,)
    if mfa:
        # Kept on the instance so browser tests can type a code at login.
        user.totp_secret = enrol_mfa(user)
    return user


def totp_code(secret):
    """The current TOTP code for a secret, as an authenticator app would show it.

    allauth accepts only the current period's code, so a code taken in the last seconds of its
    period could be checked in the next one: wait for a fresh period instead.
    """
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
