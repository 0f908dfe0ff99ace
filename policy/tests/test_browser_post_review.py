from datetime import timedelta

import pytest
from django.utils import timezone

from policy.models import PostReview
from policy.tests.test_posts import make_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_submits_a_post_and_the_lead_approves_it(
    browser, live_server, browser_page, browser_login, team_a, worker, lead
):
    make_account(team_a, lead)
    page = browser_page
    browser_login(page, worker)
    page.goto("/beleid/berichten/")
    page.shot("01-empty-post-list")
    page.get_by_role("link", name="Bericht ter goedkeuring").first.click()
    page.select_option("select[name=account]", index=1)
    page.fill("textarea[name=text]", "Vrijdag is de inloop open tot 22:00. Kom langs!")
    planned = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=planned_at]", planned)
    page.fill("textarea[name=checked_points]", "Geen herkenbare jongeren; toon positief.")
    page.select_option("select[name=reviewer]", label=str(lead))
    page.shot("02-post-form")
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_selector("text=Het bericht wacht nu op goedkeuring")
    page.shot("03-post-submitted")
    post = PostReview.objects.get()

    lead_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    lead_page = lead_context.new_page()
    browser_login(lead_page, lead)
    assert lead_page.locator(f"a[href='/beleid/berichten/{post.pk}/']").count() == 1  # on the home page
    lead_page.goto(f"/beleid/berichten/{post.pk}/")
    lead_page.get_by_role("button", name="Goedkeuren").click()
    lead_page.wait_for_selector("text=Goedgekeurd. Het bericht mag op het geplande moment online.")
    lead_page.screenshot(path=str(page.shot("04-worker-view").parent / "05-lead-approved.png"), full_page=True)
    lead_context.close()
    post.refresh_from_db()
    assert post.status == PostReview.Status.APPROVED
