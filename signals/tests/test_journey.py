"""The issue's journey in the browser: from an acute report to an approved closing, all on the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from signals.models import FollowUpAction, Signal, SignalStep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_as(browser, live_server, browser_page, browser_login):
    """A separate, logged-in browser context per person (a TOTP code is used only once per login)."""
    contexts = []

    def open_page(user, name):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        folder = browser_page.shot("_").parent

        def shot(label):
            page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)

        page.shot = shot
        browser_login(page, user)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_acute_signal_from_report_to_approved_closing(
    browser_page, browser_login, open_as, worker, colleague, lead, officer, org
):
    from signals.services.signal import signal_categories_seed

    signal_categories_seed(org)
    today = timezone.localdate()

    # 1. The youth worker reports an acute signal and sees the emergency instructions.
    page = browser_page
    browser_login(page, worker)
    page.goto("/signalen/melden/")
    page.check("input[name=urgency][value=acute]")
    page.select_option("#id_category", label="Sexting / naaktfoto gedeeld zonder toestemming")
    page.fill("#id_facts", "In een groepschat gaat een naaktfoto rond van een meisje uit de wijk.")
    page.fill("#id_interpretation", "Ze weet het waarschijnlijk nog niet.")
    page.fill("#id_source", "verteld door een vriendin")
    page.select_option("#id_channel", "group_chat")
    page.fill("#id_pseudonym_1", "Merel")
    page.shot("1-report-form")
    page.get_by_role("button", name="Signaal melden").last.click()
    page.wait_for_url("**/acuut/")
    assert page.get_by_text("0800-2000").first.is_visible()
    assert page.get_by_role("link", name="112").is_visible()
    assert lead.full_name in page.content()
    page.shot("1-emergency-instructions")
    signal = Signal.objects.get()

    # 2. The team lead finds it at the top of the queue and assigns a handler.
    lead_page = open_as(lead, "lead")
    lead_page.goto("/signalen/wachtrij/")
    first_row = lead_page.locator("section[aria-labelledby=q-untriaged] tbody tr").first
    assert f"#{signal.pk}" in first_row.inner_text() and "acuut" in first_row.inner_text()
    lead_page.shot("2-queue")
    first_row.get_by_role("link").click()
    lead_page.get_by_role("link", name="Beoordelen").click()
    lead_page.select_option("#id_handler", label=colleague.full_name)
    lead_page.fill("#id_step_due_on", (today + timedelta(days=2)).isoformat())
    lead_page.get_by_role("button", name="Beoordelen en behandelaar toewijzen").click()
    lead_page.wait_for_url(f"**/signalen/{signal.pk}/")
    assert "beoordeeld" in lead_page.get_by_test_id("status").inner_text()

    # 3. The handler records steps 1-4.
    handler = open_as(colleague, "handler")
    handler.goto(f"/signalen/{signal.pk}/")
    handler.get_by_role("link", name="Stap 1: in kaart brengen").click()
    handler.fill("#id_facts", "De foto is in twee groepen gedeeld, sinds gisteravond.")
    handler.fill("#id_sources", "vriendin, eigen waarneming van de groepsnaam")
    handler.get_by_role("button", name="Vastleggen").click()
    handler.get_by_role("link", name="Stap 2: overleggen").click()
    handler.select_option("#id_consulted_with", "veilig_thuis")
    handler.fill("#id_advice", "Anoniem advies: eerst met het meisje praten, ouders betrekken.")
    handler.get_by_role("button", name="Vastleggen").click()
    handler.get_by_role("link", name="Stap 3: gesprek").click()
    handler.fill("#id_with_whom", "het meisje")
    handler.fill("#id_outcome", "Ze wist het niet; ze wil dat de foto verwijderd wordt.")
    handler.get_by_role("button", name="Vastleggen").click()
    handler.get_by_role("link", name="Stap 4: afwegingskader").click()
    for number, answer in ((1, "yes"), (2, "no"), (3, "yes"), (4, "yes"), (5, "yes")):
        handler.check(f"input[name=q{number}][value={answer}]")
        handler.fill(f"#id_q{number}_explanation", f"Toelichting bij vraag {number}.")
    handler.shot("3-afwegingskader")
    handler.get_by_role("button", name="Vastleggen").click()
    handler.wait_for_url(f"**/signalen/{signal.pk}/")
    assert SignalStep.objects.filter(signal=signal).count() == 4
    handler.shot("3-steps-recorded")

    # 4. An intervision session with the signal on its agenda agrees a course of action with two follow-up actions.
    lead_page.goto("/signalen/intervisie/nieuw/")
    lead_page.fill("#id_starts_at", (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    lead_page.fill("#id_place", "Buurthuis, kamer 2")
    lead_page.check(f"input[name=participants][value='{colleague.pk}']")
    lead_page.check(f"input[name=participants][value='{officer.pk}']")
    lead_page.check(f"input[name=signals][value='{signal.pk}']")
    lead_page.get_by_role("button", name="Plannen en uitnodigen").click()
    lead_page.get_by_role("link", name="Verslag van dit punt").click()
    lead_page.fill("#id_notes", "Besproken hoe de foto uit de groepen kan.")
    lead_page.fill("#id_considerations", "Geen acuut gevaar; wel schade en schaamte.")
    lead_page.fill("#id_course_of_action", "Melden bij het platform, gesprek met ouders, school informeren.")
    lead_page.get_by_role("button", name="Vastleggen").click()
    for description, owner in (("Foto melden bij het platform", colleague), ("Gesprek met ouders", officer)):
        lead_page.fill("input[name=description]", description)
        lead_page.select_option("select[name=owner]", label=owner.full_name)
        lead_page.fill("input[name=due_on]", (today + timedelta(days=3)).isoformat())
        lead_page.get_by_role("button", name="Actie toevoegen").click()
        lead_page.wait_for_load_state()
    lead_page.once("dialog", lambda dialog: dialog.accept())
    lead_page.get_by_role("button", name="Verslag vaststellen").click()
    lead_page.get_by_text("Verslag vastgesteld op").wait_for()
    lead_page.shot("4-intervision-minutes")
    assert FollowUpAction.objects.filter(signal=signal).count() == 2

    # 5. The handler records the decision and asks for closing.
    handler.goto(f"/signalen/{signal.pk}/")
    handler.get_by_role("link", name="Stap 5: beslissen").click()
    handler.check("#id_help_arranged")
    handler.fill("#id_help_what", "Gesprekken met het meisje en haar moeder.")
    handler.fill("#id_help_by", "Jongerenwerk en school")
    handler.check("#id_close_with_monitoring")
    handler.fill("#id_monitoring_agreements", "Over vier weken nagaan of de foto weg is.")
    handler.get_by_role("button", name="Vastleggen").click()
    handler.get_by_role("button", name="Sluiten aanvragen").click()
    handler.wait_for_url(f"**/signalen/{signal.pk}/")
    assert handler.get_by_role("button", name="Sluiten goedkeuren").count() == 0

    # 6. The safeguarding officer approves the closing.
    officer_page = open_as(officer, "officer")
    officer_page.goto(f"/signalen/{signal.pk}/")
    officer_page.get_by_role("button", name="Sluiten goedkeuren").click()
    officer_page.wait_for_url(f"**/signalen/{signal.pk}/")
    assert "gesloten" in officer_page.get_by_test_id("status").inner_text()

    # 7. The timeline shows all of it.
    timeline = officer_page.get_by_test_id("timeline").inner_text()
    for words in (
        "Gemeld",
        "beoordeeld",
        "Stap 1: in kaart brengen",
        "Stap 2: overleggen",
        "Stap 3: gesprek",
        "Stap 4: afwegingskader",
        "Besproken in intervisie",
        "Vervolgactie",
        "Sluiten aangevraagd",
        "gesloten",
        "bekeken",
    ):
        assert words in timeline, words
    officer_page.shot("7-timeline")
    signal.refresh_from_db()
    assert signal.status == Signal.Status.CLOSED
