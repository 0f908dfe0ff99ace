from audit.models import AuditEvent
from registration.models import Theme
from registration.tests.http import post_form

URL = "/registratie/themas/"


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_worker_gets_403(client_for, worker):
    assert client_for(worker).get(URL).status_code == 403
    assert post_form(client_for(worker), URL, {"name": "Sport"}).status_code == 403


def test_manager_adds_a_theme_and_takes_one_out_of_use(client_for, manager, org):
    client = client_for(manager)
    assert len(client.get(URL).context["themes"]) == 8
    assert post_form(client, URL, {"name": "Sport"}).status_code == 302
    sport = Theme.objects.get(organisation=org, slug="sport")
    post_form(client, f"{URL}{sport.pk}/aan-uit/")
    sport.refresh_from_db()
    assert sport.is_active is False
    assert AuditEvent.objects.filter(object_type="registration.theme").count() == 2


def test_duplicate_theme_is_refused_next_to_the_field(client_for, manager):
    client = client_for(manager)
    response = post_form(client, URL, {"name": "School en werk"})
    assert "name" in response.context["form"].errors


def test_theme_of_another_organisation_is_404(client_for, manager, other_org):
    theme = Theme.objects.create(organisation=other_org, slug="x", name="X")
    assert post_form(client_for(manager), f"{URL}{theme.pk}/aan-uit/").status_code == 404
