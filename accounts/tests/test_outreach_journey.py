"""Browser journey: a youth worker requests an Instagram business account, a team lead approves it, the gap closes."""

import pytest

from accounts.models import PlatformAccount
from accounts.tests.outreach_factories import make_target_group, make_usage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_requests_instagram_account_lead_approves_and_the_matrix_gap_closes(
    browser_page, browser_login, worker, lead, team_a
):
    page = browser_page
    group = make_target_group(team_a, "meiden 12–16 Noord", age_min=12, age_max=16, area="Noord")
    make_usage(group, "instagram", "daily", communication_forms=["stories", "dms"])

    browser_login(page, worker)
    page.goto(f"/doelgroepen/{group.pk}/")
    assert page.get_by_text("gat: geen account").is_visible()
    page.shot("1-doelgroep-met-gat")
    page.get_by_role("link", name="Account aanvragen").click()
    page.select_option("select[name=platform]", label="Instagram")
    page.fill("input[name=handle]", "https://www.instagram.com/Sam.Jongerenwerk.Noord/")
    assert page.locator("input[name=target_groups]").first.is_checked()
    page.fill("textarea[name=purpose]", "Contact met meiden uit Noord via stories en DM")
    page.fill("input[name=working_hours]", "ma–vr 13:00–21:00")
    page.fill("input[name=credentials_location]", "Wachtwoordmanager, kluis Team A")
    page.shot("2-aanvraag-ingevuld")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Je aanvraag is verstuurd").is_visible()
    page.shot("3-aanvraag-verstuurd")
    account = PlatformAccount.objects.get()
    assert account.status == PlatformAccount.Status.REQUESTED and account.handle_normalised == "sam.jongerenwerk.noord"

    page.context.clear_cookies()
    browser_login(page, lead)
    page.goto("/doelgroepen/matrix/")
    assert page.get_by_text("1 gat", exact=False).first.is_visible()
    page.shot("4-matrix-met-gat")
    page.goto("/")
    page.get_by_role("link", name="Instagram · @sam.jongerenwerk.noord").click()
    page.shot("5-aanvraag-bij-teamleider")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    assert page.get_by_text("Aanvraag goedgekeurd").is_visible()
    page.shot("6-goedgekeurd")
    account.refresh_from_db()
    assert account.status == PlatformAccount.Status.APPROVED

    page.goto("/doelgroepen/matrix/")
    assert page.get_by_text("Geen gaten").is_visible()
    assert page.get_by_text("gat: geen account").count() == 0
    assert page.get_by_text("account aanwezig").first.is_visible()
    page.shot("7-matrix-zonder-gat")
