from privacy.erasure import open_signal_refusal
from registration.services import ERASURE_CHECKS
from registration.tests.factories import YoungPersonFactory


def test_the_open_signal_check_is_registered_once():
    assert ERASURE_CHECKS.count(open_signal_refusal) == 1


def test_a_young_person_without_signals_may_be_erased(team_a):
    assert open_signal_refusal(YoungPersonFactory(team=team_a)) is None
