"""A person's own notifications: the list behind the bell."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from notifications.selectors import notification_list
from notifications.services import notification_mark_read


@login_required
@require_safe
def notification_index(request):
    """The due notifications of this person, newest first, 30 a page."""
    page = Paginator(notification_list(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read_all(request):
    """Mark every due notification of this person as read."""
    count = notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d meldingen gemarkeerd als gelezen.") % {"count": count})
    return redirect("notifications:list")
