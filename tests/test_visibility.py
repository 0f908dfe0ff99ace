"""Who sees what, across roles, teams and organisations. Other apps add their models to this matrix.

Cast: team A holds worker, lead, officer, manager and administrator; team B holds the outsider;
another organisation holds the stranger (a team lead there).
"""

import pytest
from django.urls import reverse

from accounts.models import Team
from accounts.selectors import visible_members, visible_team_ids
from audit.models import AuditEvent
from audit.services import audit_log

pytestmark = pytest.mark.django_db
PEOPLE = ["worker", "lead", "officer", "manager", "administrator", "outsider", "stranger"]

# Which teams' work each person sees (a manager: the whole organisation).
TEAMS = {
    "worker": {"team_a"},
    "lead": {"team_a"},
    "officer": {"team_a"},
    "manager": {"team_a", "team_b"},
    "administrator": {"team_a"},
    "outsider": {"team_b"},
    "stranger": {"other_team"},
}
# Which people each person sees.
MEMBERS = {
    "worker": {"worker", "lead", "officer", "manager", "administrator"},
    "lead": {"worker", "lead", "officer", "manager", "administrator"},
    "officer": {"worker", "lead", "officer", "manager", "administrator"},
    "manager": {"worker", "lead", "officer", "manager", "administrator", "outsider"},
    "administrator": {"worker", "lead", "officer", "manager", "administrator", "outsider"},
    "outsider": {"outsider"},
    "stranger": {"stranger"},
}


@pytest.fixture
def cast(request):
    names = PEOPLE + ["team_a", "team_b", "other_team"]
    return {name: request.getfixturevalue(name) for name in names}


@pytest.mark.parametrize("viewer", PEOPLE)
def test_teams(cast, viewer):
    expected = {cast[name].pk for name in TEAMS[viewer]}
    assert set(visible_team_ids(cast[viewer])) == expected
    assert set(Team.objects.visible_to(cast[viewer]).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("viewer", PEOPLE)
def test_members(cast, viewer):
    expected = {cast[name].pk for name in MEMBERS[viewer]}
    assert set(visible_members(cast[viewer]).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize("viewer", PEOPLE)
def test_audit_events_stay_in_the_organisation(cast, viewer):
    ours = audit_log(actor=cast["worker"], action=AuditEvent.Action.VIEW, target=cast["team_a"])
    theirs = audit_log(actor=cast["stranger"], action=AuditEvent.Action.VIEW, target=cast["other_team"])
    visible = set(AuditEvent.objects.visible_to(cast[viewer]).values_list("pk", flat=True))
    assert visible == ({theirs.pk} if viewer == "stranger" else {ours.pk})


def test_a_deactivated_person_sees_nothing(cast):
    worker = cast["worker"]
    worker.is_active = False
    worker.save()
    assert visible_team_ids(worker) == []
    assert not visible_members(worker).exists()


def test_a_superuser_sees_no_other_organisation_in_the_app(client, cast):
    stranger = cast["stranger"]
    stranger.is_superuser = stranger.is_staff = True
    stranger.save()
    client.force_login(stranger)
    assert client.get(reverse("accounts:team_edit", args=[cast["team_a"].pk])).status_code == 404
    assert client.get(reverse("accounts:member_detail", args=[cast["worker"].pk])).status_code == 404
    assert cast["team_a"].pk not in visible_team_ids(stranger)


# The permission triple on every organisation-management page: 302 anonymous, 404 unseen, 403 seen but not allowed.
PAGES = [
    ("accounts:team_edit", "team_a"),
    ("accounts:team_edit", "team_b"),
    ("accounts:member_detail", "worker"),
    ("accounts:member_detail", "outsider"),
]


def _expected(viewer, target):
    if viewer == "administrator":
        return 200
    if viewer == "stranger":
        return 404
    seen = TEAMS[viewer] if target.startswith("team") else MEMBERS[viewer]
    return 403 if target in seen else 404


@pytest.mark.parametrize(("url_name", "target"), PAGES)
@pytest.mark.parametrize("viewer", [None, *PEOPLE])
def test_management_pages(client, cast, viewer, url_name, target):
    if viewer is not None:
        client.force_login(cast[viewer])
    response = client.get(reverse(url_name, args=[cast[target].pk]))
    if viewer is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == _expected(viewer, target)


@pytest.mark.parametrize(
    "url_name", ["accounts:team_list", "accounts:member_list", "accounts:invitation_list", "audit:list"]
)
@pytest.mark.parametrize("viewer", PEOPLE)
def test_organisation_lists_are_for_administrators(client, cast, viewer, url_name):
    client.force_login(cast[viewer])
    assert client.get(reverse(url_name)).status_code == (200 if viewer == "administrator" else 403)
