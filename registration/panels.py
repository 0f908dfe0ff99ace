import datetime

from django.utils import timezone

from accounts.models import Membership, Team
from jongerenwerk.hooks import Panel
from registration import dashboards, permissions
from registration.models import MonthApproval


def _months_to_approve(user, today):
    """Team leads: the led teams whose last month is not yet approved (one query)."""
    from accounts.selectors import memberships_of

    led = [tid for tid, role in memberships_of(user) if role == Membership.Role.TEAM_LEAD]
    if not led:
        return []
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    approved = MonthApproval.objects.filter(month=month, status=MonthApproval.Status.APPROVED).values("team_id")
    teams = list(Team.objects.filter(pk__in=led).exclude(pk__in=approved).order_by("name"))
    if not teams:
        return []
    return [Panel("registration/panel_months.html", order=30, context={"teams": teams, "month": month})]


def home_panels(request):
    """Workers: log a contact, this week against budget, follow-ups due; leads: the month to approve."""
    user = request.user
    today = timezone.localdate()
    panels = _months_to_approve(user, today)
    if not permissions.can_register(user):
        return panels
    week = dashboards.worker_week(user, today)
    panels.append(Panel("registration/panel_week.html", order=50, context={"week": week}))
    if week["follow_ups"]:
        panels.append(Panel("registration/panel_follow_ups.html", order=20, context={"follow_ups": week["follow_ups"]}))
    return panels
