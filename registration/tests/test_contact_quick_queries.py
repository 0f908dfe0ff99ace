"""The quick contact POST does not read the themes and young people of a contact that has none."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.models import Contact
from registration.tests.test_contact_quick import post


def test_quick_post_without_themes_or_young_people_never_touches_their_tables(client_for, worker, platform, group_a):
    client = client_for(worker)
    with CaptureQueriesContext(connection) as queries:
        response = post(client, platform, group_a)
    assert response.status_code == 302
    assert Contact.objects.count() == 1
    m2m_tables = (Contact.themes.through._meta.db_table, Contact.young_people.through._meta.db_table)
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in m2m_tables)]


def test_quick_post_reads_no_foreign_key_twice_and_sums_the_day_once(client_for, worker, platform, group_a):
    client = client_for(worker)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = post(client, platform, group_a)
    assert response.status_code == 302
    # Session, user, memberships; the teams, platforms and target groups once each; the savepoint, month lock,
    # contact, audit event and release; the day's total. Not the last contact (only a new form starts from it).
    assert len(queries) == 12


def test_quick_post_with_the_hidden_team_reads_the_teams_once(client_for, worker, team_a, platform, group_a):
    client = client_for(worker)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = post(client, platform, group_a, team=team_a.pk)
    assert response.status_code == 302
    assert Contact.objects.get().team == team_a
    team_table = team_a._meta.db_table
    assert len([q for q in queries if f'FROM "{team_table}"' in q["sql"]]) == 1
    assert len(queries) == 12
