from jongerenwerk.hooks import Panel
from policy.selectors import outstanding_versions


def home_panels(request):
    """Policy this person still has to read and confirm comes near the top."""
    outstanding = list(outstanding_versions(request.user)[:5])
    if not outstanding:
        return []
    return [Panel("policy/panel_acknowledge.html", order=10, context={"versions": outstanding})]
