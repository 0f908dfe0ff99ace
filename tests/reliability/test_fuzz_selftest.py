"""The fuzzer itself: it passes a sound form and catches a 500 and an unescaped echo."""

import pytest

from tests.reliability.fuzz import form_fields, forms_in, run_fuzz

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reliability.selftest_urls")]


def fields_of(client, url):
    return {name: field for form in forms_in(client.get(url)) for name, field in form_fields(form).items()}


def test_a_sound_form_survives(world):
    client = world.client("youth_worker")

    seen = run_fuzz(client, "/selftest/form/", fields_of(client, "/selftest/form/"), [], 60)

    assert seen["examples"] == 60
    assert set(fields_of(client, "/selftest/form/")) == {"name", "minutes", "day", "kind"}


def test_the_fuzzer_finds_an_unescaped_echo(world):
    client = world.client("youth_worker")

    with pytest.raises(AssertionError, match="unescaped"):
        run_fuzz(client, "/selftest/reflects/", fields_of(client, "/selftest/reflects/"), [], 200, shrink=False)


def test_the_fuzzer_finds_a_crash(world):
    client = world.client("youth_worker")

    with pytest.raises(ValueError):
        run_fuzz(client, "/selftest/crashes/", fields_of(client, "/selftest/crashes/"), [], 200, shrink=False)
