"""The permission triple on every signal view: anonymous -> login, not need-to-know -> 404, no capability -> 403."""

import pytest
from django.urls import reverse

from signals.models import Signal
from signals.tests.factories import make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status

# (url name, method, status of the signal, who is refused with 403)
OBJECT_VIEWS = [
    ("signals:detail", "get", Status.REPORTED, None),
    ("signals:acute", "get", Status.REPORTED, None),
    ("signals:triage", "get", Status.REPORTED, "worker"),
    ("signals:weigh", "get", Status.IN_PROGRESS, "worker"),
    ("signals:decide", "get", Status.IN_PROGRESS, "worker"),
    ("signals:close_request", "post", Status.DECIDED, "worker"),
    ("signals:close_approve", "post", Status.DECIDED, "worker"),
    ("signals:close_refuse", "post", Status.DECIDED, "worker"),
    ("signals:reopen", "post", Status.CLOSED, "worker"),
]


def _call(client, name, method, signal):
    url = reverse(name, args=[signal.pk])
    return client.get(url) if method == "get" else post(client, url, {"reason": "x"})


@pytest.fixture
def handled_signal(team_a, worker, lead):
    def make(status):
        return make_signal(team_a, worker, status=status, handler=lead)

    return make


@pytest.mark.parametrize(("name", "method", "status", "_refused"), OBJECT_VIEWS)
def test_anonymous_goes_to_login(name, method, status, _refused, handled_signal, client_for):
    response = _call(client_for(None), name, method, handled_signal(status))
    assert response.status_code == 302 and response.url.startswith("/account/login/")


@pytest.mark.parametrize(("name", "method", "status", "_refused"), OBJECT_VIEWS)
@pytest.mark.parametrize("who", ["outsider", "stranger", "manager"])
def test_not_need_to_know_gets_404(request, who, name, method, status, _refused, handled_signal, client_for):
    signal = handled_signal(status)
    assert _call(client_for(request.getfixturevalue(who)), name, method, signal).status_code == 404
    signal.refresh_from_db()
    assert signal.status == status


@pytest.mark.parametrize(("name", "method", "status", "refused"), [v for v in OBJECT_VIEWS if v[3]])
def test_role_without_the_capability_gets_403(request, name, method, status, refused, handled_signal, client_for):
    signal = handled_signal(status)
    assert _call(client_for(request.getfixturevalue(refused)), name, method, signal).status_code == 403
    signal.refresh_from_db()
    assert signal.status == status


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("signals:queue", "worker"),
        ("signals:list", "manager"),
        ("signals:report", "manager"),
        ("signals:statistics", "worker"),
        ("signals:statistics_export", "worker"),
        ("signals:session_create", "manager"),
    ],
)
def test_list_views_triple(request, name, refused, client_for):
    assert client_for(None).get(reverse(name)).url.startswith("/account/login/")
    assert client_for(request.getfixturevalue(refused)).get(reverse(name)).status_code == 403
    assert client_for(request.getfixturevalue("stranger")).get(reverse(name)).status_code in (200, 403)


def test_step_kind_that_does_not_exist_is_404(handled_signal, lead, client_for):
    signal = handled_signal(Status.IN_PROGRESS)
    assert client_for(lead).get(reverse("signals:step", args=[signal.pk, "decide"])).status_code == 404
