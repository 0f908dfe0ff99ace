from accounts.permissions import can_manage_organisation
from accounts.selectors import invitation_list_open, roles_by_team
from accounts.selectors.outreach import platform_accounts_waiting_for
from jongerenwerk.hooks import Panel

OPEN_INVITATIONS_SHOWN = 5


def home_panels(request):
    """Platform accounts waiting for this person first (when any); administrators see open invitations;
    every home page ends with the person's teams and roles."""
    panels = [Panel("accounts/panel_my_teams.html", order=900, context={"roles": roles_by_team(request.user)})]
    waiting = platform_accounts_waiting_for(request.user)
    if waiting:
        context = {"accounts": waiting, "user_id": request.user.pk}
        panels.append(Panel("accounts/outreach/panel_accounts_waiting.html", order=30, context=context))
    if can_manage_organisation(request.user):
        open_invitations = invitation_list_open(request.user)
        invitations = list(open_invitations[:OPEN_INVITATIONS_SHOWN])
        more = open_invitations.count() - len(invitations) if len(invitations) == OPEN_INVITATIONS_SHOWN else 0
        panels.append(
            Panel(
                "accounts/panel_open_invitations.html",
                order=800,
                context={
                    "invitations": invitations,
                    "more": more,
                },
            )
        )
    return panels
