"""Policy not yet acknowledged comes first: the home page checks, every other page follows the session's answer."""

from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "jw_policy_ack_due"
# Pages a person with policy to acknowledge may still open: the acknowledgement itself, login/logout and MFA,
# static files and the language switch.
EXEMPT_PREFIXES = ("/beleid/bevestigen/", "/account/", "/static/", "/taal/")


class PolicyAcknowledgementMiddleware:
    """Send a person with an unacknowledged (and not postponed) version to read and confirm it.

    The database is asked only on the home page, where everyone arrives after login; the answer is kept in
    the session so other pages cost no query. Only GET requests are redirected: a form being saved is never lost.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # htmx fragments are left alone: the page around them was already checked.
        if (
            request.method == "GET"
            and user.is_authenticated
            and not request.headers.get("HX-Request")
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            if request.path == reverse("home"):
                from policy.selectors import acknowledgement_due

                due = acknowledgement_due(user, outstanding_sink=request)
                if due is None:
                    request.session.pop(SESSION_KEY, None)
                else:
                    request.session[SESSION_KEY] = due.pk
            pending = request.session.get(SESSION_KEY)
            if pending:
                return redirect("policy:acknowledge", pk=pending)
        return self.get_response(request)
