from accounts.selectors import membership_list
from jongerenwerk.hooks import Panel


def home_panels(request):
    """Every home page ends with the person's teams and roles."""
    return [Panel("accounts/panel_my_teams.html", order=900, context={"memberships": membership_list(request.user)})]
