import pytest

from accounts.tests.factories import enrol_mfa

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, worker):
    worker.is_staff = worker.is_superuser = True
    worker.save()
    enrol_mfa(worker)  # staff work only with a second factor
    client.force_login(worker)
    return client


@pytest.mark.parametrize("model", ["user", "organisation", "team", "invitation"])
def test_the_django_admin_pages_open(operator, worker, model):
    assert operator.get(f"/django-admin/accounts/{model}/").status_code == 200
    assert operator.get(f"/django-admin/accounts/{model}/add/").status_code == 200


def test_an_operator_can_add_a_user_in_the_django_admin(operator, org):
    from accounts.models import User

    response = operator.post(
        "/django-admin/accounts/user/add/",
        {
            "email": "nieuw@example.org",
            "full_name": "Nieuw Iemand",
            "organisation": org.pk,
            "password1": "paars-fietspad-regen-42",
            "password2": "paars-fietspad-regen-42",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nieuw@example.org").check_password("paars-fietspad-regen-42")


def test_user_detail_opens(operator, worker):
    assert operator.get(f"/django-admin/accounts/user/{worker.pk}/change/").status_code == 200
