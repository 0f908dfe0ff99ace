"""Young-person records: list, detail with chronology, merge, export (access request) and erasure."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from audit.services import Action, audit_log
from jongerenwerk.errors import DomainError
from registration import permissions, selectors, services
from registration.forms import MergeForm, YoungPersonForm
from registration.services.young_people import young_person_signals


@login_required
def young_person_list(request):
    """The team's young people by pseudonym, 50 a page (searchable)."""
    require(permissions.can_register(request.user) or permissions.can_build_reports(request.user))
    people = selectors.young_person_list(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(pseudonym__icontains=query)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "registration/youngperson_list.html", {"page": page, "query": query})


def _chronology(young_person, user):
    """The young person's contacts, and signals when the signals app links them, newest first."""
    items = [
        {"date": c.date, "kind": "contact", "object": c}
        for c in young_person.contacts.select_related("platform", "worker").order_by("-date")
    ]
    signals = young_person_signals(young_person)
    if signals is not None and hasattr(signals.model.objects, "visible_to"):
        # Signals are need-to-know: only those this person may open are listed (others never show they exist).
        signals = signals.filter(pk__in=signals.model.objects.visible_to(user).values("pk"))
    for signal in signals.order_by("-pk")[:200] if signals is not None else []:
        moment = getattr(signal, "created_at", None)
        items.append({"date": timezone.localdate(moment) if moment else None, "kind": "signal", "object": signal})
    return sorted(items, key=lambda item: (item["date"] is not None, item["date"]), reverse=True)


@login_required
def young_person_detail(request, pk):
    """One young person with their chronology (audited)."""
    young_person = selectors.get_young_person_for_user(request.user, pk)
    audit_log(
        actor=request.user, action=Action.VIEW, target=young_person, request=request, young_person_id=young_person.pk
    )
    can_merge = permissions.can_merge_or_erase_young_person(request.user, young_person)
    context = {
        "young_person": young_person,
        "handles": list(young_person.handles.select_related("platform")),
        "chronology": _chronology(young_person, request.user),
        "can_edit": permissions.can_manage_young_people(request.user, young_person.team_id),
        "can_merge": can_merge,
        "can_export": permissions.can_export_young_person(request.user, young_person),
        "erase_refusal": services.young_person_erasure_refusal(young_person) if can_merge else None,
        "merge_form": MergeForm(user=request.user, young_person=young_person) if can_merge else None,
    }
    return render(request, "registration/youngperson_detail.html", context)


def _form_view(request, young_person=None):
    initial = {}
    if young_person is not None:
        initial = {f: getattr(young_person, f) for f in ("pseudonym", "initials", "birth_year")}
        initial.update(team=young_person.team_id, target_group=young_person.target_group_id)
        for index, handle in enumerate(young_person.handles.all()[:2], start=1):
            initial.update({f"handle_platform_{index}": handle.platform_id, f"handle_{index}": handle.handle})
    form = YoungPersonForm(request.POST or None, user=request.user, initial=initial)
    if young_person is not None:
        form.fields["team"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if young_person is None:
                saved = services.young_person_create(
                    actor=request.user,
                    team=data["team"],
                    pseudonym=data["pseudonym"],
                    initials=data["initials"],
                    birth_year=data["birth_year"],
                    target_group=data["target_group"],
                    handles=form.handles(),
                    request=request,
                )
            else:
                saved = services.young_person_update(
                    actor=request.user, young_person=young_person, data=data, handles=form.handles(), request=request
                )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Jongere %(pseudonym)s opgeslagen.") % {"pseudonym": saved.pseudonym})
            return redirect("registration:young_person_detail", pk=saved.pk)
    return render(request, "registration/youngperson_form.html", {"form": form, "young_person": young_person})


@login_required
def young_person_create(request):
    require(permissions.can_register(request.user))
    return _form_view(request)


@login_required
def young_person_edit(request, pk):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    require(permissions.can_manage_young_people(request.user, young_person.team_id))
    return _form_view(request, young_person)


@login_required
@require_POST
def young_person_merge(request, pk):
    """Fold this record into another one of the same team (audited)."""
    young_person = selectors.get_young_person_for_user(request.user, pk)
    require(permissions.can_merge_or_erase_young_person(request.user, young_person))
    form = MergeForm(request.POST, user=request.user, young_person=young_person)
    if not form.is_valid():
        messages.error(request, _("Kies de jongere om mee samen te voegen."))
        return redirect("registration:young_person_detail", pk=pk)
    target = form.cleaned_data["other"]
    try:
        services.young_person_merge(actor=request.user, source=young_person, target=target, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("registration:young_person_detail", pk=pk)
    messages.success(request, _("Samengevoegd: alles staat nu bij %(pseudonym)s.") % {"pseudonym": target.pseudonym})
    return redirect("registration:young_person_detail", pk=target.pk)


@login_required
@require_POST
def young_person_export(request, pk):
    """Everything linked to this young person as a JSON file, for an access request (audited)."""
    young_person = selectors.get_young_person_for_user(request.user, pk)
    require(permissions.can_export_young_person(request.user, young_person))
    data = services.young_person_export_data(actor=request.user, young_person=young_person, request=request)
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="jongere-{young_person.pk}.json"'
    return response


@login_required
@require_POST
def young_person_erase(request, pk):
    """Erase the record (refused, with the reason, while a signal about them is open)."""
    young_person = selectors.get_young_person_for_user(request.user, pk)
    require(permissions.can_merge_or_erase_young_person(request.user, young_person))
    try:
        services.young_person_erase(young_person=young_person, actor=request.user, request=request)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("registration:young_person_detail", pk=pk)
    messages.success(request, _("De gegevens van deze jongere zijn gewist."))
    return redirect("registration:young_person_list")
