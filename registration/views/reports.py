"""Reports for managers and team leads, and their exports (CSV streamed, XLSX, PDF; large ones as a task)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from audit.services import Action, audit_log
from registration import exports, permissions, reports
from registration.forms import ReportForm
from registration.models import ExportJob
from registration.tasks import export_build, export_mark

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _async_rows():
    # Above this many rows an XLSX or PDF is built by a Celery task with a progress page.
    return getattr(settings, "REGISTRATION_EXPORT_ASYNC_ROWS", 20000)


def _filename(report_filter, fmt):
    return f"urenrapport-{report_filter.start:%Y%m%d}-{report_filter.end:%Y%m%d}.{fmt}"


@login_required
def report(request):
    """Build a report: the filters, then totals, breakdowns, goal progress and the export buttons."""
    require(permissions.can_build_reports(request.user))
    form = ReportForm(request.GET or None, user=request.user)
    result = None
    if form.is_bound and form.is_valid():
        result, breakdowns_html = reports.report_page(form.report_filter())
    context = {"form": form, "report": result, "query": request.GET.urlencode()}
    if result:
        context["breakdowns_html"] = breakdowns_html
        context["chart"] = {
            "id": "report-weeks",
            "labels": [week.strftime("%d-%m") for week, _hours in result["weeks"]],
            "hours": [hours for _week, hours in result["weeks"]],
        }
    return render(request, "registration/report.html", context)


def _audit_export(request, report_filter, fmt):
    audit_log(
        actor=request.user,
        action=Action.EXPORT,
        request=request,
        object_type="registration.report",
        detail=f"{fmt} {report_filter.start}..{report_filter.end}",
    )
    # The entries are marked exported by a task once this request commits (the rows that existed now).
    params, at = report_filter.as_params(), timezone.now().isoformat()
    transaction.on_commit(lambda: export_mark.delay(request.user.pk, params, at))


@login_required
@require_POST
def report_export(request, fmt):
    """Download the report: CSV and XLSX stream from a temporary file; XLSX and PDF as a task when large."""
    require(permissions.can_build_reports(request.user))
    if fmt not in FORMATS:
        return redirect("registration:report")
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Kies eerst een geldige periode en filters."))
        return redirect("registration:report")
    report_filter = form.report_filter()
    contacts, entries = reports.report_querysets(report_filter)
    if fmt != "csv" and contacts.count() + entries.count() > _async_rows():
        job = ExportJob.objects.create(
            organisation_id=request.user.organisation_id,
            requested_by=request.user,
            format=fmt,
            params=report_filter.as_params(),
        )
        _audit_export(request, report_filter, fmt)
        export_build.delay(job.pk)
        return redirect("registration:export_status", pk=job.pk)
    _audit_export(request, report_filter, fmt)
    if fmt == "csv":
        # The detail rows and only the totals row (no breakdowns), written to a temporary file the response streams.
        total = reports.totals(contacts, entries)
        response = FileResponse(exports.csv_file(total, report_filter), content_type=FORMATS["csv"])
        response.block_size = exports.RESPONSE_BLOCK
        response["Content-Disposition"] = f'attachment; filename="{_filename(report_filter, fmt)}"'
        return response
    result = reports.report_build(report_filter)
    organisation = request.user.organisation.name
    if fmt == "xlsx":
        response = FileResponse(exports.xlsx_write(result, report_filter, organisation), content_type=FORMATS[fmt])
        response.block_size = exports.RESPONSE_BLOCK
    else:
        response = HttpResponse(exports.pdf_write(result, report_filter, organisation), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_filename(report_filter, fmt)}"'
    return response


def _job_for_user(request, pk):
    return get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk, requested_by=request.user)


@login_required
def export_status(request, pk):
    """The progress of a large export (the page polls this as JSON), and its download when done."""
    job = _job_for_user(request, pk)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(
            {
                "status": job.status,
                "progress": job.progress,
                "download": reverse("registration:export_download", args=[job.pk])
                if job.status == ExportJob.Status.DONE
                else "",
            }
        )
    return render(request, "registration/export_status.html", {"job": job})


@login_required
def export_download(request, pk):
    job = _job_for_user(request, pk)
    if job.status != ExportJob.Status.DONE:
        return redirect("registration:export_status", pk=job.pk)
    response = HttpResponse(bytes(job.content), content_type=FORMATS[job.format])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
