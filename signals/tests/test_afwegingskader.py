"""The afwegingskader's branches, as a table."""

import pytest

from signals.afwegingskader import Outcome, weigh

Y, N = True, False


@pytest.mark.parametrize(
    ("answers", "path", "outcome"),
    [
        ({1: N}, [1], Outcome.CLOSE_NO_SUSPICION),
        ({1: N, 2: Y, 3: Y}, [1], Outcome.CLOSE_NO_SUSPICION),  # later answers are not asked
        ({1: Y, 2: N, 3: N}, [1, 2, 3], Outcome.REPORT),
        ({1: Y, 2: N, 3: Y, 4: N}, [1, 2, 3, 4], Outcome.REPORT),
        ({1: Y, 2: N, 3: Y, 4: Y, 5: N}, [1, 2, 3, 4, 5], Outcome.REPORT),
        ({1: Y, 2: N, 3: Y, 4: Y, 5: Y}, [1, 2, 3, 4, 5], Outcome.CLOSE_WITH_MONITORING),
        # Acute or structural unsafety: report, and 3-5 are answered with Veilig Thuis; the report stands.
        ({1: Y, 2: Y, 3: Y, 4: Y, 5: Y}, [1, 2, 3, 4, 5], Outcome.REPORT),
        ({1: Y, 2: Y, 3: N}, [1, 2, 3], Outcome.REPORT),
        # Unfinished: the next question on the path has no answer.
        ({}, [], None),
        ({1: Y}, [1], None),
        ({1: Y, 2: N, 3: Y}, [1, 2, 3], None),
    ],
)
def test_branches(answers, path, outcome):
    assert weigh(answers) == (path, outcome)
