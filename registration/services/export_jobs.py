"""Large exports built in the background, with progress, so the browser never waits for them."""

import datetime

from django.db import transaction

from accounts.models import User
from registration import exports, reports
from registration.models import ExportJob, FunderAgreement


def _filter_from_params(params, user):
    agreement = None
    if params.get("agreement_id"):
        agreement = FunderAgreement.objects.visible_to(user).get(pk=params["agreement_id"])
    return reports.ReportFilter(
        start=datetime.date.fromisoformat(params["start"]),
        end=datetime.date.fromisoformat(params["end"]),
        team_ids=params["team_ids"],
        worker_ids=params["worker_ids"],
        agreement=agreement,
        activity=params["activity"],
        target_group_ids=params["target_group_ids"],
        platform_ids=params["platform_ids"],
    )


def export_job_run(job_id):
    """Build one export job's file, writing the progress as rows are written; claimed once."""
    with transaction.atomic():
        claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
            status=ExportJob.Status.RUNNING
        )
    if claimed != 1:
        return False
    job = ExportJob.objects.get(pk=job_id)
    user = User.objects.select_related("organisation").get(pk=job.requested_by_id)
    report_filter = _filter_from_params(job.params, user)
    contacts, entries = reports.report_querysets(report_filter)
    total_rows = max(contacts.count() + entries.count(), 1)

    def progress(done):
        ExportJob.objects.filter(pk=job_id).update(progress=min(99, round(100 * done / total_rows)))

    try:
        result = reports.report_build(report_filter)
        if job.format == "xlsx":
            with exports.xlsx_write(result, report_filter, user.organisation.name, progress=progress) as built:
                content = built.read()
        else:
            content = exports.pdf_write(result, report_filter, user.organisation.name)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
        raise
    filename = f"urenrapport-{report_filter.start:%Y%m%d}-{report_filter.end:%Y%m%d}.{job.format}"
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE, progress=100, content=content, filename=filename
    )
    return True


def export_mark(user_id, params, at):
    """Mark the report's contacts and time entries exported at `at` (an ISO time): those that existed then.

    Run by a task after the export's response (one set-based UPDATE per table, first export time kept): on a
    year of a large organisation the UPDATE costs more than writing the file itself.
    """
    user = User.objects.get(pk=user_id)
    return reports.report_mark_exported(_filter_from_params(params, user), at=datetime.datetime.fromisoformat(at))
