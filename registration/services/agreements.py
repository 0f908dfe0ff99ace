"""Funder agreements with their goals, and the weekly online-work budgets."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from registration.models import AgreementGoal, FunderAgreement, TeamBudget
from registration.permissions import REGISTERING_ROLES, can_manage_agreements, can_set_budget

AGREEMENT_FIELDS = ("name", "funder", "starts_on", "ends_on", "hour_budget", "monthly_report", "report_recipient")


@transaction.atomic
def agreement_save(*, actor, data, teams, goals, agreement=None, request=None):
    """Create or change a funder agreement with its teams and goals (manager only, audited)."""
    if not can_manage_agreements(actor):
        raise DomainError(_("Alleen een manager legt opdrachten vast."))
    if data["ends_on"] < data["starts_on"]:
        raise DomainError(_("De einddatum ligt voor de begindatum."), field="ends_on")
    if any(team.organisation_id != actor.organisation_id for team in teams) or not teams:
        raise DomainError(_("Kies een of meer teams van je organisatie."), field="teams")
    created = agreement is None
    if created:
        agreement = FunderAgreement(organisation_id=actor.organisation_id, created_by=actor)
    for field in AGREEMENT_FIELDS:
        setattr(agreement, field, data.get(field))
    agreement.save()
    agreement.teams.set(teams)
    agreement.goals.all().delete()
    AgreementGoal.objects.bulk_create(AgreementGoal(agreement=agreement, **goal) for goal in goals)
    audit_log(actor=actor, action=Action.CREATE if created else Action.CHANGE, target=agreement, request=request)
    return agreement


@transaction.atomic
def budget_set_team(*, actor, team, weekly_minutes, request=None):
    """Set a team's default weekly online-work budget (manager or that team's lead)."""
    if not can_set_budget(actor, team.pk):
        raise DomainError(_("Het weekbudget van een team stelt de teamleider of een manager in."))
    budget, _created = TeamBudget.objects.update_or_create(team=team, defaults={"weekly_minutes": weekly_minutes})
    audit_log(actor=actor, action=Action.CHANGE, target=budget, request=request, detail=f"{weekly_minutes} min")
    return budget


@transaction.atomic
def budget_set_member(*, actor, team, user, weekly_minutes, request=None):
    """Adjust one person's weekly budget in a team (None: the team's default applies)."""
    if not can_set_budget(actor, team.pk):
        raise DomainError(_("Het weekbudget van een team stelt de teamleider of een manager in."))
    updated = Membership.objects.filter(team=team, user=user, role__in=REGISTERING_ROLES).update(
        weekly_budget_minutes=weekly_minutes
    )
    if not updated:
        raise DomainError(_("Deze persoon registreert niet in dit team."))
    audit_log(
        actor=actor, action=Action.CHANGE, target=user, request=request, detail=f"budget {team.pk}: {weekly_minutes}"
    )
