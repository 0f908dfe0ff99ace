from jongerenwerk.hooks import Panel
from policy.selectors import outstanding_list, waiting_for_me


def home_panels(request):
    """Policy to acknowledge first, then versions and posts waiting for this person's decision."""
    outstanding = getattr(request, "policy_outstanding", None)
    if outstanding is None:
        outstanding = outstanding_list(request.user)
    panels = []
    if outstanding:
        panels.append(Panel("policy/panel_acknowledge.html", order=10, context={"versions": outstanding[:5]}))
    versions, posts = waiting_for_me(request.user)
    if versions or posts:
        panels.append(Panel("policy/panel_waiting.html", order=40, context={"versions": versions, "posts": posts}))
    return panels
