import datetime

from django.utils import timezone

from jongerenwerk.hooks import Panel
from registration import dashboards, permissions, selectors


def home_panels(request):
    """Workers: log a contact, this week against budget and follow-ups due (two queries and the budget)."""
    user = request.user
    if not permissions.can_register(user):
        return []
    today = timezone.localdate()
    follow_ups = list(selectors.follow_ups_due(user, today + datetime.timedelta(days=2))[:5])
    panels = [Panel("registration/panel_week.html", order=50, context={"week": dashboards.worker_week(user, today)})]
    if follow_ups:
        panels.append(Panel("registration/panel_follow_ups.html", order=20, context={"follow_ups": follow_ups}))
    return panels
