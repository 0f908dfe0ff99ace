"""Styled error pages, no uploads, and the security headers every page carries."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from jongerenwerk.views import error_500

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_the_styled_dutch_404(client_for, worker):
    response = client_for(worker).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_the_500_page_needs_no_database_and_shows_no_trace():
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and "Traceback" not in body


def test_uploads_are_refused(client_for, worker):
    response = client_for(worker).post(
        reverse("accounts:language"), {"language": "en"}, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 415
    assert "geen bestanden" in response.content.decode()
    worker.refresh_from_db()
    assert worker.language == "nl"


def test_security_headers(client_for, worker):
    response = client_for(worker).get(reverse("home"))
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "no-store" in response.headers["Cache-Control"]


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]:
        text = path.read_text()
        assert "style=" not in text, path
        assert " onclick=" not in text and " onsubmit=" not in text, path
        assert "<script>" not in text, path
