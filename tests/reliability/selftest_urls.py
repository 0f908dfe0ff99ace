"""The real URLs plus three sample object views, to prove the access machinery catches leaks."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import Context, Template
from django.urls import path
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from accounts.models import Team
from accounts.selectors import get_team_for_user, visible_team_ids
from jongerenwerk.urls import handler403, handler404, handler500  # noqa: F401
from jongerenwerk.urls import urlpatterns as real_urlpatterns


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


PAGE = Template("<!DOCTYPE html><html><body><form method=post>{{ form.as_p }}</form><p>{{ echo }}</p></body></html>")


def render(request, form, echo):
    return HttpResponse(PAGE.render(Context({"form": form, "echo": echo})))


class SampleForm(forms.Form):
    name = forms.CharField(max_length=50)
    minutes = forms.IntegerField(min_value=1, max_value=600)
    day = forms.DateField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])


@login_required
def form_escaped(request):
    form = SampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return HttpResponse("ok")
    return render(request, form, request.POST.get("name", ""))


@login_required
def form_reflects(request):
    """Wrong on purpose: echoes the name unescaped."""
    form = SampleForm(request.POST or None)
    return render(request, form, mark_safe(request.POST.get("name", "")))


@login_required
def form_crashes(request):
    """Wrong on purpose: trusts the minutes to be a number."""
    form = SampleForm(request.POST or None)
    if request.method == "POST":
        int(request.POST.get("minutes", "0"))
    return render(request, form, "")


urlpatterns = [
    path("selftest/form/", form_escaped, name="selftest_form"),
    path("selftest/reflects/", form_reflects, name="selftest_reflects"),
    path("selftest/crashes/", form_crashes, name="selftest_crashes"),
    *real_urlpatterns,
    path("selftest/team/<int:pk>/", team_scoped, name="selftest_team"),
    path("selftest/leaky/<int:pk>/", team_leaky, name="selftest_leaky"),
    path("selftest/forbidden/<int:pk>/", team_says_forbidden, name="selftest_forbidden"),
]
