"""Documents and versions: list, read, write, review, publish, compare."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from jongerenwerk.errors import DomainError
from policy import selectors
from policy.diff import version_diff
from policy.forms import CommentForm, DocumentForm, VersionForm
from policy.models import PolicyVersion
from policy.permissions import (
    can_confirm_fit,
    can_create_documents,
    can_publish_document,
    can_review_version,
    can_view_completion_report,
    can_write_document,
)
from policy.rendering import render_markdown
from policy.services import documents as services

Status = PolicyVersion.Status


@login_required
def document_list(request):
    """The documents that apply to this person, per team."""
    return render(
        request,
        "policy/document_list.html",
        {
            "documents": selectors.document_list(request.user),
            "can_create": can_create_documents(request.user),
            "can_report": can_view_completion_report(request.user),
        },
    )


@login_required
def document_create(request):
    """A new document (managers for the organisation, team leads for their team)."""
    require(can_create_documents(request.user))
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Document aangemaakt. Schrijf nu de eerste versie."))
            return redirect("policy:version_create", pk=document.pk)
    return render(request, "policy/document_form.html", {"form": form})


@login_required
def document_edit(request, pk):
    """Change a document's title, owner, review interval or the document it must fit."""
    document = selectors.get_document_for_user(request.user, pk, for_write=True)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    del form.fields["team"], form.fields["kind"]
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(actor=request.user, document=document, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Document opgeslagen."))
            return redirect("policy:document_detail", pk=pk)
    return render(request, "policy/document_form.html", {"form": form, "document": document})


@login_required
def document_detail(request, pk):
    """The current published version, the versions, and the link to the document it must fit."""
    document = selectors.get_document_for_user(request.user, pk)
    current = selectors.current_version(document)
    return render(
        request,
        "policy/document_detail.html",
        {
            "document": document,
            "current": current,
            "body_html": render_markdown(current.body) if current else "",
            "versions": selectors.version_list(document),
            "fit_flag": selectors.fit_flag(document),
            "can_write": can_write_document(request.user, document),
            "can_confirm_fit": can_confirm_fit(request.user, document),
            "must_acknowledge": current is not None
            and selectors.outstanding_versions(request.user).filter(pk=current.pk).exists(),
        },
    )


@login_required
@require_POST
def document_confirm_fit(request, pk):
    """The owner confirms the document still fits the new version of the linked document."""
    document = selectors.get_document_for_user(request.user, pk)
    require(can_confirm_fit(request.user, document))
    try:
        services.document_confirm_fit(actor=request.user, document=document, request=request)
        messages.success(request, _("Bevestigd: het document sluit aan op het nieuwe beleid."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("policy:document_detail", pk=pk)


@login_required
def version_create(request, pk):
    """Draft a new version, starting from the text of the newest one."""
    document = selectors.get_document_for_user(request.user, pk, for_write=True)
    latest = document.versions.order_by("-number").first()
    initial = (
        {"body": latest.body, "on_call_lead": latest.on_call_lead_id, "on_call_phone": latest.on_call_phone}
        if latest
        else {}
    )
    form = VersionForm(request.POST or None, initial=initial, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_create(actor=request.user, document=document, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Concept opgeslagen. Vraag een collega om review als het klaar is."))
            return redirect("policy:version_detail", pk=version.pk)
    return render(request, "policy/version_form.html", {"form": form, "document": document})


@login_required
def version_edit(request, pk):
    """Change a draft (or one under review, which goes back to draft); published versions never change."""
    version = selectors.get_version_for_user(request.user, pk)
    require(can_write_document(request.user, version.document) and not version.is_frozen)
    form = VersionForm(request.POST or None, instance=version, document=version.document)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_update(actor=request.user, version=version, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Versie opgeslagen."))
            return redirect("policy:version_detail", pk=pk)
    return render(request, "policy/version_form.html", {"form": form, "document": version.document, "version": version})


@login_required
def version_detail(request, pk):
    """One version: its text, its timeline and the next step this person may take."""
    version = selectors.get_version_for_user(request.user, pk)
    user, document = request.user, version.document
    return render(
        request,
        "policy/version_detail.html",
        {
            "version": version,
            "document": document,
            "body_html": render_markdown(version.body),
            "events": version.events.select_related("actor"),
            "comment_form": CommentForm(),
            "can_edit": can_write_document(user, document) and not version.is_frozen,
            "can_submit": version.status == Status.DRAFT and can_write_document(user, document),
            "can_review": version.status == Status.IN_REVIEW and can_review_version(user, version),
            "can_publish": version.status == Status.APPROVED and can_publish_document(user, document),
        },
    )


def _step(request, pk, service, success, needs_comment=False):
    version = selectors.get_version_for_user(request.user, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    kwargs = {"comment": form.cleaned_data.get("comment", "")} if needs_comment else {}
    try:
        service(actor=request.user, version=version, request=request, **kwargs)
        messages.success(request, success)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("policy:version_detail", pk=pk)


@login_required
@require_POST
def version_submit(request, pk):
    """Ask for review."""
    version = selectors.get_version_for_user(request.user, pk)
    require(can_write_document(request.user, version.document))
    return _step(request, pk, services.version_submit, _("De versie wacht nu op review door een collega."))


@login_required
@require_POST
def version_approve(request, pk):
    """Approve as reviewer."""
    version = selectors.get_version_for_user(request.user, pk)
    require(can_review_version(request.user, version))
    return _step(request, pk, services.version_approve, _("Goedgekeurd. De versie kan nu worden gepubliceerd."), True)


@login_required
@require_POST
def version_send_back(request, pk):
    """Send back to the author with comments."""
    version = selectors.get_version_for_user(request.user, pk)
    require(can_review_version(request.user, version))
    return _step(request, pk, services.version_send_back, _("Teruggestuurd naar de auteur."), True)


@login_required
@require_POST
def version_publish(request, pk):
    """Publish: the previous version is superseded and everyone it applies to is asked to read it."""
    version = selectors.get_version_for_user(request.user, pk)
    require(can_publish_document(request.user, version.document))
    return _step(
        request, pk, services.version_publish, _("Gepubliceerd. Iedereen voor wie het geldt, krijgt het te lezen.")
    )


@login_required
def version_compare(request, pk):
    """What changed between two versions of a document (by default: the previous and the newest)."""
    document = selectors.get_document_for_user(request.user, pk)
    versions = list(selectors.version_list(document))
    by_number = {str(version.number): version for version in versions}
    new = by_number.get(request.GET.get("naar", ""), versions[0] if versions else None)
    old = by_number.get(request.GET.get("van", ""), versions[1] if len(versions) > 1 else new)
    if old and new and old.number > new.number:
        old, new = new, old
    between = [v for v in reversed(versions) if old and new and old.number < v.number <= new.number]
    return render(
        request,
        "policy/version_compare.html",
        {
            "document": document,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": version_diff(old.body, new.body) if old and new else [],
            "between": between,
        },
    )
