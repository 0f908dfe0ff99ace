"""The administrator's signal settings: the organisation's categories and its response deadlines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from jongerenwerk.errors import DomainError
from signals import forms, permissions, selectors
from signals.models import Signal
from signals.services import settings as services
from signals.services.signal import signal_categories_seed
from signals.views.common import run_service


def _page(request, deadlines_form, category_form):
    context = {
        "deadlines_form": deadlines_form,
        "deadline_rows": [(deadlines_form[u], deadlines_form[f"{u}_unit"]) for u in Signal.Urgency.values],
        "category_form": category_form,
        "categories": selectors.category_list_for_settings(request.user),
    }
    return render(request, "signals/settings.html", context)


@login_required
def signal_settings(request):
    """The categories and the response deadlines; a POST saves the deadlines."""
    require(permissions.can_manage_signal_settings(request.user))
    organisation = request.user.organisation
    signal_categories_seed(organisation)
    row = selectors.signal_settings_for(organisation)
    form = forms.DeadlinesForm(request.POST or None, settings_row=row)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.signal_deadlines_save(
                actor=request.user, organisation=organisation, request=request, **form.minutes()
            ),
        )
        if done is not None:
            messages.success(request, _("De reactietermijnen zijn opgeslagen. Ze gelden voor nieuwe signalen."))
            return redirect("signals:settings")
    return _page(request, form, forms.CategoryForm())


@login_required
def category_add(request):
    """Add a category; on a refusal the page shows the name again with the message next to it."""
    require(permissions.can_manage_signal_settings(request.user))
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = request.user.organisation
        category = run_service(
            form,
            lambda: services.signal_category_add(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"], request=request
            ),
        )
        if category is not None:
            messages.success(request, _("Categorie ‘%(name)s’ toegevoegd.") % {"name": category.name})
            return redirect("signals:settings")
    title = _("Categorie toevoegen")
    return render(request, "signals/category_form.html", {"form": form, "title": title})


@login_required
def category_edit(request, pk):
    """Rename a category; signals that have it show the new name."""
    category = selectors.get_category_for_user(request.user, pk)
    require(permissions.can_manage_signal_settings(request.user))
    form = forms.CategoryForm(request.POST or None, initial={"name": category.name})
    if request.method == "POST" and form.is_valid():
        renamed = run_service(
            form,
            lambda: services.signal_category_rename(
                actor=request.user, category=category, name=form.cleaned_data["name"], request=request
            ),
        )
        if renamed is not None:
            messages.success(request, _("De categorie heet nu ‘%(name)s’.") % {"name": renamed.name})
            return redirect("signals:settings")
    title = _("Categorie ‘%(name)s’ hernoemen") % {"name": category.name}
    return render(request, "signals/category_form.html", {"form": form, "title": title, "category": category})


def _category_action(request, pk, call, success):
    category = selectors.get_category_for_user(request.user, pk)
    require(permissions.can_manage_signal_settings(request.user))
    try:
        call(category)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success % {"name": category.name})
    return redirect("signals:settings")


@login_required
@require_POST
def category_active(request, pk):
    """Take a category out of use (`active=0`) or bring it back (`active=1`)."""
    active = request.POST.get("active") == "1"
    return _category_action(
        request,
        pk,
        lambda c: services.signal_category_set_active(actor=request.user, category=c, active=active, request=request),
        _("‘%(name)s’ is weer in gebruik.")
        if active
        else _("‘%(name)s’ is niet meer in gebruik. Signalen met deze categorie houden hem."),
    )


@login_required
@require_POST
def category_delete(request, pk):
    """Delete a category no signal has."""
    return _category_action(
        request,
        pk,
        lambda c: services.signal_category_delete(actor=request.user, category=c, request=request),
        _("‘%(name)s’ is verwijderd."),
    )
