from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Platform, PlatformAccount
from audit.models import AuditEvent
from jongerenwerk.errors import DomainError
from policy.models import PostReview, PostReviewEvent
from policy.services import posts as services

pytestmark = pytest.mark.django_db
Status = PostReview.Status


def make_account(team, owner, kind=PlatformAccount.Kind.ORGANISATION, handle="@jongerenwerk"):
    platform, _ = Platform.objects.get_or_create(organisation=None, slug="instagram", defaults={"name": "Instagram"})
    return PlatformAccount.objects.create(
        organisation=team.organisation, team=team, platform=platform, handle=handle, kind=kind, owner=owner,
        handle_normalised=platform.normalise_handle(handle), status=PlatformAccount.Status.ACTIVE,
    )  # fmt: skip


def make_post(team, *, author, reviewer, planned_at=None, handle="@jongerenwerk"):
    account = make_account(team, author, handle=handle)
    return services.post_submit(
        actor=author, account=account, text="Zomeravond in het buurthuis!", reviewer=reviewer,
        planned_at=planned_at or timezone.now() + timedelta(days=2), checked_points="Geen herkenbare jongeren",
    )  # fmt: skip


def test_member_submits_post_to_a_second_person(team_a, worker, lead):
    post = make_post(team_a, author=worker, reviewer=lead)
    assert post.status == Status.SUBMITTED
    assert PostReviewEvent.objects.filter(post=post, new_status=Status.SUBMITTED).exists()


def test_nobody_approves_their_own_post(team_a, worker):
    with pytest.raises(DomainError):
        make_post(team_a, author=worker, reviewer=worker)


def test_only_organisation_accounts_take_posts(team_a, worker, lead):
    account = make_account(team_a, worker, kind=PlatformAccount.Kind.PERSONAL_BUSINESS, handle="@sam")
    with pytest.raises(DomainError):
        services.post_submit(
            actor=worker, account=account, text="x", reviewer=lead, planned_at=timezone.now() + timedelta(days=1)
        )


def test_second_person_approves_and_it_is_audited(team_a, worker, lead):
    post = make_post(team_a, author=worker, reviewer=lead)
    services.post_approve(actor=lead, post=post)
    post.refresh_from_db()
    assert post.status == Status.APPROVED
    assert AuditEvent.objects.filter(actor=lead, object_type="policy.postreview", object_id=str(post.pk)).exists()


def test_someone_else_cannot_decide(team_a, worker, lead, officer):
    post = make_post(team_a, author=worker, reviewer=lead)
    with pytest.raises(DomainError):
        services.post_approve(actor=officer, post=post)


def test_send_back_with_note_then_resubmit(team_a, worker, lead):
    post = make_post(team_a, author=worker, reviewer=lead)
    services.post_send_back(actor=lead, post=post, note="Haal de straatnaam weg")
    services.post_resubmit(actor=worker, post=post, text="Nieuwe tekst", planned_at=timezone.now() + timedelta(days=1))
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED
    assert post.text == "Nieuwe tekst"


def test_cannot_approve_after_planned_time(team_a, worker, lead):
    import time_machine

    post = make_post(team_a, author=worker, reviewer=lead, planned_at=timezone.now() + timedelta(hours=1))
    with time_machine.travel(timezone.now() + timedelta(hours=2)), pytest.raises(DomainError):
        services.post_approve(actor=lead, post=post)


def test_post_views_permission_triple(post_form, client, client_for, team_a, worker, lead, officer, outsider, stranger):
    post = make_post(team_a, author=worker, reviewer=lead)
    url = reverse("policy:post_detail", args=[post.pk])
    assert client.get(url).status_code == 302
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(stranger).get(url).status_code == 404
    assert post_form(client_for(officer), reverse("policy:post_approve", args=[post.pk])).status_code == 403
    assert post_form(client_for(worker), reverse("policy:post_approve", args=[post.pk])).status_code == 403
    response = post_form(client_for(lead), reverse("policy:post_approve", args=[post.pk]), {"comment": "Prima"})
    assert response.status_code == 302
    assert PostReview.objects.get(pk=post.pk).status == Status.APPROVED


def test_post_create_view(post_form, client_for, team_a, worker, lead):
    account = make_account(team_a, worker)
    planned = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        client_for(worker),
        reverse("policy:post_create"),
        {"account": account.pk, "text": "Open inloop vrijdag", "planned_at": planned, "reviewer": lead.pk},
    )
    assert response.status_code == 302
    assert PostReview.objects.get(author=worker).reviewer == lead


def test_post_create_in_the_past_keeps_what_was_typed(post_form, client_for, team_a, worker, lead):
    account = make_account(team_a, worker)
    planned = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(
        client_for(worker),
        reverse("policy:post_create"),
        {"account": account.pk, "text": "Open inloop vrijdag", "planned_at": planned, "reviewer": lead.pk},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een moment in de toekomst" in body
    assert "Open inloop vrijdag" in body


def test_second_person_must_be_able_to_see_the_account(team_a, worker, outsider):
    with pytest.raises(DomainError):
        make_post(team_a, author=worker, reviewer=outsider)
