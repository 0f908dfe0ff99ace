from jongerenwerk.hooks import Panel
from signals import permissions, selectors


def home_panels(request):
    """Leads: what is urgent, overdue and waiting; workers: their own open signals and actions."""
    user = request.user
    panels = []
    if permissions.can_see_queue(user):
        panels.append(
            Panel("signals/panel_lead.html", order=10, context={"counts": selectors.lead_attention_counts(user)})
        )
    elif permissions.can_report(user):
        signals, actions = selectors.my_open_work(user)
        panels.append(Panel("signals/panel_worker.html", order=20, context={"signals": signals, "actions": actions}))
    return panels
