"""The home page and the styled error pages."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from accounts.models import Organisation
from jongerenwerk.hooks import collect


@login_required
@require_safe
def home(request):
    """What needs this person first, most urgent first, from every app's panels."""
    panels = sorted(collect("panels", "home_panels", request), key=lambda panel: panel.order)
    return render(request, "home.html", {"panels": panels})


@require_safe
def health(request):
    """Health check for the load balancer (and the benchmark's floor): one indexed query, a tiny template."""
    try:
        Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
        database_ok = True
    except DatabaseError:
        database_ok = False
    # Rendered without the request: no context processors, so the one query above is the view's only one.
    body = render_to_string("health.html", {"database_ok": database_ok})
    return HttpResponse(body, status=200 if database_ok else 503)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # Rendered without the request: no context processor, so no database, may run.
    return HttpResponseServerError(render_to_string("errors/500.html"))
