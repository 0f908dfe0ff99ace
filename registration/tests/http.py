"""The app refuses multipart bodies: tests post forms url-encoded, as a browser does without files."""

from urllib.parse import urlencode


def post_form(client, url, data=None, **kwargs):
    return client.post(
        url, urlencode(data or {}, doseq=True), content_type="application/x-www-form-urlencoded", **kwargs
    )
