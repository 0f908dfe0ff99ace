"""A team's month: the overview the team lead approves, and the manager's reopen."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from accounts.selectors import get_team_for_user
from jongerenwerk.errors import DomainError
from registration import permissions, selectors, services
from registration.forms import ReopenForm
from registration.models import MonthApproval


def _month(value):
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except ValueError as error:
        raise Http404 from error


def _recent_months(count=6):
    month = timezone.localdate().replace(day=1)
    months = []
    for _index in range(count):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months


@login_required
def month_list(request):
    """The last six months of the teams this person approves or reopens, with their status."""
    require(permissions.can_build_reports(request.user))
    teams = list(selectors.report_teams(request.user))
    months = _recent_months()
    approved = {
        (a.team_id, a.month): a
        for a in MonthApproval.objects.visible_to(request.user).filter(team__in=teams, month__in=months)
    }
    rows = [
        {"team": team, "months": [{"month": m, "approval": approved.get((team.pk, m))} for m in months]}
        for team in teams
    ]
    return render(request, "registration/month_list.html", {"rows": rows})


@login_required
def month_detail(request, team_id, month):
    """One team's month: per worker the contacts and hours; approve (lead) or reopen (manager)."""
    team = get_team_for_user(request.user, team_id)
    month = _month(month)
    require(permissions.can_approve_month(request.user, team.pk) or permissions.can_reopen_month(request.user))
    overview = selectors.month_overview(request.user, team, month)
    approval = overview["approval"]
    locked = approval is not None and approval.is_locked
    context = {
        "team": team,
        "month": month,
        "overview": overview,
        "locked": locked,
        "events": list(approval.events.select_related("actor")) if approval else [],
        "can_approve": not locked and permissions.can_approve_month(request.user, team.pk),
        "can_reopen": locked and permissions.can_reopen_month(request.user),
        "reopen_form": ReopenForm(),
        "is_past": month < timezone.localdate().replace(day=1),
    }
    return render(request, "registration/month_detail.html", context)


@login_required
@require_POST
def month_approve(request, team_id, month):
    team = get_team_for_user(request.user, team_id)
    month = _month(month)
    require(permissions.can_approve_month(request.user, team.pk))
    try:
        services.month_approve(team=team, month=month, actor=request.user, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Maand goedgekeurd: de registraties staan nu vast."))
    return redirect("registration:month_detail", team_id=team.pk, month=f"{month:%Y-%m}")


@login_required
@require_POST
def month_reopen(request, team_id, month):
    team = get_team_for_user(request.user, team_id)
    month = _month(month)
    require(permissions.can_reopen_month(request.user))
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.month_reopen(
                team=team, month=month, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Maand heropend: de registraties kunnen weer worden aangepast."))
            return redirect("registration:month_detail", team_id=team.pk, month=f"{month:%Y-%m}")
    else:
        messages.error(request, _("Schrijf op waarom de maand weer open moet."))
    return redirect("registration:month_detail", team_id=team.pk, month=f"{month:%Y-%m}")
