"""Cross-app request guards."""

from django.shortcuts import render
from django.utils.translation import gettext as _


class RefuseUploadsMiddleware:
    """No file uploads anywhere: this is data about minors, and no form takes a file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
            return render(
                request,
                "errors/error.html",
                {
                    "title": _("Bestanden uploaden kan niet"),
                    "message": _(
                        "In deze app kun je geen bestanden of afbeeldingen uploaden. Beschrijf in woorden wat je zag."
                    ),
                },
                status=415,
            )
        return self.get_response(request)
