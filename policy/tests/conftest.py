from urllib.parse import urlencode

import pytest


@pytest.fixture
def post_form():
    """`post_form(client, url, data)`: a form post as a browser sends it (the app refuses multipart bodies)."""

    def post(client, url, data=None, **extra):
        return client.post(
            url, urlencode(data or {}, doseq=True), content_type="application/x-www-form-urlencoded", **extra
        )

    return post
