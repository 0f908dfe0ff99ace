import pytest
from django.template.loader import render_to_string

from policy.models import PolicyVersion
from policy.selectors import signal_protocol_for_team
from policy.tests.factories import make_document, make_version

pytestmark = pytest.mark.django_db
Status = PolicyVersion.Status


def test_no_protocol_gives_none_and_default_numbers(team_a):
    assert signal_protocol_for_team(team_a) is None
    html = render_to_string("policy/_signal_protocol.html", {"protocol": None})
    assert "112" in html
    assert "0800-2000" in html


def test_team_protocol_wins_over_organisation_protocol(org, team_a, team_b, manager, lead):
    org_doc = make_document(org, owner=manager, kind="signal_protocol", title="Organisatie")
    make_version(org_doc, author=manager, status=Status.PUBLISHED)
    team_doc = make_document(org, team=team_a, owner=lead, kind="signal_protocol", title="Team A")
    team_version = make_version(
        team_doc, author=lead, status=Status.PUBLISHED, on_call_lead=lead, on_call_phone="06-12345678"
    )
    assert signal_protocol_for_team(team_a) == team_version
    assert signal_protocol_for_team(team_b).document == org_doc


def test_protocol_box_shows_on_call_lead_and_phone(org, team_a, lead, django_assert_num_queries):
    team_doc = make_document(org, team=team_a, owner=lead, kind="signal_protocol", title="Signaalprotocol Team A")
    make_version(team_doc, author=lead, status=Status.PUBLISHED, on_call_lead=lead, on_call_phone="06-12345678")
    with django_assert_num_queries(1):
        protocol = signal_protocol_for_team(team_a)
        html = render_to_string("policy/_signal_protocol.html", {"protocol": protocol})
    assert "Lotte Leider" in html
    assert "06-12345678" in html
    assert "0800-2000" in html


def test_draft_protocol_is_not_shown(org, team_a, lead):
    make_version(make_document(org, team=team_a, owner=lead, kind="signal_protocol"), author=lead)
    assert signal_protocol_for_team(team_a) is None


def test_other_organisation_protocol_is_never_used(other_org, stranger, team_a):
    make_version(
        make_document(other_org, owner=stranger, kind="signal_protocol"), author=stranger, status=Status.PUBLISHED
    )
    assert signal_protocol_for_team(team_a) is None
