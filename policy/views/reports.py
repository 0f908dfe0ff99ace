"""The completion report: who has acknowledged which version, with days outstanding; CSV export."""

import csv
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require
from audit.models import AuditEvent
from audit.services import audit_log
from jongerenwerk.links import object_url_parts
from policy import selectors
from policy.permissions import can_view_completion_report


def _csv_safe(value):
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def report(request):
    """Per document and published version: how many acknowledged, how many not."""
    require(can_view_completion_report(request.user))
    overview = selectors.completion_overview(request.user)
    before, after = object_url_parts("policy:report_version")
    for item in overview:
        item["url"] = f"{before}{item['pk']}{after}"
    return render(request, "policy/report_overview.html", {"overview": overview})


@login_required
def report_version(request, pk):
    """One version: each person it applies to, acknowledged or not, and for how many days; 50 a page.

    The counts cover everyone; `status` keeps only the open or only the acknowledged people.
    """
    require(can_view_completion_report(request.user))
    version = selectors.get_version_for_report(request.user, pk)
    status = request.GET.get("status")
    if status not in selectors.COMPLETION_FILTERS:
        status = None
    rows, counts = selectors.completion_report(request.user, version, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "version": version,
        "page": page,
        "counts": counts,
        "status": status,
        "query": urlencode({"status": status}) if status else "",
    }
    return render(request, "policy/report_version.html", context)


@login_required
def report_version_csv(request, pk):
    """The same list as a CSV file (audited export)."""
    require(can_view_completion_report(request.user))
    version = selectors.get_version_for_report(request.user, pk)
    rows = selectors.completion_rows(request.user, version)
    audit_log(
        actor=request.user, action=AuditEvent.Action.EXPORT, target=version, request=request, detail="completion csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="kennisname-{version.document_id}-v{version.number}-{stamp}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([_("Naam"), _("E-mailadres"), _("Bevestigd op"), _("Dagen open")])
    for row in rows:
        acknowledged = (
            timezone.localtime(row["acknowledged_at"]).strftime("%Y-%m-%d %H:%M") if row["acknowledged_at"] else ""
        )
        days = "" if row["days_outstanding"] is None else row["days_outstanding"]
        writer.writerow([_csv_safe(row["name"]), _csv_safe(row["email"]), acknowledged, days])
    return response
