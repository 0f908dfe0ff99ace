import pytest
from django.utils import timezone

from policy.models import PolicyAcknowledgement, PolicyVersion
from policy.services.acknowledgements import acknowledgement_create
from policy.tests.factories import make_document, make_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = PolicyVersion.Status

V2 = (
    "# Socialemediabeleid\n\n## Accounts\n\n- Werk met een zakelijk persoonlijk account.\n\n"
    "## Hoe we online werken\n\nWe reageren positief."
)


def _context_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def test_manager_drafts_lead_approves_manager_publishes_worker_confirms(
    browser, live_server, browser_page, browser_login, org, manager, lead, worker
):
    document = make_document(org, owner=manager, title="Socialemediabeleid")
    make_version(document, author=manager, status=Status.SUPERSEDED, body="# Socialemediabeleid\n\nEerste versie.")
    v2 = make_version(document, author=manager, status=Status.PUBLISHED, body=V2, published_at=timezone.now())
    for person in (manager, lead, worker):
        acknowledgement_create(actor=person, version=v2)
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())
    folder = page.shot("00-start").parent

    # 1. The manager drafts version 3.
    browser_login(page, manager)
    page.goto(f"/beleid/{document.pk}/")
    page.get_by_role("link", name="Nieuwe versie").click()
    page.fill("textarea[name=body]", V2 + "\n\n## Heftige signalen\n\nMaak nooit een screenshot van een minderjarige.")
    page.fill("input[name=change_summary]", "Paragraaf over heftige signalen")
    page.shot("01-manager-drafts-version-3")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_role("button", name="Review vragen").click()
    page.wait_for_selector("text=De versie wacht nu op review")
    page.shot("02-version-3-in-review")
    v3 = document.versions.get(number=3)
    assert v3.status == Status.IN_REVIEW

    # 2. The team lead reviews and approves it.
    lead_page = _context_page(browser, live_server)
    browser_login(lead_page, lead)
    lead_page.goto(f"/beleid/versies/{v3.pk}/")
    lead_page.fill("textarea[name=comment]", "Helder, akkoord.")
    lead_page.screenshot(path=str(folder / "03-lead-reviews.png"), full_page=True)
    lead_page.get_by_role("button", name="Goedkeuren").click()
    lead_page.wait_for_selector("text=Goedgekeurd. De versie kan nu worden gepubliceerd.")
    lead_page.context.close()

    # ... and the manager publishes it.
    page.goto(f"/beleid/versies/{v3.pk}/")
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_selector("text=Gepubliceerd.")
    page.shot("04-manager-published")
    v3.refresh_from_db()
    assert v3.status == Status.PUBLISHED
    assert PolicyVersion.objects.get(pk=v2.pk).status == Status.SUPERSEDED

    # 3. A youth worker logging in is shown the changes, reads them and confirms.
    worker_page = _context_page(browser, live_server)
    browser_login(worker_page, worker)
    worker_page.wait_for_selector("text=Lees dit eerst")
    assert "/beleid/bevestigen/" in worker_page.url
    assert worker_page.locator(".policy-diff ins").first.is_visible()
    worker_page.screenshot(path=str(folder / "05-worker-sees-changes.png"), full_page=True)
    worker_page.get_by_role("button", name="Ik heb het gelezen en ken de inhoud").click()
    worker_page.wait_for_selector("text=Bedankt.")
    worker_page.screenshot(path=str(folder / "06-worker-confirmed.png"), full_page=True)
    worker_page.context.close()
    assert PolicyAcknowledgement.objects.filter(user=worker, version=v3).exists()

    # 4. The completion report shows them as done.
    page.goto(f"/beleid/kennisname/{v3.pk}/")
    row = page.locator("tr", has_text="Wessel Werker")
    assert "bevestigd" in row.inner_text()
    assert "nog niet" not in row.inner_text()
    page.shot("07-completion-report")
