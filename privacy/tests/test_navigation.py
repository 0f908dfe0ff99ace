def test_administrator_has_the_privacy_menu_item(client_for, administrator):
    assert 'href="/privacy/"' in client_for(administrator).get("/").content.decode()


def test_others_have_no_privacy_menu_item(client_for, worker, lead, manager):
    for person in (worker, lead, manager):
        assert 'href="/privacy/"' not in client_for(person).get("/").content.decode()
