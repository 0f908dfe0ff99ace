"""The registration app's young-person page lists signals about them only to those who may see the signal."""

import pytest
from django.urls import reverse

from signals.tests.factories import make_signal, young_person

pytestmark = pytest.mark.django_db


def test_signal_about_a_young_person_is_listed_only_for_need_to_know(team_a, worker, colleague, lead, client_for):
    person = young_person(team_a, "Vos")
    signal = make_signal(team_a, worker, about=person)
    url = reverse("registration:young_person_detail", args=[person.pk])
    assert f"#{signal.pk}" in client_for(lead).get(url).content.decode()
    assert f"#{signal.pk}" in client_for(worker).get(url).content.decode()
    colleague_page = client_for(colleague).get(url)
    assert colleague_page.status_code == 200
    assert f"#{signal.pk}" not in colleague_page.content.decode()
