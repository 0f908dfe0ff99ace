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
