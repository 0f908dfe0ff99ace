import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_logs_in_with_totp_and_sees_home(browser_page, browser_login, lead):
    browser_login(browser_page, lead)
    browser_page.shot("home")
    assert browser_page.locator("h1").first.inner_text().startswith("Hoi")
    assert "Team A" in browser_page.content()
