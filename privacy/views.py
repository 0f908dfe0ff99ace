"""Privacy pages for the administrator: retention, legal holds, destruction log, access overviews, full files."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import require
from accounts.selectors import organisation_members
from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from privacy import permissions, selectors
from privacy.forms import LegalHoldForm, PeriodForm, ReleaseForm, RetentionSettingsForm
from privacy.services.exports import young_person_file, young_person_file_pdf
from privacy.services.retention import (
    legal_hold_place,
    legal_hold_release,
    retention_settings_for,
    retention_settings_update,
)

PAGE_SIZE = 50


@login_required
@require_safe
def privacy_index(request):
    """Where the administrator starts: the people whose access can be looked up, and the retention pages."""
    require(permissions.can_read_access_overviews(request.user))
    number = request.GET.get("jongere", "")
    if number.isdigit():
        return redirect("privacy:young_person_access", young_person_id=int(number))
    return render(request, "privacy/privacy_index.html", {"people": organisation_members(request.user)})


def _add_error(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def retention_settings(request):
    """The retention periods per kind of record, and the legal holds (administrator)."""
    require(permissions.can_manage_retention(request.user))
    current = retention_settings_for(request.user.organisation_id)
    form = RetentionSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        retention_settings_update(actor=request.user, data=form.cleaned_data, request=request)
        messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
        return redirect("privacy:retention")
    context = {"form": form, "hold_form": LegalHoldForm(), "holds": selectors.legal_hold_list(request.user)[:200]}
    return render(request, "privacy/retention_settings.html", context)


@login_required
def hold_place(request):
    """Put a legal hold on one record, with a reason (administrator, audited)."""
    require(permissions.can_manage_retention(request.user))
    form = LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            legal_hold_place(actor=request.user, request=request, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("De bewaarplicht staat erop: dit gegeven wordt niet verwijderd."))
            return redirect("privacy:retention")
    return render(request, "privacy/legalhold_form.html", {"form": form})


@login_required
def hold_release(request, pk):
    """Lift a legal hold, with a reason (administrator, audited)."""
    hold = selectors.get_hold_for_admin(request.user, pk)
    require(permissions.can_manage_retention(request.user))
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            legal_hold_release(actor=request.user, hold=hold, reason=form.cleaned_data["reason"], request=request)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("De bewaarplicht is opgeheven."))
            return redirect("privacy:retention")
    return render(request, "privacy/legalhold_release.html", {"form": form, "hold": hold})


@login_required
@require_safe
def destruction_list(request):
    """What the retention rules removed: kind, when, which rule, how many and which numbers."""
    require(permissions.can_manage_retention(request.user))
    page = Paginator(selectors.destruction_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/destructionrecord_list.html", {"page": page})


def _overview(request, events, template, context):
    form = PeriodForm(request.GET or None)
    page = Paginator(events(**form.period()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {**context, "form": form, "page": page, "query": query.urlencode()})


def _csv(events, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [_("tijdstip"), _("wie"), _("handeling"), _("soort gegeven"), _("gegeven"), _("jongere"), _("namens")]
    )
    for event in events.iterator(chunk_size=1000):
        who = event.actor.full_name if event.actor else _("het systeem")
        at = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")
        row = [at, who, event.get_action_display(), event.object_type, event.object_id, event.young_person_id or ""]
        writer.writerow([*row, event.on_behalf_of])
    return response


@login_required
@require_safe
def young_person_access(request, young_person_id):
    """Who looked at, changed or exported this young person's records, in a period (administrator)."""
    record = selectors.young_person_in_organisation(request.user, young_person_id)
    require(permissions.can_read_access_overviews(request.user))

    def events(**period):
        return selectors.young_person_access_list(request.user, young_person_id, **period)

    context = {"young_person_id": young_person_id, "record": record}
    return _overview(request, events, "privacy/young_person_access.html", context)


@login_required
@require_POST
def young_person_access_csv(request, young_person_id):
    """The young person's access overview as CSV for the chosen period (the export itself is audited)."""
    selectors.young_person_in_organisation(request.user, young_person_id)
    require(permissions.can_read_access_overviews(request.user))
    period = PeriodForm(request.POST).period()
    audit_log(
        actor=request.user,
        action=Action.EXPORT,
        request=request,
        object_type="privacy.young_person_access",
        object_id=young_person_id,
        young_person_id=young_person_id,
        detail="access overview csv",
    )
    events = selectors.young_person_access_list(request.user, young_person_id, **period)
    return _csv(events, f"inzage-jongere-{young_person_id}.csv")


@login_required
@require_safe
def worker_access(request, pk):
    """What one person looked at, changed or exported, in a period (administrator)."""
    worker = selectors.get_worker_for_admin(request.user, pk)

    def events(**period):
        return selectors.worker_access_list(request.user, worker, **period)

    return _overview(request, events, "privacy/worker_access.html", {"worker": worker})


@login_required
@require_POST
def worker_access_csv(request, pk):
    """One person's access overview as CSV for the chosen period (the export itself is audited)."""
    worker = selectors.get_worker_for_admin(request.user, pk)
    period = PeriodForm(request.POST).period()
    audit_log(
        actor=request.user,
        action=Action.EXPORT,
        request=request,
        object_type="privacy.worker_access",
        object_id=worker.pk,
        detail="access overview csv",
    )
    return _csv(selectors.worker_access_list(request.user, worker, **period), f"inzage-medewerker-{worker.pk}.csv")


def _young_person_for_file(request, young_person_id):
    record = selectors.young_person_in_organisation(request.user, young_person_id)
    require(permissions.can_export_young_person_file(request.user))
    if record is None:
        raise Http404
    return record


@login_required
@require_POST
def young_person_json(request, young_person_id):
    """Everything held about one young person, with their access log, as JSON (one audited export)."""
    young_person = _young_person_for_file(request, young_person_id)
    data = young_person_file(actor=request.user, young_person=young_person, request=request)
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="jongere-{young_person.pk}.json"'
    return response


@login_required
@require_POST
def young_person_pdf(request, young_person_id):
    """The same file as a readable PDF, with the access log (one audited export)."""
    young_person = _young_person_for_file(request, young_person_id)
    data = young_person_file(actor=request.user, young_person=young_person, request=request)
    response = HttpResponse(young_person_file_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="jongere-{young_person.pk}.pdf"'
    return response
