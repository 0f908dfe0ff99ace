import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Membership
from accounts.tests.factories import make_member
from audit.models import AuditEvent
from policy.models import PolicyAcknowledgement, PolicyVersion
from policy.services.acknowledgements import acknowledgement_create
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


@pytest.fixture
def version(org, manager):
    version = make_version(make_document(org, owner=manager), author=manager, status=Status.PUBLISHED)
    acknowledgement_create(actor=manager, version=version)
    return version


def _grow(team, version, people, documents):
    for index in range(people):
        person = make_member(team, Membership.Role.YOUTH_WORKER, mfa=False)
        if index % 2:
            acknowledgement_create(actor=person, version=version)
    for _ in range(documents):
        document = make_document(version.document.organisation, team=team, owner=version.author, kind="other")
        make_version(document, author=version.author, status=Status.PUBLISHED)


def test_report_triple(client, client_for, version, worker, stranger, manager):
    url = reverse("policy:report_version", args=[version.pk])
    assert client.get(url).status_code == 302
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(worker).get(url).status_code == 403
    assert client_for(manager).get(url).status_code == 200


def test_report_shows_who_has_and_has_not_acknowledged(client_for, version, manager, worker, outsider):
    acknowledgement_create(actor=worker, version=version)
    body = client_for(manager).get(reverse("policy:report_version", args=[version.pk])).content.decode()
    assert "Wessel Werker" in body
    assert "Olga Buiten" in body
    assert body.count("nog niet bevestigd") == 1


def test_team_lead_sees_only_own_team_members(client_for, version, lead, outsider):
    acknowledgement_create(actor=lead, version=version)
    body = client_for(lead).get(reverse("policy:report_version", args=[version.pk])).content.decode()
    assert "Olga Buiten" not in body


def test_csv_export_is_audited(client_for, version, manager, worker):
    response = client_for(manager).get(reverse("policy:report_version_csv", args=[version.pk]))
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    assert "worker@example.org" in content
    assert AuditEvent.objects.filter(actor=manager, action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("url_name", ["policy:report", "policy:report_version", "policy:report_version_csv"])
def test_report_query_count_does_not_grow_with_data(
    client_for, django_assert_num_queries, version, manager, team_a, team_b, url_name
):
    client = client_for(manager)
    args = [] if url_name == "policy:report" else [version.pk]
    url = reverse(url_name, args=args)
    _grow(team_a, version, people=2, documents=1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(team_b, version, people=12, documents=4)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def _report(client, version, **params):
    return client.get(reverse("policy:report_version", args=[version.pk]), params)


def test_report_shows_50_people_a_page_not_yet_acknowledged_first_with_counts_of_everyone(
    client_for, version, manager, team_a
):
    # The manager acknowledged in the fixture; 59 more people, every third of them acknowledged.
    for index in range(59):
        person = make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False, full_name=f"Persoon {index:02}")
        if index % 3 == 0:
            acknowledgement_create(actor=person, version=version)
    client = client_for(manager)

    first = _report(client, version)
    page = first.context["page"]
    assert first.context["counts"] == {"total": 60, "done": 21, "open": 39}
    assert len(page.object_list) == 50
    assert [row["acknowledged_at"] is None for row in page.object_list] == [True] * 39 + [False] * 11
    body = first.content.decode()
    assert "Iedereen (60)" in body and "Nog niet (39)" in body and "Bevestigd (21)" in body
    assert "page=2" in body

    second = _report(client, version, page=2)
    assert len(second.context["page"].object_list) == 10
    assert all(row["acknowledged_at"] for row in second.context["page"].object_list)


def test_report_filters_open_or_acknowledged_and_pages_keep_the_filter(client_for, version, manager, team_a):
    for index in range(55):
        make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False, full_name=f"Persoon {index:02}")
    client = client_for(manager)

    open_page = _report(client, version, status="open")
    assert open_page.context["counts"] == {"total": 56, "done": 1, "open": 55}
    assert all(row["acknowledged_at"] is None for row in open_page.context["page"].object_list)
    assert "?status=open&amp;page=2" in open_page.content.decode()
    assert len(_report(client, version, status="open", page=2).context["page"].object_list) == 5

    done_page = _report(client, version, status="done")
    assert [row["name"] for row in done_page.context["page"].object_list] == ["Mira Manager"]
    assert done_page.context["counts"]["total"] == 56


def test_report_ignores_an_unknown_filter_and_page(client_for, version, manager):
    response = _report(client_for(manager), version, status="<script>", page="999")
    assert response.status_code == 200
    assert response.context["status"] is None
    assert "<script>" not in response.content.decode()


def test_csv_export_contains_everyone_not_only_the_first_page(client_for, version, manager, team_a):
    for index in range(60):
        make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False, full_name=f"Persoon {index:02}")
    content = client_for(manager).get(reverse("policy:report_version_csv", args=[version.pk])).content.decode()
    assert len(content.strip().splitlines()) == 1 + 61


def test_overview_counts_the_people_each_version_applies_to(client_for, version, manager, lead, worker, outsider):
    """Organisation-wide: every active member once; a team version: only that team's members."""
    team_version = make_version(
        make_document(version.document.organisation, team=worker.memberships.get().team, owner=manager, kind="other"),
        author=manager,
        status=Status.PUBLISHED,
    )
    for person in (worker, outsider):
        acknowledgement_create(actor=person, version=version)
    acknowledgement_create(actor=lead, version=team_version)
    # Acknowledged while still in team A, now in team B: it no longer counts for team A's version.
    PolicyAcknowledgement.objects.create(user=outsider, version=team_version)
    retired = make_member(worker.memberships.get().team, Membership.Role.YOUTH_WORKER, mfa=False, is_active=False)
    acknowledgement_create(actor=retired, version=version)

    overview = client_for(manager).get(reverse("policy:report")).context["overview"]
    counts = {item["pk"]: (item["done"], item["total"], item["open"]) for item in overview}
    # manager, lead and worker in team A, the outsider in team B; the manager acknowledged in the fixture.
    assert counts[version.pk] == (3, 4, 1)
    assert counts[team_version.pk] == (1, 3, 2)
    assert next(item for item in overview if item["pk"] == version.pk)["url"] == reverse(
        "policy:report_version", args=[version.pk]
    )


def test_overview_of_a_team_lead_counts_only_their_own_team(client_for, version, lead, worker, outsider):
    acknowledgement_create(actor=outsider, version=version)
    overview = client_for(lead).get(reverse("policy:report")).context["overview"]
    # The manager (fixture) in team A acknowledged; lead and worker not yet; the outsider is not in the lead's view.
    assert [(item["done"], item["total"]) for item in overview] == [(1, 3)]


def test_overview_rows_show_each_version_escaped_with_its_counts_and_link(client_for, version, manager, worker):
    team_document = make_document(
        version.document.organisation, team=worker.memberships.get().team, owner=manager, kind="other"
    )
    team_document.title = "<b>Teamregels</b>"
    team_document.save()
    team_version = make_version(team_document, author=manager, status=Status.PUBLISHED)
    body = client_for(manager).get(reverse("policy:report")).content.decode()
    assert "&lt;b&gt;Teamregels&lt;/b&gt;" in body and "<b>Teamregels</b>" not in body
    team_name = worker.memberships.get().team.name
    assert f'<span class="small text-body-secondary">· {team_name}</span>' in body
    assert '<span class="small text-body-secondary">· hele organisatie</span>' in body
    assert f'<a href="{reverse("policy:report_version", args=[team_version.pk])}">Wie wel, wie niet</a>' in body
    # The manager acknowledged the organisation's version (fixture): 1 of the 2 people (manager, worker).
    assert '<i class="bi bi-check-circle text-success" aria-hidden="true"></i> 1 / 2</td>' in body


def test_version_rows_show_the_acknowledgement_date_and_days_open(client_for, version, manager, worker):
    body = client_for(manager).get(reverse("policy:report_version", args=[version.pk])).content.decode()
    acknowledged = PolicyAcknowledgement.objects.get(user=manager, version=version).at
    day = date_format(timezone.localtime(acknowledged), "j F Y")
    assert '<tr><td>Mira Manager</td><td><span class="text-success">' in body
    assert f"bevestigd {day}</span></td><td>–</td></tr>" in body
    assert "<tr><td>Wessel Werker</td>" in body and body.count("nog niet bevestigd") == 1


def test_version_page_says_when_nobody_has_the_status(client_for, version, manager):
    body = client_for(manager).get(reverse("policy:report_version", args=[version.pk]), {"status": "open"})
    assert "Niemand met deze status." in body.content.decode()


def _overview_by_orm(user):
    """The overview's numbers as the ORM and Python sets give them: what the one statement must match."""
    from accounts.selectors import visible_team_ids

    versions = (
        PolicyVersion.objects.visible_to(user)
        .filter(status__in=[Status.PUBLISHED, Status.SUPERSEDED])
        .order_by("document__title", "-number", "pk")
        .values_list("pk", "number", "status", "document__title", "document__team_id", "document__team__name")
    )
    members = {}
    for team_id, user_id in Membership.objects.filter(
        team__in=visible_team_ids(user), user__is_active=True
    ).values_list("team_id", "user_id"):
        members.setdefault(team_id, set()).add(user_id)
    everyone = set().union(*members.values())
    rows = []
    for pk, number, status, title, team_id, team_name in versions:
        people = members.get(team_id, set()) if team_id else everyone
        acknowledged = set(PolicyAcknowledgement.objects.filter(version_id=pk).values_list("user_id", flat=True))
        rows.append((pk, number, status == Status.PUBLISHED, title, team_name, len(people), len(people & acknowledged)))
    return rows


def test_overview_statement_gives_the_orms_answer_for_every_team_and_organisation(
    org, team_a, team_b, manager, lead, worker, outsider, other_team, stranger
):
    from policy.selectors import completion_overview

    team_c = type(team_a).objects.create(organisation=org, name="Team C (leeg)")
    both = make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False)
    Membership.objects.create(user=both, team=team_b, role=Membership.Role.YOUTH_WORKER)
    Membership.objects.create(user=worker, team=team_a, role=Membership.Role.SAFEGUARDING_OFFICER)
    retired = make_member(team_b, Membership.Role.YOUTH_WORKER, mfa=False, is_active=False)
    organisation = make_document(org, owner=manager, title="Gedragscode")
    old = make_version(organisation, author=manager, status=Status.SUPERSEDED)
    current = make_version(organisation, author=manager, status=Status.PUBLISHED)
    make_version(organisation, author=manager, status=Status.DRAFT)
    for_a = make_version(make_document(org, team=team_a, owner=manager), author=manager, status=Status.PUBLISHED)
    for_b = make_version(make_document(org, team=team_b, owner=manager), author=manager, status=Status.PUBLISHED)
    for_c = make_version(make_document(org, team=team_c, owner=manager), author=manager, status=Status.PUBLISHED)
    elsewhere = make_version(
        make_document(other_team.organisation, owner=stranger), author=stranger, status="published"
    )
    for person in (manager, worker, both, retired, outsider, stranger):
        for version in (old, current, for_a, for_b, elsewhere):
            PolicyAcknowledgement.objects.create(user=person, version=version)
    PolicyAcknowledgement.objects.create(user=lead, version=for_c)

    for person in (manager, lead, worker, outsider, stranger):
        overview = [
            (row["pk"], row["number"], row["published"], row["title"], row["team_name"], row["total"], row["done"])
            for row in completion_overview(person)
        ]
        assert overview == _overview_by_orm(person)
    assert {row["pk"] for row in completion_overview(manager)} == {old.pk, current.pk, for_a.pk, for_b.pk, for_c.pk}
    assert {row["pk"] for row in completion_overview(stranger)} == {elsewhere.pk}


def test_report_statement_gives_the_orms_people_and_acknowledgements(
    version, team_a, team_b, manager, lead, worker, outsider, other_team, stranger
):
    from policy.selectors import _members_since, _members_since_portable

    both = make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False)
    Membership.objects.create(user=both, team=team_b, role=Membership.Role.YOUTH_WORKER)
    Membership.objects.create(user=worker, team=team_a, role=Membership.Role.SAFEGUARDING_OFFICER)
    make_member(team_a, Membership.Role.YOUTH_WORKER, mfa=False, is_active=False)
    for person in (both, outsider, stranger):
        PolicyAcknowledgement.objects.create(user=person, version=version)
    other = make_version(version.document, author=manager, status=Status.SUPERSEDED)
    PolicyAcknowledgement.objects.create(user=lead, version=other)

    for team_ids in ([team_a.pk], [team_b.pk], [team_a.pk, team_b.pk], [other_team.pk]):
        for checked in (version, other):
            assert sorted(_members_since(team_ids, checked)) == sorted(_members_since_portable(team_ids, checked))
    people = {row[1]: row for row in _members_since([team_a.pk, team_b.pk], version)}
    assert len(people) == 5 and people[both.email][3] is not None and people[lead.email][3] is None
    assert people[both.email][2] == min(membership.created_at for membership in both.memberships.all())


def _policy_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries if "policy_" in query["sql"]]


def test_overview_reads_versions_people_and_acknowledgements_in_one_query(client_for, version, manager, team_a):
    _grow(team_a, version, people=3, documents=2)
    assert len(_policy_queries(client_for(manager), reverse("policy:report"))) == 1


def test_version_report_reads_the_version_then_people_with_acknowledgements(client_for, version, manager, team_a):
    _grow(team_a, version, people=3, documents=0)
    version_query, people_query = _policy_queries(
        client_for(manager), reverse("policy:report_version", args=[version.pk])
    )
    assert "accounts_membership" in people_query and "policy_policyacknowledgement" in people_query
