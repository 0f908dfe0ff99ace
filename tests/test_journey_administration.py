"""An administrator adds a team, invites a colleague who joins through the link, and later deactivates them."""

import re

import pytest
from django.core import mail

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_invites_a_colleague_who_joins_and_is_deactivated(
    browser, browser_page, browser_login, live_server, administrator, team_a
):
    page = browser_page
    browser_login(page, administrator)
    page.get_by_role("link", name=re.compile("Beheer")).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Mensen"
    page.shot("01-people")

    page.get_by_role("link", name="Teams", exact=True).click()
    page.fill("input[name=name]", "Team Centrum")
    page.get_by_role("button", name="Team aanmaken").click()
    page.wait_for_load_state()
    assert "Team Centrum is aangemaakt" in page.content()
    page.shot("02-teams")

    page.get_by_role("link", name="Uitnodigingen", exact=True).click()
    page.fill("input[name=email]", "nina@example.org")
    page.select_option("select[name=team]", label="Team Centrum")
    page.select_option("select[name=role]", value="youth_worker")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_load_state()
    assert "nina@example.org" in page.locator("main").inner_text()
    page.shot("03-invitations")

    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("/uitnodiging/", 1)[1]
    newcomer = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    phone = newcomer.new_page()
    phone.goto(f"/uitnodiging/{path}")
    phone.fill("input[name=full_name]", "Nina Nieuw")
    phone.fill("input[name=password1]", "paars-fietspad-regen-42")
    phone.fill("input[name=password2]", "paars-fietspad-regen-42")
    phone.screenshot(path=str(page.shot("04-admin-after-invite").parent / "05-accept-375.png"), full_page=True)
    phone.get_by_role("button", name="Account maken en inloggen").click()
    phone.wait_for_load_state()
    assert phone.locator("h1").first.inner_text() == "Hoi Nina"

    nina = User.objects.get(email="nina@example.org")
    page.goto(f"/beheer/mensen/{nina.pk}/")
    assert "Team Centrum" in page.content()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Deactiveren").click()
    page.wait_for_load_state()
    assert "gedeactiveerd en overal uitgelogd" in page.content()
    page.shot("06-deactivated")

    phone.reload()
    assert "/account/login/" in phone.url
    newcomer.close()
