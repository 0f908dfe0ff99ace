"""On a 375 px phone: a lead reopens a signal, hands it to another handler and corrects the report; an
administrator sets the deadlines and adds a category. Nothing is wider than the screen; CSP stays quiet."""

import pytest

from signals.models import Signal, SignalCategory, SignalSettings
from signals.tests.factories import make_signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def phone(browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return page


def test_lead_reopens_hands_over_and_corrects_on_a_phone(phone, browser_login, team_a, worker, colleague, lead):
    page = phone
    signal = make_signal(team_a, worker, status=Signal.Status.CLOSED, handler=colleague)
    browser_login(page, lead)
    page.goto(f"/signalen/{signal.pk}/")
    page.get_by_role("link", name="Heropenen").click()
    _fits(page)
    page.get_by_role("button", name="Heropenen").click()
    assert "Schrijf op waarom je het signaal heropent" in page.locator(".invalid-feedback").first.inner_text()
    page.shot("01-reopen-empty-reason-375")
    page.get_by_label("Waarom heropen je dit signaal?").fill("Nieuwe berichten in dezelfde groep.")
    page.get_by_role("button", name="Heropenen").click()
    assert "Nieuwe berichten in dezelfde groep." in page.get_by_test_id("timeline").inner_text()
    _fits(page)

    page.get_by_role("link", name="Behandelaar wijzigen").click()
    _fits(page)
    page.get_by_label("Nieuwe behandelaar").select_option(label=worker.full_name)
    page.get_by_role("button", name="Behandelaar wijzigen").click()
    assert "Behandelaar: Chris Collega → Wessel Werker" in page.get_by_test_id("timeline").inner_text()

    page.get_by_role("link", name="Melding corrigeren").click()
    _fits(page)
    page.get_by_label("hoog").check()
    page.get_by_label("Waarom corrigeer je de melding?").fill("Na overleg hoger ingeschat.")
    page.get_by_role("button", name="Correctie opslaan").click()
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "urgentie: normaal → hoog" in timeline and "Na overleg hoger ingeschat." in timeline
    _fits(page)
    page.shot("02-signal-after-changes-375")
    signal.refresh_from_db()
    assert (signal.status, signal.handler, signal.urgency) == (Signal.Status.REOPENED, worker, "high")
    assert not [error for error in page.console_errors if "Content Security Policy" in error]


def test_administrator_sets_deadlines_and_adds_a_category_on_a_phone(phone, browser_login, org, administrator):
    page = phone
    browser_login(page, administrator)
    page.goto("/signalen/instellingen/")
    _fits(page)
    page.shot("03-settings-375")
    page.locator("#id_high").fill("4")
    page.get_by_role("button", name="Termijnen opslaan").click()
    assert "De reactietermijnen zijn opgeslagen." in page.content()
    assert SignalSettings.objects.get(organisation=org).high_minutes == 240
    page.get_by_label("Naam van de categorie").fill("Gokken")
    page.get_by_role("button", name="Categorie toevoegen").click()
    assert "Categorie ‘Gokken’ toegevoegd." in page.content()
    assert SignalCategory.objects.filter(organisation=org, name="Gokken", is_active=True).exists()
    _fits(page)
    page.shot("04-settings-after-375")
    assert not [error for error in page.console_errors if "Content Security Policy" in error]
