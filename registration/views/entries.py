"""Logging contacts and time: the quick form, the full form, the week view."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from registration import permissions, selectors, services
from registration.forms import ContactForm, QuickContactForm, TimeEntryForm, contact_initial
from registration.privacy import identifying_text_warnings


def _show_warnings(request, texts, worker, date):
    for text in texts:
        for warning in identifying_text_warnings(text):
            messages.warning(
                request, _("%(warning)s Pas het aan als het iemand herkenbaar maakt.") % {"warning": warning}
            )
    warning = services.day_total_warning(worker=worker, date=date)
    if warning:
        messages.warning(request, warning)


def _lock_reason(entry):
    """Why an existing entry cannot change (its month is approved), or None."""
    if entry is None:
        return None
    try:
        services.period_ensure_open(team_id=entry.team_id, date=entry.date)
    except DomainError as error:
        return error.message
    return None


def _form_error(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def week(request):
    """This worker's week: every day's contacts and time entries, and the day totals."""
    require(permissions.can_register(request.user))
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    start = selectors.week_start(day)
    context = selectors.week_view(request.user, start)
    context.update(
        previous=start - datetime.timedelta(days=7),
        next=start + datetime.timedelta(days=7),
        budget_minutes=selectors.weekly_budget_minutes(request.user),
    )
    return render(request, "registration/week_view.html", context)


def _contact_form_view(request, form_class, template, contact=None):
    user = request.user
    if contact is not None:
        initial = contact_initial(contact)
    else:
        # A new contact starts with the last one's choices; a posted form shows what was posted.
        initial = {} if request.method == "POST" else selectors.last_contact_defaults(user)
    form = form_class(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if contact is None:
                saved = services.contact_create(actor=user, team=data.pop("team"), data=data, request=request)
            else:
                data.pop("team")
                saved = services.contact_update(actor=user, contact=contact, data=data, request=request)
        except DomainError as error:
            _form_error(form, error)
        else:
            _show_warnings(request, [data.get("impression"), data.get("follow_up")], user, saved.date)
            messages.success(
                request, _("Contact opgeslagen: %(minutes)s minuten.") % {"minutes": saved.duration_minutes}
            )
            return redirect(f"{reverse('registration:week')}?week={saved.date.isoformat()}")
    return render(request, template, {"form": form, "contact": contact, "locked": _lock_reason(contact)})


@login_required
def contact_quick(request):
    """The phone-first form: four choices and save, with the last choices already filled in."""
    require(permissions.can_register(request.user))
    return _contact_form_view(request, QuickContactForm, "registration/contact_quick.html")


@login_required
def contact_create(request):
    """The full contact form, with themes, what the worker did, impression and follow-up."""
    require(permissions.can_register(request.user))
    return _contact_form_view(request, ContactForm, "registration/contact_form.html")


@login_required
def contact_edit(request, pk):
    """Change a contact (refused with the reason when its month is approved)."""
    contact = selectors.get_contact_for_user(request.user, pk, for_write=True)
    return _contact_form_view(request, ContactForm, "registration/contact_form.html", contact=contact)


@login_required
def contact_detail(request, pk):
    """One contact, in full (audited, with the young people it is about)."""
    contact = selectors.get_contact_for_user(request.user, pk)
    young_people = list(contact.young_people.all())
    for young_person_id in [yp.pk for yp in young_people] or [None]:
        audit_log(
            actor=request.user, action=Action.VIEW, target=contact, request=request, young_person_id=young_person_id
        )
    context = {
        "contact": contact,
        "young_people": young_people,
        "themes": list(contact.themes.all()),
        "can_edit": permissions.can_edit_entry(request.user, contact),
    }
    return render(request, "registration/contact_detail.html", context)


@login_required
@require_POST
def contact_delete(request, pk):
    contact = selectors.get_contact_for_user(request.user, pk, for_write=True)
    try:
        services.contact_delete(actor=request.user, contact=contact, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("registration:contact_detail", pk=pk)
    messages.success(request, _("Contact verwijderd."))
    return redirect("registration:week")


@login_required
@require_POST
def contact_follow_up_done(request, pk):
    contact = selectors.get_contact_for_user(request.user, pk, for_write=True)
    services.contact_follow_up_done(actor=request.user, contact=contact, request=request)
    messages.success(request, _("Vervolgactie afgerond."))
    return redirect("registration:contact_detail", pk=pk)


def _time_entry_form_view(request, entry=None):
    user = request.user
    initial = (
        {
            "team": entry.team_id,
            "date": entry.date,
            "duration_minutes": entry.duration_minutes,
            "activity": entry.activity,
            "note": entry.note,
        }
        if entry
        else {}
    )
    form = TimeEntryForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = data.pop("team")
        try:
            if entry is None:
                saved = services.time_entry_create(actor=user, team=team, data=data, request=request)
            else:
                saved = services.time_entry_update(actor=user, entry=entry, data=data, request=request)
        except DomainError as error:
            _form_error(form, error)
        else:
            _show_warnings(request, [data.get("note")], user, saved.date)
            messages.success(request, _("Tijd opgeslagen: %(minutes)s minuten.") % {"minutes": saved.duration_minutes})
            return redirect(f"{reverse('registration:week')}?week={saved.date.isoformat()}")
    context = {"form": form, "entry": entry, "locked": _lock_reason(entry)}
    return render(request, "registration/timeentry_form.html", context)


@login_required
def time_entry_create(request):
    """Log time that is not a contact: date, duration, activity."""
    require(permissions.can_register(request.user))
    return _time_entry_form_view(request)


@login_required
def time_entry_edit(request, pk):
    entry = selectors.get_time_entry_for_user(request.user, pk, for_write=True)
    return _time_entry_form_view(request, entry)


@login_required
@require_POST
def time_entry_delete(request, pk):
    entry = selectors.get_time_entry_for_user(request.user, pk, for_write=True)
    try:
        services.time_entry_delete(actor=request.user, entry=entry, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("registration:time_entry_edit", pk=pk)
    messages.success(request, _("Tijdregistratie verwijderd."))
    return redirect("registration:week")
