"""Target groups, personas, the matrix, platform accounts and the platform catalogue. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.forms.outreach import (
    PersonaForm,
    PlatformAccountEditForm,
    PlatformAccountRequestForm,
    PlatformForm,
    PlatformUsageForm,
    ReasonForm,
    TargetGroupCreateForm,
    TargetGroupForm,
    TransferForm,
)
from accounts.models import PlatformAccount, PlatformUsage, Team
from accounts.permissions.outreach import (
    can_activate_account,
    can_add_target_group,
    can_archive_account,
    can_confirm_review,
    can_decide_request,
    can_edit_target_groups,
    can_hand_over_account,
    can_maintain_account,
    can_manage_platforms,
    can_request_account,
    can_see_matrix,
    can_see_outreach,
)
from accounts.permissions.people import require
from accounts.selectors import member_team_ids
from accounts.selectors.outreach import (
    account_owner_choices,
    get_persona_for_user,
    get_platform_account_for_user,
    get_platform_for_admin,
    get_target_group_for_user,
    lead_team_ids,
    outreach_matrix,
    platform_account_list,
    platform_account_timeline,
    platform_catalogue,
    platform_choices,
    platform_is_retired,
    target_group_choices,
    target_group_list,
    target_group_personas,
    target_group_usages,
)
from accounts.selectors.people import get_visible_or_404
from accounts.services import outreach as services
from jongerenwerk.errors import DomainError

FORM_TEMPLATE = "accounts/outreach/form.html"


def _show_error(form, error):
    """Put a refused action's message next to its field (or above the form), keeping what was typed."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _form_page(request, form, *, title, submit, back, intro="", danger=False):
    context = {"form": form, "title": title, "submit": submit, "back": back, "intro": intro, "danger": danger}
    return render(request, FORM_TEMPLATE, context)


# Target groups ---------------------------------------------------------------------------------------


@login_required
def target_group_list_view(request):
    """The team's target groups, active or archived."""
    require(can_see_outreach(request.user))
    archived = request.GET.get("gearchiveerd") == "1"
    context = {
        "target_groups": target_group_list(request.user, archived=archived),
        "archived": archived,
        "can_add": can_add_target_group(request.user),
        "can_see_matrix": can_see_matrix(request.user),
    }
    return render(request, "accounts/outreach/targetgroup_list.html", context)


@login_required
def target_group_create(request):
    """A team lead describes a new target group."""
    require(can_add_target_group(request.user))
    teams = Team.objects.filter(pk__in=lead_team_ids(request.user))
    form = TargetGroupCreateForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "team"}
        try:
            group = services.target_group_create(actor=request.user, team=form.cleaned_data["team"], data=data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Doelgroep ‘%(name)s’ toegevoegd.") % {"name": group.name})
            return redirect("accounts:target_group_detail", pk=group.pk)
    back = reverse("accounts:target_group_list")
    return _form_page(request, form, title=_("Nieuwe doelgroep"), submit=_("Doelgroep opslaan"), back=back)


@login_required
def target_group_detail(request, pk):
    """One target group: description, platform usage with account coverage, personas and accounts."""
    group = get_target_group_for_user(request.user, pk)
    usages = {usage.platform_id: usage for usage in target_group_usages(group)}
    covered = set(group.accounts.live().values_list("platform_id", flat=True))
    rows = [
        {"platform": platform, "usage": usages.get(platform.pk), "has_account": platform.pk in covered}
        for platform in platform_choices(request.user)
    ]
    context = {
        "group": group,
        "rows": rows,
        "never": PlatformUsage.Frequency.NEVER,
        "personas": target_group_personas(group),
        "accounts": group.accounts.select_related("platform", "owner").exclude(
            status__in=PlatformAccount.CLOSED_STATUSES
        ),
        "can_edit": can_edit_target_groups(request.user, group.team_id),
        "can_request": can_request_account(request.user, group.team_id),
    }
    return render(request, "accounts/outreach/targetgroup_detail.html", context)


@login_required
def target_group_edit(request, pk):
    """A team lead changes a target group's description."""
    group = get_target_group_for_user(request.user, pk, for_write=True)
    form = TargetGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_group_update(actor=request.user, target_group=group, data=form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Doelgroep bijgewerkt."))
            return redirect("accounts:target_group_detail", pk=group.pk)
    back = reverse("accounts:target_group_detail", args=[group.pk])
    return _form_page(request, form, title=_("Doelgroep bewerken"), submit=_("Wijzigingen opslaan"), back=back)


@login_required
@require_POST
def target_group_archive(request, pk):
    """Archive a target group, or make an archived one active again."""
    group = get_target_group_for_user(request.user, pk, for_write=True)
    archived = request.POST.get("archived") != "0"
    services.target_group_set_archived(actor=request.user, target_group=group, archived=archived)
    messages.success(request, _("Doelgroep gearchiveerd.") if archived else _("Doelgroep is weer actief."))
    return redirect("accounts:target_group_detail", pk=group.pk)


@login_required
def platform_usage_edit(request, pk, platform_pk):
    """How the target group uses one platform, and what the team does there."""
    group = get_target_group_for_user(request.user, pk, for_write=True)
    platform = get_visible_or_404(platform_choices(request.user), request.user, platform_pk)
    usage = PlatformUsage.objects.filter(target_group=group, platform=platform).first()
    form = PlatformUsageForm(request.POST or None, instance=usage)
    if request.method == "POST" and form.is_valid():
        services.platform_usage_save(actor=request.user, target_group=group, platform=platform, **form.cleaned_data)
        messages.success(request, _("Gebruik van %(platform)s opgeslagen.") % {"platform": platform.name})
        return redirect("accounts:target_group_detail", pk=group.pk)
    title = _("%(group)s op %(platform)s") % {"group": group.name, "platform": platform.name}
    back = reverse("accounts:target_group_detail", args=[group.pk])
    return _form_page(request, form, title=title, submit=_("Opslaan"), back=back)


# Personas -------------------------------------------------------------------------------------------

PERSONA_INTRO = gettext_lazy(
    "Een persona is een verzonnen vertegenwoordiger van de doelgroep, nooit een echte jongere. "
    "Gebruik een verzonnen naam en geen herkenbare details."
)


def _persona_form_page(request, group, persona=None):
    form = PersonaForm(request.POST or None, instance=persona, platforms=platform_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = {
            key: value for key, value in form.cleaned_data.items() if key not in ("preferred_platforms", "is_fictional")
        }
        services.persona_save(
            actor=request.user,
            target_group=group,
            persona=persona,
            data=data,
            preferred_platforms=form.cleaned_data["preferred_platforms"],
        )
        messages.success(request, _("Persona opgeslagen."))
        return redirect("accounts:target_group_detail", pk=group.pk)
    title = _("Persona bewerken") if persona else _("Nieuwe persona voor %(group)s") % {"group": group.name}
    back = reverse("accounts:target_group_detail", args=[group.pk])
    return _form_page(request, form, title=title, submit=_("Persona opslaan"), back=back, intro=PERSONA_INTRO)


@login_required
def persona_create(request, pk):
    """A team lead describes a fictional persona for a target group."""
    group = get_target_group_for_user(request.user, pk, for_write=True)
    return _persona_form_page(request, group)


@login_required
def persona_edit(request, pk):
    """A team lead changes a persona."""
    persona = get_persona_for_user(request.user, pk, for_write=True)
    return _persona_form_page(request, persona.target_group, persona)


@login_required
@require_POST
def persona_delete(request, pk):
    """A team lead removes a persona."""
    persona = get_persona_for_user(request.user, pk, for_write=True)
    group_pk = persona.target_group_id
    services.persona_delete(actor=request.user, persona=persona)
    messages.success(request, _("Persona verwijderd."))
    return redirect("accounts:target_group_detail", pk=group_pk)


# The matrix -----------------------------------------------------------------------------------------


@login_required
def outreach_matrix_view(request):
    """Target groups × platforms: where the groups are, where the team is, and the gaps."""
    require(can_see_matrix(request.user))
    platforms, rows = outreach_matrix(request.user)
    context = {"platforms": platforms, "rows": rows, "gap_total": sum(row.gap_count for row in rows)}
    return render(request, "accounts/outreach/matrix.html", context)


# Platform accounts ----------------------------------------------------------------------------------

ACCOUNT_FILTERS = {"open": "open", "mijn": None, **{status: status for status in PlatformAccount.Status.values}}


@login_required
def account_list(request):
    """The registry of the team's accounts (open ones by default, or one status, or only mine)."""
    require(can_see_outreach(request.user))
    current = request.GET.get("filter", "open")
    if current not in ACCOUNT_FILTERS:
        current = "open"
    accounts = platform_account_list(request.user, status=ACCOUNT_FILTERS[current], mine=current == "mijn")
    context = {
        "accounts": accounts,
        "current": current,
        "statuses": PlatformAccount.Status.choices,
        "can_request": can_request_account(request.user),
    }
    return render(request, "accounts/outreach/platformaccount_list.html", context)


@login_required
def account_request(request):
    """A youth worker or team lead asks for an account; a team lead of the team decides."""
    require(can_request_account(request.user))
    teams = Team.objects.filter(pk__in=member_team_ids(request.user)).order_by("name")
    initial = {"target_groups": request.GET.getlist("doelgroep"), "platform": request.GET.get("platform")}
    form = PlatformAccountRequestForm(
        request.POST or None,
        initial=initial,
        teams=teams,
        platforms=platform_choices(request.user),
        target_groups=target_group_choices(request.user).filter(team__in=teams),
    )
    if request.method == "POST" and form.is_valid():
        try:
            account = services.platform_account_request(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Je aanvraag is verstuurd. Een teamleider van je team beoordeelt hem."))
            return redirect("accounts:account_detail", pk=account.pk)
    back = reverse("accounts:account_list")
    return _form_page(request, form, title=_("Account aanvragen"), submit=_("Aanvraag versturen"), back=back)


@login_required
def account_detail(request, pk):
    """One account: its details, what can be done next, and its timeline."""
    account = get_platform_account_for_user(request.user, pk)
    user = request.user
    context = {
        "account": account,
        "timeline": platform_account_timeline(account),
        "target_groups": account.target_groups.all(),
        "Status": PlatformAccount.Status,
        "can_edit": can_maintain_account(user, account),
        "can_decide": account.status == PlatformAccount.Status.REQUESTED and can_decide_request(user, account),
        "can_activate": account.status == PlatformAccount.Status.APPROVED and can_activate_account(user, account),
        "can_confirm_review": account.status == PlatformAccount.Status.IN_REVIEW and can_confirm_review(user, account),
        "can_archive": not account.is_closed
        and account.status != PlatformAccount.Status.REQUESTED
        and can_archive_account(user, account),
        "can_transfer": not account.is_closed and can_hand_over_account(user, account),
    }
    return render(request, "accounts/outreach/platformaccount_detail.html", context)


@login_required
def account_edit(request, pk):
    """The owner or team lead keeps purpose, hours, target groups and the credentials place current."""
    account = get_platform_account_for_user(request.user, pk, for_write=True)
    initial = {
        "target_groups": list(account.target_groups.all()),
        "purpose": account.purpose,
        "working_hours": account.working_hours,
        "credentials_location": account.credentials_location,
    }
    groups = target_group_choices(request.user, team_id=account.team_id)
    form = PlatformAccountEditForm(request.POST or None, initial=initial, target_groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            services.platform_account_update(actor=request.user, account=account, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Account bijgewerkt."))
            return redirect("accounts:account_detail", pk=account.pk)
    back = reverse("accounts:account_detail", args=[account.pk])
    return _form_page(request, form, title=_("Account bijwerken"), submit=_("Wijzigingen opslaan"), back=back)


def _account_step(request, pk, service, capability, done_message):
    account = get_platform_account_for_user(request.user, pk)
    require(capability(request.user, account))
    try:
        service(account=account, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done_message)
    return redirect("accounts:account_detail", pk=account.pk)


@login_required
@require_POST
def account_approve(request, pk):
    """A team lead (not the requester) approves a request."""
    message = _("Aanvraag goedgekeurd. De eigenaar kan het account nu inrichten.")
    return _account_step(request, pk, services.platform_account_approve, can_decide_request, message)


@login_required
@require_POST
def account_activate(request, pk):
    """The owner says the approved account is set up and in use."""
    message = _("Het account staat nu op actief.")
    return _account_step(request, pk, services.platform_account_activate, can_activate_account, message)


@login_required
@require_POST
def account_review_confirm(request, pk):
    """The owner confirms the periodic review."""
    message = _("Controle bevestigd. De volgende controle staat in de planning.")
    return _account_step(request, pk, services.platform_account_review_confirm, can_confirm_review, message)


def _reason_page(request, pk, *, service, capability, title, submit, done_message, danger=False):
    account = get_platform_account_for_user(request.user, pk)
    require(capability(request.user, account))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(account=account, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, done_message)
            return redirect("accounts:account_detail", pk=account.pk)
    back = reverse("accounts:account_detail", args=[account.pk])
    return _form_page(request, form, title=title, submit=submit, back=back, intro=str(account), danger=danger)


@login_required
def account_reject(request, pk):
    """A team lead (not the requester) rejects a request, with a reason."""
    return _reason_page(
        request,
        pk,
        service=services.platform_account_reject,
        capability=can_decide_request,
        title=_("Aanvraag afwijzen"),
        submit=_("Aanvraag afwijzen"),
        done_message=_("Aanvraag afgewezen. De aanvrager ziet je reden bij het account."),
        danger=True,
    )


@login_required
def account_archive(request, pk):
    """Close an account for good, with a reason."""
    return _reason_page(
        request,
        pk,
        service=services.platform_account_archive,
        capability=can_archive_account,
        title=_("Account archiveren"),
        submit=_("Account archiveren"),
        done_message=_("Account gearchiveerd. De geschiedenis blijft bewaard."),
        danger=True,
    )


@login_required
def account_transfer(request, pk):
    """The team lead hands an account to a colleague (after someone left, or otherwise)."""
    account = get_platform_account_for_user(request.user, pk)
    require(can_hand_over_account(request.user, account) and not account.is_closed)
    form = TransferForm(request.POST or None, owners=account_owner_choices(account))
    if request.method == "POST" and form.is_valid():
        try:
            services.platform_account_transfer(account=account, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Account overgedragen."))
            return redirect("accounts:account_detail", pk=account.pk)
    back = reverse("accounts:account_detail", args=[account.pk])
    return _form_page(
        request, form, title=_("Account overdragen"), submit=_("Overdragen"), back=back, intro=str(account)
    )


# The platform catalogue ------------------------------------------------------------------------------


@login_required
def platform_list(request):
    """The platforms the organisation works with; administrators add and retire them."""
    require(can_manage_platforms(request.user))
    organisation_id = request.user.organisation_id
    rows = [(platform, platform_is_retired(platform, organisation_id)) for platform in platform_catalogue(request.user)]
    return render(request, "accounts/outreach/platform_list.html", {"rows": rows})


@login_required
def platform_create(request):
    """An administrator adds a platform with its handle rule."""
    require(can_manage_platforms(request.user))
    form = PlatformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            platform = services.platform_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Platform ‘%(name)s’ toegevoegd.") % {"name": platform.name})
            return redirect("accounts:platform_list")
    back = reverse("accounts:platform_list")
    return _form_page(request, form, title=_("Platform toevoegen"), submit=_("Platform opslaan"), back=back)


@login_required
@require_POST
def platform_retire(request, pk):
    """Retire a platform for the organisation (history stays) or bring it back."""
    require(can_manage_platforms(request.user))
    platform = get_platform_for_admin(request.user, pk)
    retired = request.POST.get("retired") != "0"
    services.platform_set_retired(actor=request.user, platform=platform, retired=retired)
    if retired:
        messages.success(
            request,
            _("%(name)s is niet meer in gebruik. Bestaande accounts blijven bewaard.") % {"name": platform.name},
        )
    else:
        messages.success(request, _("%(name)s is weer in gebruik.") % {"name": platform.name})
    return redirect("accounts:platform_list")
