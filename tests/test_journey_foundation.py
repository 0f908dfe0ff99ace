"""The first steps people take: a youth worker logs in, reads Dutch, switches to English;
a team lead without MFA is sent to enrolment and enrols. Screenshots land in artifacts/screenshots/."""

import re

import pytest

from accounts.models import Membership
from accounts.tests.factories import TEST_PASSWORD, make_member, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_worker(team_a):
    return make_member(
        team_a, Membership.Role.YOUTH_WORKER, full_name="Sam de Vries", email="jongerenwerker@example.org"
    )


def test_youth_worker_logs_in_reads_dutch_and_switches_to_english(browser_page, browser_login, demo_worker):
    page = browser_page
    page.goto("/")
    assert "/account/login/" in page.url
    assert page.locator("h1").inner_text() == "Inloggen"
    page.shot("01-login")

    browser_login(page, demo_worker)
    assert page.locator("h1").first.inner_text() == "Hoi Sam"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Jouw teams en rollen" in page.content()
    page.shot("02-home-nl")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Hi Sam"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Your teams and roles" in page.content()
    page.shot("03-home-en")
    demo_worker.refresh_from_db()
    assert demo_worker.language == "en"


def test_home_page_fits_a_375_pixel_phone(browser_page, browser_login, demo_worker):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    browser_login(page, demo_worker)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".navbar-toggler").is_visible()
    page.shot("01-home-375")
    page.locator(".navbar-toggler").click()
    page.get_by_role("link", name=re.compile("Mijn teams")).wait_for()
    page.shot("02-menu-375")


def test_team_lead_without_mfa_is_sent_to_enrolment_and_enrols(browser_page, team_a):
    lead = make_member(team_a, Membership.Role.TEAM_LEAD, mfa=False, full_name="Mila Jansen", email="tl@example.org")
    page = browser_page
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.goto("/account/login/")
    page.fill("input[name=login]", lead.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    # allauth asks for the password once more before MFA can be set up (its reauthentication rule).
    assert "/account/reauthenticate/" in page.url
    assert "Stel eerst tweestapsverificatie in" in page.content()
    page.shot("01-confirm-password")
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/account/2fa/totp/activate" in page.url
    qr = page.locator("img.mfa-qr")
    assert qr.is_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the QR code renders under the CSP (data: image)
    page.shot("02-mfa-enrolment")

    # Every other page sends back to enrolment until it is done.
    page.goto("/mijn-teams/")
    assert "/account/2fa/totp/activate" in page.url

    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.shot("03-after-activation")
    page.goto("/")
    assert page.locator("h1").first.inner_text() == "Hoi Mila"
    page.shot("04-home")
    assert not [error for error in console_errors if "Content Security Policy" in error]
