"""The dashboard: this week against budget (worker), the team's weeks (lead), agreements (manager)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.permissions import require
from registration import dashboards, permissions, selectors


@login_required
def dashboard(request):
    """One page, a section per capability, with charts and the numbers beside them."""
    user = request.user
    can_register = permissions.can_register(user)
    can_lead = permissions.can_build_reports(user)
    can_manage = permissions.can_manage_agreements(user)
    require(can_register or can_lead)
    context = {
        "week": dashboards.worker_week(user) if can_register else None,
        "teams": dashboards.team_weeks([t.pk for t in selectors.report_teams(user)]) if can_lead else [],
        "agreements": dashboards.agreement_progress(user) if can_manage else [],
        "can_manage": can_manage,
    }
    charts = {
        "teams": [{"id": f"team-{t['team'].pk}", **t["chart"]} for t in context["teams"]],
        "agreements": [
            {
                "id": f"agreement-{a['agreement'].pk}",
                **a["chart"],
                "goals": [{"label": g["description"], "percent": g["percent"]} for g in a["goals"]],
            }
            for a in context["agreements"]
        ],
    }
    context["charts"] = charts
    return render(request, "registration/dashboard.html", context)
