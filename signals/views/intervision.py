"""Intervision sessions: plan, agenda, minutes, follow-up actions, finalise, calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.errors import DomainError
from signals import forms, permissions, selectors
from signals.services import intervision as services
from signals.views.common import run_service


@login_required
def session_list(request):
    """The sessions this person takes part in or leads."""
    upcoming, past = selectors.session_list(request.user)
    return render(
        request,
        "signals/session_list.html",
        {"upcoming": upcoming, "past": past, "can_schedule": permissions.can_schedule_session(request.user)},
    )


@login_required
def session_create(request):
    """Plan an intervision session or collegial consultation."""
    require(permissions.can_schedule_session(request.user))
    form = forms.SessionForm(
        request.POST or None,
        user=request.user,
        initial={"facilitator": request.user.pk, "participants": [request.user.pk]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = run_service(
            form,
            lambda: services.session_schedule(
                actor=request.user,
                team=data["team"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                online_link=data["online_link"],
                facilitator=data["facilitator"],
                participants=list(data["participants"]),
                signals=list(data["signals"]),
                topics=form.topic_lines(),
                request=request,
            ),
        )
        if session is not None:
            messages.success(request, _("De sessie is gepland; de deelnemers krijgen een uitnodiging."))
            return redirect("signals:session_detail", pk=session.pk)
    return render(request, "signals/session_form.html", {"form": form})


@login_required
def session_detail(request, pk):
    """The session's agenda, minutes and follow-up actions."""
    session = selectors.get_session_for_user(request.user, pk)
    audit_log(
        actor=request.user,
        action=AuditEvent.Action.VIEW,
        target=session,
        request=request,
        organisation=session.team.organisation_id,
        detail="session page",
    )
    items = list(session.items.select_related("signal", "signal__category").prefetch_related("actions__owner"))
    can_edit = permissions.can_edit_session(request.user, session)
    return render(
        request,
        "signals/session_detail.html",
        {
            "session": session,
            "items": items,
            "participants": list(session.participants.all()),
            "can_edit": can_edit,
            "can_finalise": permissions.can_finalise_session(request.user, session),
            "agenda_form": forms.AgendaAddForm(user=request.user, session=session) if can_edit else None,
            "action_form": forms.ActionForm(session=session) if can_edit else None,
        },
    )


@login_required
def session_ics(request, pk):
    """The calendar file of a session (kind, time, place or link; never the agenda)."""
    session = selectors.get_session_for_user(request.user, pk)
    response = HttpResponse(services.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{session.pk}.ics"'
    return response


def _editable_session(request, pk):
    session = selectors.get_session_for_user(request.user, pk)
    require(permissions.can_edit_session(request.user, session))
    return session


@login_required
@require_POST
def agenda_add(request, pk):
    """Add a signal or another topic to the agenda."""
    session = _editable_session(request, pk)
    form = forms.AgendaAddForm(request.POST, user=request.user, session=session)
    if form.is_valid() and run_service(
        form,
        lambda: services.agenda_item_add(session=session, actor=request.user, request=request, **form.cleaned_data),
    ):
        messages.success(request, _("Toegevoegd aan de agenda."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("signals:session_detail", pk=session.pk)


@login_required
def item_record(request, pk, item_pk):
    """Notes, considerations and the course of action of one agenda item, and its follow-up actions."""
    session = _editable_session(request, pk)
    item = get_object_or_404(session.items.select_related("signal"), pk=item_pk)
    form = forms.AgendaItemForm(
        request.POST or None,
        initial={"notes": item.notes, "considerations": item.considerations, "course_of_action": item.course_of_action},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.agenda_item_record(item=item, actor=request.user, request=request, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Het agendapunt is vastgelegd."))
        return redirect("signals:session_detail", pk=session.pk)
    return render(request, "signals/item_form.html", {"session": session, "item": item, "form": form})


@login_required
@require_POST
def action_add(request, pk, item_pk):
    """One follow-up action of an agenda item's course of action."""
    session = _editable_session(request, pk)
    item = get_object_or_404(session.items.all(), pk=item_pk)
    form = forms.ActionForm(request.POST, session=session)
    if form.is_valid() and run_service(
        form, lambda: services.action_add(item=item, actor=request.user, request=request, **form.cleaned_data)
    ):
        messages.success(request, _("Vervolgactie toegevoegd."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("signals:session_detail", pk=session.pk)


@login_required
@require_POST
def session_finalise(request, pk):
    """The facilitator finalises the minutes; they lock."""
    session = selectors.get_session_for_user(request.user, pk)
    require(permissions.can_finalise_session(request.user, session))
    try:
        services.session_finalise(session=session, actor=request.user, request=request)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Het verslag is vastgesteld; de deelnemers krijgen een melding."))
    return redirect("signals:session_detail", pk=session.pk)


@login_required
def action_finish(request, pk):
    """Mark a follow-up action done (with a note) or cancelled (with a reason)."""
    action = selectors.get_action_for_user(request.user, pk)
    require(permissions.can_update_action(request.user, action))
    form = forms.ActionFinishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.action_complete if form.cleaned_data["outcome"] == "done" else services.action_cancel
        kwarg = "note" if call is services.action_complete else "reason"
        if run_service(
            form, lambda: call(action=action, actor=request.user, request=request, **{kwarg: form.cleaned_data["note"]})
        ):
            messages.success(request, _("De vervolgactie is bijgewerkt."))
            return redirect("signals:session_detail", pk=action.agenda_item.session_id)
    return render(request, "signals/action_form.html", {"action": action, "form": form})
