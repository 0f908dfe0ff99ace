"""No uploads anywhere: a multipart body with an image or a video, under its own or a disguised name,
is refused (415) on every URL that takes a POST, before any view runs."""

import pytest
from django.test.client import encode_multipart
from django.urls import reverse

from audit.models import AuditEvent
from notifications.models import Notification
from tests.reliability.access import ANON, OWN, served_routes
from tests.reliability.figures import record
from tests.reliability.matrix import url_for

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
UPLOADS = [
    ("foto.png", "image/png", PNG),
    ("foto.jpg", "image/jpeg", JPEG),
    ("filmpje.mp4", "video/mp4", MP4),
    ("foto.jpg.txt", "text/plain", JPEG),
    ("lijst.csv", "text/csv", PNG),
    ("notitie", "application/octet-stream", MP4),
]
ALLAUTH_POSTS = ["account_login", "account_reset_password", "account_signup", "account_change_password"]
BOUNDARY = "jwboundary"


def post_urls(world):
    urls = [(route.name, url_for(route, world, OWN), route.post) for route in served_routes() if route.post]
    return urls + [(name, reverse(name), None) for name in ALLAUTH_POSTS]


@pytest.mark.django_db
def test_every_post_url_refuses_every_upload(world):
    before = (Notification.objects.count(), AuditEvent.objects.count())
    refused, wrong = 0, []
    for name, url, allowed in post_urls(world):
        roles = sorted(allowed - {ANON}) if allowed and allowed - {ANON} else [ANON]
        for role in [*roles, ANON]:
            client = world.client(role)
            for filename, content_type, data in UPLOADS:
                upload = type("Upload", (), {"name": filename, "read": lambda self, d=data: d})()
                upload.content_type = content_type
                body = encode_multipart(BOUNDARY, {"bestand": upload, "note": "kijk"})
                response = client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
                if response.status_code == 415 and "uploaden kan niet" in response.content.decode():
                    refused += 1
                else:
                    wrong.append(f"{name} as {role} with {filename}: {response.status_code}")
    record("uploads.refused", refused)
    record("uploads.post_urls", len(post_urls(world)))
    assert wrong == []
    assert refused >= len(post_urls(world)) * len(UPLOADS) * 2
    assert (Notification.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_a_multipart_content_type_in_another_case_is_refused_too(world):
    response = world.client("youth_worker").post(
        reverse("notifications:read_all"), b"--x--", content_type="Multipart/Form-Data; boundary=x"
    )

    assert response.status_code == 415


@pytest.mark.django_db
def test_without_the_middleware_the_same_upload_would_reach_the_view(world, settings):
    """The check above depends on RefuseUploadsMiddleware, not on the views happening to ignore files."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("RefuseUploadsMiddleware")]
    upload = type("Upload", (), {"name": "foto.jpg.txt", "read": lambda self: JPEG, "content_type": "text/plain"})()
    body = encode_multipart(BOUNDARY, {"bestand": upload, "language": "en"})

    response = world.client("youth_worker").post(
        reverse("accounts:language"), body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )

    assert response.status_code == 302
