"""The person's own settings and teams, and organisation management for administrators."""

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.forms.people import (
    InvitationAcceptForm,
    InvitationForm,
    MemberFilterForm,
    MembershipRolesForm,
    TeamForm,
)
from accounts.permissions import can_manage_organisation, require
from accounts.selectors import (
    get_invitation_for_admin,
    get_member_for_admin,
    get_team_for_admin,
    invitation_by_token,
    invitation_list_open,
    member_list,
    membership_list,
    organisation_teams,
)
from accounts.services import people as services
from jongerenwerk.errors import DomainError


def _form_error(form, error):
    """Show a service's refusal next to its field (or above the form), keeping what was typed."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_POST
def language_switch(request):
    """Switch the interface language; remembered on the person's profile, or in a cookie before login."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@login_required
@require_safe
def my_teams(request):
    """The teams this person works in, with their role in each."""
    return render(request, "accounts/my_teams.html", {"memberships": membership_list(request.user)})


# Teams ------------------------------------------------------------------------------------------


@login_required
def team_list(request):
    """The organisation's teams with how many people are in each, and a form to add a team."""
    require(can_manage_organisation(request.user))
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(actor=request.user, name=form.cleaned_data["name"], request=request)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Team %(name)s is aangemaakt.") % {"name": team.name})
            return redirect("accounts:team_list")
    teams = organisation_teams(request.user).annotate(people=Count("memberships__user", distinct=True))
    return render(request, "accounts/team_list.html", {"teams": teams, "form": form})


@login_required
def team_edit(request, pk):
    """Rename one team."""
    team = get_team_for_admin(request.user, pk)
    form = TeamForm(request.POST or None, initial={"name": team.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.team_rename(actor=request.user, team=team, name=form.cleaned_data["name"], request=request)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De naam van het team is gewijzigd."))
            return redirect("accounts:team_list")
    return render(request, "accounts/team_edit.html", {"team": team, "form": form})


# Members ----------------------------------------------------------------------------------------


@login_required
@require_safe
def member_list_view(request):
    """The organisation's people, filtered by team, role and status, 50 a page."""
    require(can_manage_organisation(request.user))
    form = MemberFilterForm(request.GET or None, teams=organisation_teams(request.user))
    filters = {}
    if form.is_valid():
        team = form.cleaned_data.get("team")
        filters = {"team_id": team.pk if team else None, "role": form.cleaned_data.get("role"), "active": form.active()}
    page = Paginator(member_list(request.user, **filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/member_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def member_detail(request, pk):
    """One person: their roles per team, adding them to a team, and (de)activation."""
    member = get_member_for_admin(request.user, pk)
    return _member_page(request, member, MembershipRolesForm(teams=organisation_teams(request.user)))


def _member_page(request, member, add_form, status=200):
    memberships = member_list(request.user).get(pk=member.pk).memberships.all()
    teams = {}
    for membership in memberships:
        teams.setdefault(membership.team, []).append(membership.role)
    context = {
        "member": member,
        "teams": list(teams.items()),
        "add_form": add_form,
        "role_choices": MembershipRolesForm.base_fields["roles"].choices,
        "is_self": member.pk == request.user.pk,
    }
    return render(request, "accounts/member_detail.html", context, status=status)


@login_required
@require_POST
def member_roles(request, pk):
    """Set one person's roles in one team (no roles: take them out of the team)."""
    member = get_member_for_admin(request.user, pk)
    form = MembershipRolesForm(request.POST, teams=organisation_teams(request.user))
    if form.is_valid():
        team, roles = form.cleaned_data["team"], form.cleaned_data["roles"]
        try:
            services.membership_set_roles(actor=request.user, member=member, team=team, roles=roles, request=request)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De rollen in %(team)s zijn opgeslagen.") % {"team": team.name})
            return redirect("accounts:member_detail", pk=member.pk)
    return _member_page(request, member, form, status=400)


@login_required
@require_POST
def member_activation(request, pk):
    """Deactivate (ends all sessions now) or reactivate one person."""
    member = get_member_for_admin(request.user, pk)
    try:
        if request.POST.get("active") == "1":
            services.member_reactivate(actor=request.user, member=member, request=request)
            messages.success(request, _("Deze persoon kan weer inloggen."))
        else:
            services.member_deactivate(actor=request.user, member=member, request=request)
            messages.success(request, _("Deze persoon is gedeactiveerd en overal uitgelogd."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("accounts:member_detail", pk=member.pk)


# Invitations ------------------------------------------------------------------------------------


@login_required
def invitation_list(request):
    """The open invitations, and a form to invite someone to a team."""
    require(can_manage_organisation(request.user))
    form = InvitationForm(request.POST or None, teams=organisation_teams(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invitation_create(
                actor=request.user, team=data["team"], email=data["email"], role=data["role"], request=request
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": data["email"]})
            return redirect("accounts:invitation_list")
    invitations = invitation_list_open(request.user)
    return render(request, "accounts/invitation_list.html", {"form": form, "invitations": invitations})


@login_required
@require_POST
def invitation_revoke(request, pk):
    """Stop an open invitation link from working."""
    invitation = get_invitation_for_admin(request.user, pk)
    services.invitation_revoke(actor=request.user, invitation=invitation, request=request)
    messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect("accounts:invitation_list")


def invitation_accept(request, token):
    """Open to anyone with the link: choose a name and password, and start working."""
    invitation = invitation_by_token(token)
    refusal = services.invitation_refusal(invitation, user=request.user)
    if refusal:
        return _invitation_refused(request, invitation, refusal)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                user=request.user,
                request=request,
            )
        except DomainError as error:
            if error.field is None:
                return _invitation_refused(request, invitation, error.message)
            _form_error(form, error)
        else:
            messages.success(request, _("Welkom! Je account is klaar."))
            return perform_login(request, member, redirect_url="/")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


def _invitation_refused(request, invitation, message):
    # 404: no such link; 410: used, revoked or expired; 403: meant for someone else who is logged in.
    status = 404 if invitation is None else 403 if request.user.is_authenticated else 410
    return render(request, "accounts/invitation_refused.html", {"message": message}, status=status)
