"""The audit log page for administrators."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.permissions import can_read_audit_log, require
from accounts.selectors import organisation_members
from audit.forms import AuditFilterForm
from audit.selectors import audit_event_list, audit_object_types

PAGE_SIZE = 50


@login_required
@require_safe
def audit_index(request):
    """Who did what, when, to which object, in this organisation; filtered and 50 a page."""
    require(can_read_audit_log(request.user))
    form = AuditFilterForm(
        request.GET or None,
        people=organisation_members(request.user),
        object_types=audit_object_types(request.user),
    )
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    events = audit_event_list(request.user, **filters) if form.is_valid() or not request.GET else []
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/auditevent_list.html", {"form": form, "page": page, "query": query.urlencode()})
