"""One reverse for a table: the address parts give what reverse gives, for any object id."""

import pytest
from django.urls import reverse

from jongerenwerk.links import object_url_parts


@pytest.mark.parametrize("name", ["signals:detail", "policy:report_version", "registration:contact_detail"])
@pytest.mark.parametrize("pk", [0, 7, 10, 123456])
def test_the_parts_put_together_are_the_address(name, pk):
    before, after = object_url_parts(name)
    assert f"{before}{pk}{after}" == reverse(name, args=[pk])
