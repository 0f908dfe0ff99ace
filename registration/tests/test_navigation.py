def test_worker_home_shows_the_week_panel_and_menu(client_for, worker):
    html = client_for(worker).get("/").content.decode()
    assert "/registratie/contact/snel/" in html
    assert "/registratie/rapport/" not in html


def test_manager_menu_has_reports_and_agreements(client_for, manager):
    html = client_for(manager).get("/").content.decode()
    assert "/registratie/rapport/" in html and "/registratie/opdrachten/" in html
