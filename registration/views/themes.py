"""The organisation's list of contact themes (manager or administrator)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import require
from jongerenwerk.errors import DomainError
from registration import permissions, selectors, services
from registration.models import Theme


class ThemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nieuw thema"), max_length=80)


@login_required
def theme_list(request):
    """The themes contacts can be about, with a form to add one."""
    require(permissions.can_manage_themes(request.user))
    selectors.theme_choices(request.user)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_add(actor=request.user, name=form.cleaned_data["name"], request=request)
        except DomainError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("Thema %(name)s toegevoegd.") % {"name": theme.name})
            return redirect("registration:theme_list")
    themes = Theme.objects.visible_to(request.user)
    return render(request, "registration/theme_list.html", {"themes": themes, "form": form})


@login_required
@require_POST
def theme_toggle(request, pk):
    require(permissions.can_manage_themes(request.user))
    theme = get_object_or_404(Theme.objects.visible_to(request.user), pk=pk)
    services.theme_set_active(actor=request.user, theme=theme, is_active=not theme.is_active, request=request)
    return redirect("registration:theme_list")
