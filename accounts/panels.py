from accounts.permissions import can_manage_organisation
from accounts.selectors import invitation_list_open, membership_list
from jongerenwerk.hooks import Panel

OPEN_INVITATIONS_SHOWN = 5


def home_panels(request):
    """Every home page ends with the person's teams and roles; administrators also see open invitations."""
    panels = [Panel("accounts/panel_my_teams.html", order=900, context={"memberships": membership_list(request.user)})]
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
