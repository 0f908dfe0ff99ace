"""Editorial review of organisation posts: submit, approve or send back, resubmit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require
from jongerenwerk.errors import DomainError
from policy import selectors
from policy.forms import CommentForm, PostForm, ResubmitForm
from policy.models import PostReview
from policy.permissions import can_decide_post
from policy.services import posts as services

Status = PostReview.Status


@login_required
def post_list(request):
    """Posts for the organisation accounts of this person's teams, soonest first."""
    return render(request, "policy/post_list.html", {"posts": selectors.post_list(request.user)})


@login_required
def post_create(request):
    """Submit a draft post to a second person."""
    form = PostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_submit(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Het bericht wacht nu op goedkeuring door je collega."))
            return redirect("policy:post_detail", pk=post.pk)
    return render(request, "policy/post_form.html", {"form": form})


@login_required
def post_detail(request, pk):
    """One post, its timeline and, for the second person, the decision."""
    post = selectors.get_post_for_user(request.user, pk)
    submitted = post.status == Status.SUBMITTED
    resubmit_form = None
    if post.status == Status.SENT_BACK and post.author_id == request.user.pk:
        resubmit_form = ResubmitForm(
            initial={"text": post.text, "planned_at": post.planned_at, "checked_points": post.checked_points}
        )
    return render(
        request,
        "policy/post_detail.html",
        {
            "post": post,
            "events": post.events.select_related("actor"),
            "checked_against": post.checked_against.all(),
            "comment_form": CommentForm(),
            "can_decide": submitted and can_decide_post(request.user, post),
            "resubmit_form": resubmit_form,
        },
    )


def _decide(request, pk, service, success):
    post = selectors.get_post_for_user(request.user, pk, for_decision=True)
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        service(actor=request.user, post=post, note=form.cleaned_data.get("comment", ""))
        messages.success(request, success)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("policy:post_detail", pk=pk)


@login_required
@require_POST
def post_approve(request, pk):
    """The second person approves."""
    return _decide(request, pk, services.post_approve, _("Goedgekeurd. Het bericht mag op het geplande moment online."))


@login_required
@require_POST
def post_send_back(request, pk):
    """The second person sends it back with a note."""
    return _decide(request, pk, services.post_send_back, _("Teruggestuurd met je notitie."))


@login_required
@require_POST
def post_resubmit(request, pk):
    """The author changes a sent-back post and submits it again."""
    post = selectors.get_post_for_user(request.user, pk)
    require(post.author_id == request.user.pk)
    form = ResubmitForm(request.POST)
    if form.is_valid():
        try:
            services.post_resubmit(actor=request.user, post=post, **form.cleaned_data)
            messages.success(request, _("Opnieuw ingediend."))
            return redirect("policy:post_detail", pk=pk)
        except DomainError as error:
            form.add_error(error.field, error.message)
    return render(
        request,
        "policy/post_detail.html",
        {
            "post": post,
            "events": post.events.select_related("actor"),
            "resubmit_form": form,
            "comment_form": CommentForm(),
        },
    )
