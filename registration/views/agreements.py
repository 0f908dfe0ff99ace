"""Funder agreements (manager) and the weekly budgets of teams and people (lead, manager)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.permissions import require
from accounts.selectors import get_team_for_user
from jongerenwerk.errors import DomainError
from registration import permissions, selectors, services
from registration.forms import AgreementForm, BudgetForm, GoalFormSet
from registration.permissions import REGISTERING_ROLES


@login_required
def agreement_list(request):
    """The organisation's funder agreements."""
    require(permissions.can_manage_agreements(request.user))
    return render(request, "registration/agreement_list.html", {"agreements": selectors.agreement_list(request.user)})


def _goal_rows(formset):
    goals = []
    for form in formset:
        data = form.cleaned_data
        if data.get("description") and data.get("target"):
            goals.append({k: data[k] for k in ("description", "metric", "target", "per")})
    return goals


def _agreement_form_view(request, agreement=None):
    initial, goal_initial = {}, []
    if agreement is not None:
        initial = {
            f: getattr(agreement, f)
            for f in ("name", "funder", "starts_on", "ends_on", "hour_budget", "monthly_report")
        }
        initial.update(teams=list(agreement.teams.all()), report_recipient=agreement.report_recipient_id)
        goal_initial = list(agreement.goals.values("description", "metric", "target", "per"))
    form = AgreementForm(request.POST or None, user=request.user, initial=initial)
    formset = GoalFormSet(request.POST or None, initial=goal_initial, prefix="goals")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            saved = services.agreement_save(
                actor=request.user,
                data=data,
                teams=list(data["teams"]),
                goals=_goal_rows(formset),
                agreement=agreement,
                request=request,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Opdracht %(name)s opgeslagen.") % {"name": saved.name})
            return redirect("registration:agreement_list")
    return render(
        request, "registration/agreement_form.html", {"form": form, "formset": formset, "agreement": agreement}
    )


@login_required
def agreement_create(request):
    require(permissions.can_manage_agreements(request.user))
    return _agreement_form_view(request)


@login_required
def agreement_edit(request, pk):
    agreement = selectors.get_agreement_for_user(request.user, pk)
    return _agreement_form_view(request, agreement)


@login_required
def budget_team(request, team_id):
    """A team's default weekly budget and each member's own (team lead or manager)."""
    team = get_team_for_user(request.user, team_id)
    require(permissions.can_set_budget(request.user, team.pk))
    if request.method == "POST":
        form = BudgetForm(request.POST)
        if form.is_valid():
            minutes = int(form.cleaned_data["hours"] * 60)
            user_id = form.cleaned_data.get("user")
            try:
                if user_id:
                    member = Membership.objects.get(team=team, user_id=user_id, role__in=REGISTERING_ROLES).user
                    services.budget_set_member(
                        actor=request.user, team=team, user=member, weekly_minutes=minutes, request=request
                    )
                else:
                    services.budget_set_team(actor=request.user, team=team, weekly_minutes=minutes, request=request)
            except (DomainError, Membership.DoesNotExist):
                messages.error(request, _("Dit budget kon niet worden opgeslagen."))
            else:
                messages.success(request, _("Weekbudget opgeslagen."))
                return redirect("registration:budget_team", team_id=team.pk)
        else:
            messages.error(request, _("Vul het aantal uren in, bijvoorbeeld 4."))
    default = selectors.team_budget_minutes(team)
    members = (
        Membership.objects.filter(team=team, role__in=REGISTERING_ROLES)
        .select_related("user")
        .order_by("user__full_name")
    )
    rows = [{"membership": m, "hours": Decimal(m.weekly_budget_minutes or default) / 60} for m in members]
    context = {"team": team, "default_hours": Decimal(default) / 60, "rows": rows}
    return render(request, "registration/budget_team.html", context)
