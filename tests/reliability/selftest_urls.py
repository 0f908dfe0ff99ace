"""The real URLs plus three sample object views, to prove the access machinery catches leaks."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_safe

from accounts.models import Team
from accounts.selectors import get_team_for_user, visible_team_ids
from jongerenwerk.urls import handler403, handler404, handler500, urlpatterns as real_urlpatterns  # noqa: F401


@login_required
@require_safe
def team_scoped(request, pk):
    return HttpResponse(get_team_for_user(request.user, pk).name)


@login_required
@require_safe
def team_leaky(request, pk):
    """Wrong on purpose: any team of any organisation."""
    return HttpResponse(get_object_or_404(Team, pk=pk).name)


@login_required
@require_safe
def team_says_forbidden(request, pk):
    """Wrong on purpose: reveals that the team exists (403 instead of 404)."""
    team = get_object_or_404(Team, pk=pk)
    if team.pk not in visible_team_ids(request.user):
        raise PermissionDenied
    return HttpResponse(team.name)


urlpatterns = [
    *real_urlpatterns,
    path("selftest/team/<int:pk>/", team_scoped, name="selftest_team"),
    path("selftest/leaky/<int:pk>/", team_leaky, name="selftest_leaky"),
    path("selftest/forbidden/<int:pk>/", team_says_forbidden, name="selftest_forbidden"),
]
