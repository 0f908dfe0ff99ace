"""Reporting a signal, its page and timeline, triage, the five steps, closing, the queue and the figures."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Membership
from accounts.permissions import require
from accounts.selectors import team_members
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from policy.selectors import signal_protocol_for_team
from signals import forms, permissions, selectors
from signals.afwegingskader import QUESTIONS, Outcome
from signals.models import SignalStep
from signals.selectors import page as page_reads
from signals.selectors import queue as queue_reads
from signals.services import signal as services
from signals.services.corrections import HANDLER_STATUSES
from signals.views.common import run_service

Role = Membership.Role
REOPENABLE = (services.Status.DECIDED, services.Status.CLOSED)
STEP_FORMS = {
    SignalStep.Kind.MAP: forms.MapStepForm,
    SignalStep.Kind.CONSULT: forms.ConsultStepForm,
    SignalStep.Kind.TALK: forms.TalkStepForm,
}


@login_required
def signal_report(request):
    """Report a serious signal; acute ones go on to the emergency instructions."""
    require(permissions.can_report(request.user))
    services.signal_categories_seed(request.user.organisation)
    form = forms.SignalReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            k: data[k]
            for k in (
                "team",
                "category",
                "urgency",
                "facts",
                "interpretation",
                "source",
                "seen_at",
                "platform",
                "channel",
            )
        }
        signal = run_service(
            form,
            lambda: services.signal_report(
                actor=request.user, people=form.people(), contacts=list(data["contacts"]), request=request, **fields
            ),
        )
        if signal is not None:
            messages.success(
                request, _("Je signaal is gemeld (#%(pk)s). De teamleiding kijkt ernaar.") % {"pk": signal.pk}
            )
            if signal.urgency == signal.Urgency.ACUTE:
                return redirect("signals:acute", pk=signal.pk)
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/signal_report.html", {"form": form})


def _emergency_context(signal):
    return {
        "protocol": signal_protocol_for_team(signal.team),
        "signal": signal,
        "team_leads": team_members(signal.team, Role.TEAM_LEAD),
        "officers": team_members(signal.team, Role.SAFEGUARDING_OFFICER),
    }


@login_required
def signal_acute(request, pk):
    """The team's emergency instructions, shown straight after reporting an acute signal."""
    signal = selectors.get_signal_for_user(request.user, pk)
    audit_log(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        target=signal,
        request=request,
        organisation=signal.team.organisation_id,
        young_person_id=services.signal_about_id(signal),
        detail="emergency instructions",
    )
    return render(request, "signals/signal_acute.html", _emergency_context(signal))


@login_required
def signal_detail(request, pk):
    """The full signal with its steps, actions and timeline; every opening is audited."""
    user = request.user
    signal, people = page_reads.get_signal_page_for_user(user, pk)
    services.signal_view(signal=signal, actor=user, people=people, request=request)
    context = {
        "signal": signal,
        "people": people,
        **page_reads.signal_page(signal, with_views=permissions.can_see_viewers(user, signal)),
        "questions": QUESTIONS,
        "outcomes": dict(Outcome.choices),
        "can_triage": signal.status == signal.Status.REPORTED and permissions.can_triage(user, signal),
        "can_work_on": permissions.can_work_on(user, signal)
        and signal.status not in (signal.Status.REPORTED, signal.Status.CLOSED),
        "can_decide": permissions.can_work_on(user, signal)
        and signal.status in (signal.Status.IN_PROGRESS, signal.Status.REOPENED),
        "can_request_close": permissions.can_request_close(user, signal),
        "can_approve_close": signal.close_requested_at is not None
        and signal.status == signal.Status.DECIDED
        and permissions.can_approve_close(user, signal),
        "can_reopen": signal.status in REOPENABLE and permissions.can_reopen(user, signal),
        "can_change_handler": signal.status in HANDLER_STATUSES and permissions.can_change_handler(user, signal),
        "can_correct": signal.status != signal.Status.CLOSED and permissions.can_correct(user, signal),
        "step_kinds": SignalStep.Kind,
    }
    if signal.urgency == signal.Urgency.ACUTE and signal.status == signal.Status.REPORTED:
        context.update(_emergency_context(signal))
        context["show_emergency"] = True
    return render(request, "signals/signal_detail.html", context)


@login_required
def signal_triage(request, pk):
    """Confirm or change category and urgency, and assign a handler."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_triage(request.user, signal))
    form = forms.TriageForm(request.POST or None, user=request.user, signal=signal)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.signal_triage(signal=signal, actor=request.user, request=request, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("Signaal beoordeeld; %(handler)s is behandelaar.") % {"handler": done.handler})
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/signal_triage.html", {"signal": signal, "form": form})


@login_required
def signal_step(request, pk, kind):
    """Record step 1, 2 or 3."""
    if kind not in STEP_FORMS:
        raise Http404
    signal = selectors.get_signal_for_user(request.user, pk, for_write=True)
    form = STEP_FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        happened_on, next_due = data.pop("happened_on"), data.pop("next_step_due_on")
        step = run_service(
            form,
            lambda: services.signal_step_record(
                signal=signal,
                actor=request.user,
                kind=kind,
                happened_on=happened_on,
                data=data,
                next_step_due_on=next_due,
                request=request,
            ),
        )
        if step is not None:
            messages.success(request, _("%(step)s is vastgelegd.") % {"step": step.get_kind_display()})
            return redirect("signals:detail", pk=signal.pk)
    return render(
        request, "signals/signal_step.html", {"signal": signal, "form": form, "title": SignalStep.Kind(kind).label}
    )


@login_required
def signal_weigh(request, pk):
    """Record step 4: the afwegingskader."""
    signal = selectors.get_signal_for_user(request.user, pk, for_write=True)
    form = forms.WeighForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = run_service(
            form,
            lambda: services.signal_weigh(
                signal=signal,
                actor=request.user,
                happened_on=form.cleaned_data["happened_on"],
                answers=form.answers(),
                explanations=form.explanations(),
                request=request,
            ),
        )
        if step is not None:
            messages.success(
                request, _("Afwegingskader vastgelegd: %(outcome)s") % {"outcome": Outcome(step.weigh_outcome).label}
            )
            return redirect("signals:detail", pk=signal.pk)
    return render(
        request, "signals/signal_step.html", {"signal": signal, "form": form, "title": SignalStep.Kind.WEIGH.label}
    )


@login_required
def signal_decide(request, pk):
    """Record step 5: the decision."""
    signal = selectors.get_signal_for_user(request.user, pk, for_write=True)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = run_service(
            form,
            lambda: services.signal_decide(
                signal=signal,
                actor=request.user,
                happened_on=form.cleaned_data["happened_on"],
                data=form.decision(),
                request=request,
            ),
        )
        if step is not None:
            messages.success(request, _("Het besluit is vastgelegd. Vraag nu het sluiten aan."))
            return redirect("signals:detail", pk=signal.pk)
    return render(
        request, "signals/signal_step.html", {"signal": signal, "form": form, "title": SignalStep.Kind.DECIDE.label}
    )


def _post_action(request, pk, call, success, for_write=False, needs_reason=False):
    signal = selectors.get_signal_for_user(request.user, pk, for_write=for_write)
    reason = ""
    if needs_reason:
        form = forms.ReasonForm(request.POST)
        reason = form.data.get("reason", "")
    try:
        call(signal, reason)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success)
    return redirect("signals:detail", pk=signal.pk)


@login_required
@require_POST
def signal_close_request(request, pk):
    """The handler asks for closing; a second lead or officer approves."""
    return _post_action(
        request,
        pk,
        lambda s, _r: services.signal_close_request(signal=s, actor=request.user, request=request),
        _("Sluiten aangevraagd."),
        for_write=True,
    )


@login_required
@require_POST
def signal_close_approve(request, pk):
    """Four eyes: approve the closing."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_approve_close(request.user, signal))
    return _post_action(
        request,
        pk,
        lambda s, _r: services.signal_close_approve(signal=s, actor=request.user, request=request),
        _("Het signaal is gesloten."),
    )


@login_required
@require_POST
def signal_close_refuse(request, pk):
    """Send a closing request back."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_approve_close(request.user, signal))
    return _post_action(
        request,
        pk,
        lambda s, r: services.signal_close_refuse(signal=s, actor=request.user, reason=r, request=request),
        _("Sluiten afgewezen."),
        needs_reason=True,
    )


@login_required
def signal_reopen(request, pk):
    """Reopen a decided or closed signal, with a reason that shows on the timeline."""
    signal = selectors.get_signal_for_user(request.user, pk)
    require(permissions.can_reopen(request.user, signal))
    form = forms.ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reopened = run_service(
            form,
            lambda: services.signal_reopen(
                signal=signal, actor=request.user, reason=form.cleaned_data["reason"], request=request
            ),
        )
        if reopened is not None:
            messages.success(request, _("Het signaal is heropend. Leg de volgende stap vast."))
            return redirect("signals:detail", pk=signal.pk)
    context = {"signal": signal, "form": form, "reopenable": signal.status in REOPENABLE}
    return render(request, "signals/signal_reopen.html", context)


def _filters(request):
    """The queue's filters from the address; an id that is not one (an address changed by hand) filters nothing,
    as a page number that is not one shows the first page."""
    filters = {key: request.GET.get(key) or None for key in ("status", "category", "urgency", "handler")}
    for key in ("category", "handler"):
        value = filters[key]
        if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 18):
            filters[key] = None
    return filters


QUEUE_PAGE_SIZE = 50


def _page_number(request):
    """The page of "all signals" asked for; anything that is not a page number is the first page."""
    value = request.GET.get("page", "")
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) < 10_000 else 1


@login_required
def signal_queue(request):
    """The team lead's queue: what is urgent, overdue and waiting, and all signals filtered."""
    require(permissions.can_see_queue(request.user))
    filters = _filters(request)
    number = _page_number(request)
    start = (number - 1) * QUEUE_PAGE_SIZE
    # One row more than a page tells whether there is a next page, without counting them all.
    queue = queue_reads.signal_queue(request.user, start=start, stop=start + QUEUE_PAGE_SIZE + 1, **filters)
    rows = queue.pop("signals")
    context = {
        **queue,
        "signals": rows[:QUEUE_PAGE_SIZE],
        "page": {
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if len(rows) > QUEUE_PAGE_SIZE else None,
        },
        "filters": filters,
        "statuses": services.Status.choices,
        "urgencies": services.Signal.Urgency.choices,
    }
    return render(request, "signals/signal_queue.html", context)


@login_required
def signal_mine(request):
    """The signals this person reported, handles or discussed; anyone who can report."""
    require(permissions.can_report(request.user))
    signals = selectors.signal_rows(selectors.signal_list(request.user)[:200])
    return render(request, "signals/signal_list.html", {"signals": signals})


@login_required
def signal_statistics(request):
    """Aggregates only: counts per category, urgency and month, median times. Never content."""
    require(permissions.can_see_statistics(request.user))
    return render(request, "signals/signal_statistics.html", {"stats": selectors.signal_statistics(request.user)})


@login_required
def signal_statistics_export(request):
    """The same aggregates as a CSV file (audited as an export)."""
    require(permissions.can_see_statistics(request.user))
    stats = selectors.signal_statistics(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="signalen-in-cijfers.csv"'
    writer = csv.writer(response)
    writer.writerow([_("soort"), _("waarde"), _("aantal")])
    for row in stats["per_category"]:
        writer.writerow([_("categorie"), row["category__name"], row["count"]])
    for _value, label, count in stats["per_urgency"]:
        writer.writerow([_("urgentie"), label, count])
    for row in stats["per_month"]:
        writer.writerow([_("maand"), row["month"].strftime("%Y-%m"), row["count"]])
    writer.writerow([_("mediaan uren tot beoordeling"), "", stats["median_hours_to_triage"] or ""])
    writer.writerow([_("mediaan uren tot sluiten"), "", stats["median_hours_to_close"] or ""])
    audit_log(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        request=request,
        object_type="signals.statistics",
        detail="signal aggregates csv",
    )
    return response
