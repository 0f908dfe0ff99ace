"""After triage: another handler, and a corrected report (category, urgency, facts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import require
from signals import forms, permissions, selectors
from signals.services import corrections as services
from signals.services.signal import signal_view
from signals.views.common import run_service


def _show_latest(request, form, pk, fields):
    """Refused: the page shows the signal as it is now; saving again is then a deliberate overwrite."""
    signal = selectors.get_signal_for_user(request.user, pk)
    form.data = form.data.copy()
    form.data["seen"] = services.signal_fingerprint(signal, fields)
    return signal


@login_required
def signal_handler_change(request, pk):
    """A team lead or safeguarding officer gives a triaged signal another handler."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_change_handler(request.user, signal))
    seen = services.signal_fingerprint(signal, services.HANDLER_FIELDS)
    form = forms.HandlerChangeForm(request.POST or None, signal=signal, seen=seen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            lambda: services.signal_handler_change(
                signal=signal,
                actor=request.user,
                handler=data["handler"],
                reason=data["reason"],
                seen=data["seen"],
                request=request,
            ),
        )
        if done is not None:
            messages.success(request, _("%(name)s is nu behandelaar van dit signaal.") % {"name": done.handler})
            return redirect("signals:detail", pk=signal.pk)
        signal = _show_latest(request, form, pk, services.HANDLER_FIELDS)
    context = {"signal": signal, "form": form, "open": signal.status in services.HANDLER_STATUSES}
    return render(request, "signals/signal_handler.html", context)


@login_required
def signal_correct(request, pk):
    """A team lead or safeguarding officer corrects the category, urgency or facts of a report."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_correct(request.user, signal))
    seen = services.signal_fingerprint(signal, services.REPORT_FIELDS)
    form = forms.CorrectionForm(request.POST or None, user=request.user, signal=signal, seen=seen)
    if request.method != "POST":
        # The page shows the facts: opening it is a view of the signal (audited, on the timeline for leads).
        signal_view(signal=signal, actor=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            lambda: services.signal_correct(
                signal=signal,
                actor=request.user,
                **{key: data[key] for key in ("category", "urgency", "facts", "reason", "seen")},
                request=request,
            ),
        )
        if done is not None:
            messages.success(request, _("De melding is gecorrigeerd. De tijdlijn laat zien wat er veranderde."))
            return redirect("signals:detail", pk=signal.pk)
        signal = _show_latest(request, form, pk, services.REPORT_FIELDS)
    context = {"signal": signal, "form": form, "open": signal.status != signal.Status.CLOSED}
    return render(request, "signals/signal_correct.html", context)
