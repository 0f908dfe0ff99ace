"""The five steps, each its own record, recorded by the handler."""

import pytest
from django.urls import reverse

from jongerenwerk.errors import DomainError
from signals.afwegingskader import Outcome
from signals.models import Signal, SignalEvent, SignalStep
from signals.services.signal import signal_decide, signal_weigh
from signals.tests.factories import make_signal, post

pytestmark = pytest.mark.django_db
Status = Signal.Status


@pytest.fixture
def triaged(team_a, worker, colleague):
    return make_signal(team_a, worker, status=Status.TRIAGED, handler=colleague)


def _step(client, signal, kind, **data):
    return post(client, reverse("signals:step", args=[signal.pk, kind]), {"happened_on": "2026-11-20", **data})


def test_handler_maps_the_signal_and_it_goes_in_progress(triaged, colleague, client_for):
    response = _step(
        client_for(colleague),
        triaged,
        "map",
        facts="Drie berichten in de groep.",
        interpretation="Lijkt op pesten.",
        sources="groepschat",
        next_step_due_on="2026-11-25",
    )
    assert response.status_code == 302
    triaged.refresh_from_db()
    assert triaged.status == Status.IN_PROGRESS and str(triaged.step_due_on) == "2026-11-25"
    step = SignalStep.objects.get(signal=triaged)
    assert (step.kind, step.recorded_by, step.facts) == ("map", colleague, "Drie berichten in de groep.")
    kinds = list(SignalEvent.objects.filter(signal=triaged).values_list("kind", flat=True))
    assert kinds == ["status", "step"]


def test_more_observations_can_be_added_later(triaged, colleague, client_for):
    client = client_for(colleague)
    _step(client, triaged, "map", facts="Eerste waarneming.")
    _step(client, triaged, "map", facts="Nog een bericht gezien.")
    assert SignalStep.objects.filter(signal=triaged, kind="map").count() == 2


def test_consultation_can_be_repeated_including_veilig_thuis(triaged, colleague, client_for):
    client = client_for(colleague)
    _step(client, triaged, "consult", consulted_with="safeguarding_officer", advice="Eerst in kaart brengen.")
    _step(client, triaged, "consult", consulted_with="veilig_thuis", advice="Anoniem advies: gesprek voeren.")
    assert list(SignalStep.objects.filter(signal=triaged, kind="consult").values_list("consulted_with", flat=True)) == [
        "safeguarding_officer",
        "veilig_thuis",
    ]


def test_talk_can_be_skipped_only_with_a_reason(triaged, colleague, client_for):
    client = client_for(colleague)
    response = _step(client, triaged, "talk", skipped="on", skip_reason="")
    assert response.status_code == 200 and response.context["form"].errors["skip_reason"]
    assert not SignalStep.objects.exists()
    _step(client, triaged, "talk", skipped="on", skip_reason="Gesprek brengt de jongere in gevaar.")
    assert SignalStep.objects.get().skipped is True


def test_future_step_date_is_refused(triaged, colleague, client_for):
    response = _step(client_for(colleague), triaged, "map", facts="x", happened_on="2999-01-01")
    assert response.context["form"].errors["happened_on"]


def test_colleague_who_is_not_handler_gets_404_and_reporter_gets_403(triaged, worker, team_a, client_for):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    other = make_member(team_a, Membership.Role.YOUTH_WORKER)
    assert _step(client_for(other), triaged, "map", facts="x").status_code == 404
    assert _step(client_for(worker), triaged, "map", facts="x").status_code == 403
    assert not SignalStep.objects.exists()


def _weigh_data(**answers):
    data = {"happened_on": "2026-11-20"}
    for n, value in answers.items():
        data[n] = value
        data[f"{n}_explanation"] = f"Toelichting {n}"
    return data


def test_weigh_needs_a_map_first_and_follows_the_branches(triaged, colleague, client_for):
    client = client_for(colleague)
    url = reverse("signals:weigh", args=[triaged.pk])
    response = post(client, url, _weigh_data(q1="yes"))
    assert "stap 1" in " ".join(response.context["form"].non_field_errors())
    _step(client, triaged, "map", facts="x")
    response = post(client, url, _weigh_data(q1="yes", q2="no"))
    assert response.context["form"].errors["q3"]
    post(client, url, _weigh_data(q1="yes", q2="no", q3="yes", q4="yes", q5="yes"))
    step = SignalStep.objects.get(kind="weigh")
    assert step.weigh_outcome == Outcome.CLOSE_WITH_MONITORING
    assert list(step.answers) == ["1", "2", "3", "4", "5"]


def test_weigh_needs_an_explanation(triaged, colleague):
    SignalStep.objects.create(signal=triaged, kind="map", happened_on="2026-11-20", recorded_by=colleague)
    with pytest.raises(DomainError, match="vraag 1"):
        signal_weigh(
            signal=triaged, actor=colleague, happened_on="2026-11-20", answers={1: False}, explanations={1: ""}
        )


def _decided_ready(signal, handler):
    SignalStep.objects.create(signal=signal, kind="map", happened_on="2026-11-20", recorded_by=handler)
    signal_weigh(
        signal=signal,
        actor=handler,
        happened_on="2026-11-20",
        answers={1: True, 2: True, 3: True, 4: True, 5: True},
        explanations=dict.fromkeys(range(1, 6), "ok"),
    )
    signal.refresh_from_db()


def test_decide_report_needs_date_reference_and_why_not_informed(triaged, colleague, client_for):
    _decided_ready(triaged, colleague)
    url = reverse("signals:decide", args=[triaged.pk])
    client = client_for(colleague)
    response = post(client, url, {"happened_on": "2026-11-21", "reported_to_veilig_thuis": "on"})
    assert response.context["form"].errors["reference"]
    response = post(
        client,
        url,
        {
            "happened_on": "2026-11-21",
            "reported_to_veilig_thuis": "on",
            "reported_on": "2026-11-21",
            "reference": "VT-2026-0042",
            "involved_informed": "no",
        },
    )
    assert response.context["form"].errors["not_informed_reason"]
    triaged.refresh_from_db()
    assert triaged.status == Status.IN_PROGRESS
    post(
        client,
        url,
        {
            "happened_on": "2026-11-21",
            "reported_to_veilig_thuis": "on",
            "reported_on": "2026-11-21",
            "reference": "VT-2026-0042",
            "involved_informed": "no",
            "not_informed_reason": "Informeren brengt de jongere in gevaar.",
        },
    )
    triaged.refresh_from_db()
    assert triaged.status == Status.DECIDED
    decision = SignalStep.objects.get(kind="decide")
    assert decision.reference == "VT-2026-0042" and decision.involved_informed is False


def test_decide_needs_the_afwegingskader(triaged, colleague):
    SignalStep.objects.create(signal=triaged, kind="map", happened_on="2026-11-20", recorded_by=colleague)
    with pytest.raises(DomainError, match="stap 4"):
        signal_decide(
            signal=triaged,
            actor=colleague,
            happened_on="2026-11-21",
            data={"help_arranged": True, "help_what": "Gesprek met ouders", "help_by": "Wijkteam"},
        )


def test_decide_needs_a_choice(triaged, colleague):
    _decided_ready(triaged, colleague)
    with pytest.raises(DomainError, match="Kies wat je besluit"):
        signal_decide(signal=triaged, actor=colleague, happened_on="2026-11-21", data={})
