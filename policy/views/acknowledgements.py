"""Reading and acknowledging the version a person still has to confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jongerenwerk.errors import DomainError
from policy import selectors
from policy.diff import version_diff
from policy.middleware import SESSION_KEY
from policy.models import PolicyVersion
from policy.rendering import render_markdown
from policy.services import acknowledgements as services
from policy.services.acknowledgements import MAX_POSTPONEMENTS


def _outstanding_version(user, pk):
    """A version this person still has to acknowledge, else None (404 when they may not even see it)."""
    version = selectors.outstanding_versions(user).filter(pk=pk).first()
    if version is None:
        get_object_or_404(PolicyVersion.objects.visible_to(user), pk=pk)
    return version


def _done_or_replaced(request):
    # Confirmed already, or superseded since the person was sent here: go to whatever is still open.
    request.session.pop(SESSION_KEY, None)
    return redirect("policy:acknowledge_next")


@login_required
def acknowledge_next(request):
    """Go to the first version this person still has to acknowledge (the link in the reminder)."""
    version = selectors.outstanding_versions(request.user).first()
    if version is None:
        messages.info(request, _("Je hebt al het beleid dat voor jou geldt gelezen en bevestigd."))
        return redirect("policy:list")
    return redirect("policy:acknowledge", pk=version.pk)


@login_required
def acknowledge(request, pk):
    """The version to read, with what changed since the version this person last confirmed; confirm or postpone."""
    version = _outstanding_version(request.user, pk)
    if version is None:
        return _done_or_replaced(request)
    previous = selectors.previous_acknowledged(request.user, version)
    used = selectors.postponements_used(request.user, version)
    if request.method == "POST":
        try:
            services.acknowledgement_create(actor=request.user, version=version, request=request)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("policy:acknowledge", pk=pk)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request, _("Bedankt. Je hebt ‘%(title)s’ gelezen en bevestigd.") % {"title": version.document.title}
        )
        return redirect("home")
    return render(
        request,
        "policy/acknowledge.html",
        {
            "version": version,
            "document": version.document,
            "body_html": render_markdown(version.body),
            "previous": previous,
            "rows": version_diff(previous.body, version.body) if previous else [],
            "postponements_left": max(MAX_POSTPONEMENTS - used, 0),
        },
    )


@login_required
@require_POST
def acknowledge_postpone(request, pk):
    """Read it later: at most twice, a day each."""
    version = _outstanding_version(request.user, pk)
    if version is None:
        return _done_or_replaced(request)
    try:
        services.acknowledgement_postpone(actor=request.user, version=version)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("policy:acknowledge", pk=pk)
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Uitgesteld tot morgen. Daarna vragen we het opnieuw."))
    return redirect("home")
