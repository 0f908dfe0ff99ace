"""The health view: the load balancer's check and the benchmark's floor."""

import pytest


@pytest.mark.django_db
def test_health_answers_with_one_query_for_anyone(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/gezond/")
    assert response.status_code == 200
    assert "Gezond" in response.content.decode()


@pytest.mark.django_db
def test_health_renders_no_menu_or_notification_bell(client_for, worker):
    response = client_for(worker).get("/gezond/")
    assert response.status_code == 200
    assert b"navbar" not in response.content


@pytest.mark.django_db
def test_health_says_503_when_the_database_is_down(client, monkeypatch):
    from django.db import DatabaseError
    from django.db.models.query import QuerySet

    def broken(self):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(QuerySet, "first", broken)
    response = client.get("/gezond/")
    assert response.status_code == 503
    assert "Database niet bereikbaar" in response.content.decode()
