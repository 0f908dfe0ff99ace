"""The access matrix: every URL, as every role, for GET and POST, on objects of the own team, another
team and another organisation. 0 unauthorised 2xx; other teams' and organisations' objects are 404."""

import pytest

from tests.reliability.access import MODULE_OF, load_all, pending_modules, resolver_urls
from tests.reliability.figures import record
from tests.reliability.matrix import run_matrix

ALL_NAMES = sorted(set(resolver_urls()) | set(load_all()))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_url_answers_every_role_as_the_table_says(name, world):
    routes, urls = load_all(), resolver_urls()
    if name not in routes:
        pytest.fail(
            f"URL name {name!r} ({urls[name]}) has no row in the expected-access table: "
            f"add a Route to tests/reliability/access/<app>.py"
        )
    if name not in urls and MODULE_OF[name] in pending_modules():
        pytest.skip(f"{MODULE_OF[name]}: none of its URLs exist yet (its app is not merged)")
    if name not in urls:
        pytest.fail(f"{name!r} has a row in tests/reliability/access/ but no URL any more: remove the row")
    result = run_matrix(routes[name], world)
    record(f"matrix.cells.{name}", result.cells)
    record(f"matrix.unauthorised_2xx.{name}", result.unauthorised_2xx)
    assert result.unauthorised_2xx == 0, result.failures
    assert not result.failures, "\n".join(result.failures)
    assert result.cells >= 12
