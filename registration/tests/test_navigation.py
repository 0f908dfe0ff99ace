def test_worker_home_shows_the_week_panel_and_menu(client_for, worker):
    html = client_for(worker).get("/").content.decode()
    assert "/registratie/contact/snel/" in html
    assert "/registratie/rapport/" not in html


def test_manager_menu_has_reports_and_agreements(client_for, manager):
    html = client_for(manager).get("/").content.decode()
    assert "/registratie/rapport/" in html and "/registratie/opdrachten/" in html


def test_quick_form_speaks_english_for_an_english_user(client_for, worker):
    worker.language = "en"
    worker.save(update_fields=["language"])
    html = client_for(worker).get("/registratie/contact/snel/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Save contact" in html


def test_lead_home_shows_last_month_to_approve_until_approved(client_for, lead, team_a):
    import datetime

    from registration import services

    client = client_for(lead)
    assert f"/registratie/maanden/{team_a.pk}/2026-10/" in client.get("/").content.decode()
    services.month_approve(team=team_a, month=datetime.date(2026, 10, 1), actor=lead)
    assert f"/registratie/maanden/{team_a.pk}/2026-10/" not in client.get("/").content.decode()


def test_worker_home_lists_follow_ups_due_within_two_days_with_their_links(client_for, worker, team_a, platform):
    import datetime
    import re

    from django.utils import timezone

    from registration.tests.factories import ContactFactory

    today = timezone.localdate()
    due = ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="Terugbellen <b>", follow_up_due=today
    )
    ContactFactory(
        team=team_a, worker=worker, platform=platform, follow_up="Later", follow_up_due=today + datetime.timedelta(3)
    )
    ContactFactory(
        team=team_a,
        worker=worker,
        platform=platform,
        follow_up="Klaar",
        follow_up_due=today,
        follow_up_done_at=timezone.now(),
    )
    html = client_for(worker).get("/").content.decode()
    panel = html.split('id="panel-follow-ups"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li><a href="([^"]+)">([^<]*)</a>', panel)
    assert items == [(f"/registratie/contact/{due.pk}/", "Terugbellen &lt;b&gt;")]
