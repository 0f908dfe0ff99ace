"""allauth's own pages in the house style: Dutch, Bootstrap forms with labels, nothing blocked by the CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("01-mfa", "/account/2fa/"),
    ("02-recovery-codes", "/account/2fa/recovery-codes/generate/"),
    ("03-sessions", "/account/sessions/"),
    ("04-password-change", "/account/password/change/"),
    ("05-logout", "/account/logout/"),
]


def _watch_console(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_password_reset_page_is_dutch_and_labelled(browser_page):
    page = browser_page
    errors = _watch_console(page)
    page.goto("/account/password/reset/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("label[for=id_email]").count() == 1
    assert page.locator("input#id_email.form-control").count() == 1
    page.shot("01-password-reset")
    assert not errors


def test_account_pages_of_an_enrolled_team_lead(browser_page, browser_login, lead):
    page = browser_page
    errors = _watch_console(page)
    browser_login(page, lead)
    for name, url in PAGES:
        page.goto(url)
        assert page.locator("h1").count() >= 1, url
        assert page.locator('link[href*="bootstrap.min.css"]').count() == 1
        page.shot(name)
    assert not errors
