"""The administrator's signal settings: categories (add, rename, out of use, delete when unused) and deadlines."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from signals.models import SignalCategory, SignalSettings
from signals.services.signal import signal_categories_seed, signal_report
from signals.tests.factories import category, make_signal, post

pytestmark = pytest.mark.django_db
SETTINGS = reverse("signals:settings")
ADD = reverse("signals:category_add")


def deadlines(acute=(1, "hours"), high=(8, "hours"), normal=(3, "days")):
    return {
        "acute": acute[0],
        "acute_unit": acute[1],
        "high": high[0],
        "high_unit": high[1],
        "normal": normal[0],
        "normal_unit": normal[1],
    }


@pytest.fixture
def online(org):
    return category(org, "Online pesten")


@pytest.mark.parametrize("name", ["signals:settings", "signals:category_add"])
def test_anonymous_is_sent_to_login(name, client_for):
    assert client_for(None).get(reverse(name)).url.startswith("/account/login/")


@pytest.mark.parametrize("who", ["worker", "lead", "officer", "manager"])
def test_roles_without_the_capability_get_403(request, who, online, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(SETTINGS).status_code == 403
    assert post(client, SETTINGS, deadlines(acute=(5, "minutes"))).status_code == 403
    assert post(client, ADD, {"name": "Gokken"}).status_code == 403
    assert post(client, reverse("signals:category_edit", args=[online.pk]), {"name": "Pesten"}).status_code == 403
    assert post(client, reverse("signals:category_active", args=[online.pk]), {"active": "0"}).status_code == 403
    assert post(client, reverse("signals:category_delete", args=[online.pk])).status_code == 403
    online.refresh_from_db()
    assert online.is_active and online.name == "Online pesten"
    assert not SignalSettings.objects.exists()
    assert not SignalCategory.objects.filter(name="Gokken").exists()


def test_another_organisations_category_is_404_for_an_administrator(other_org, administrator, client_for):
    theirs = category(other_org)
    client = client_for(administrator)
    assert client.get(reverse("signals:category_edit", args=[theirs.pk])).status_code == 404
    assert post(client, reverse("signals:category_active", args=[theirs.pk]), {"active": "0"}).status_code == 404
    assert post(client, reverse("signals:category_delete", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_administrator_sees_the_defaults_and_the_ten_categories(administrator, client_for):
    response = client_for(administrator).get(SETTINGS)
    assert response.status_code == 200
    form = response.context["deadlines_form"]
    assert [form[name].value() for name in ("acute", "acute_unit", "high", "high_unit", "normal", "normal_unit")] == [
        1,
        "hours",
        8,
        "hours",
        3,
        "days",
    ]
    assert len(response.context["categories"]) == 10


def test_administrator_sets_the_deadlines_and_new_signals_follow_them(administrator, org, team_a, worker, client_for):
    response = post(client_for(administrator), SETTINGS, deadlines(acute=(30, "minutes"), high=(4, "hours")))
    assert response.status_code == 302
    row = SignalSettings.objects.get(organisation=org)
    assert (row.acute_minutes, row.high_minutes, row.normal_minutes) == (30, 240, 3 * 24 * 60)
    assert AuditEvent.objects.filter(actor=administrator, detail="deadlines acute=30 high=240 normal=4320").exists()
    signal_categories_seed(org)
    signal = signal_report(
        actor=worker,
        team=team_a,
        category=category(org),
        urgency="acute",
        facts="x",
        source="groepschat",
        seen_at=timezone.now(),
        channel="dm",
    )
    assert signal.triage_due_at - signal.created_at == timedelta(minutes=30)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (deadlines(high=(30, "minutes")), "high", "De termijn voor hoog kan niet korter zijn dan die voor acuut."),
        (deadlines(normal=(2, "hours")), "normal", "De termijn voor normaal kan niet korter zijn dan die voor hoog."),
        (deadlines(acute=(0, "hours")), "acute", "Vul een termijn in van minstens 1."),
        (deadlines(acute=("een", "hours")), "acute", "Vul een heel getal in, bijvoorbeeld 8."),
        (deadlines(acute=("", "hours")), "acute", "Vul een termijn in, bijvoorbeeld 8."),
        (
            deadlines(normal=(31, "days")),
            "normal",
            "Een termijn van meer dan 30 dagen past niet bij een heftig signaal.",
        ),
    ],
)
def test_bad_deadlines_get_a_message_next_to_the_field(data, field, message, administrator, client_for):
    response = post(client_for(administrator), SETTINGS, data)
    assert response.status_code == 200
    assert response.context["deadlines_form"].errors[field] == [message]
    assert not SignalSettings.objects.exists()


def test_deadline_messages_are_english_for_an_english_speaking_administrator(administrator, client_for):
    administrator.language = "en"
    administrator.save(update_fields=["language"])
    response = post(client_for(administrator), SETTINGS, deadlines(high=(30, "minutes")))
    assert "The deadline for high cannot be shorter than the one for acute." in response.content.decode()


def test_administrator_adds_a_category_that_reporters_can_choose(administrator, worker, org, client_for):
    signal_categories_seed(org)
    response = post(client_for(administrator), ADD, {"name": "  Gokken  "})
    assert response.status_code == 302
    added = SignalCategory.objects.get(organisation=org, name="Gokken")
    assert added.is_active and added.order == 10
    assert AuditEvent.objects.filter(actor=administrator, action="create", object_id=str(added.pk)).exists()
    choices = client_for(worker).get(reverse("signals:report")).context["form"].fields["category"].queryset
    assert added in choices


def test_the_first_category_added_comes_after_the_ten_defaults(administrator, org, client_for):
    post(client_for(administrator), ADD, {"name": "Gokken"})
    assert SignalCategory.objects.filter(organisation=org).count() == 11


def test_a_name_that_exists_is_refused_next_to_the_field(administrator, online, client_for):
    response = post(client_for(administrator), ADD, {"name": "online PESTEN"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Er is al een categorie ‘online PESTEN’. Kies een andere naam."]
    assert SignalCategory.objects.filter(name__iexact="online pesten").count() == 1


def test_administrator_renames_a_category_and_its_signals_show_the_new_name(
    administrator, online, team_a, worker, client_for
):
    signal = make_signal(team_a, worker, category=online)
    edit = reverse("signals:category_edit", args=[online.pk])
    assert client_for(administrator).get(edit).context["form"]["name"].value() == "Online pesten"
    post(client_for(administrator), edit, {"name": "Cyberpesten"})
    signal.refresh_from_db()
    assert signal.category.name == "Cyberpesten"


def test_a_category_in_use_is_taken_out_of_use_not_deleted(administrator, online, team_a, worker, client_for):
    signal = make_signal(team_a, worker, category=online)
    client = client_for(administrator)
    page = client.get(SETTINGS).content.decode()
    assert reverse("signals:category_delete", args=[online.pk]) not in page
    post(client, reverse("signals:category_delete", args=[online.pk]))
    assert SignalCategory.objects.filter(pk=online.pk).exists()
    post(client, reverse("signals:category_active", args=[online.pk]), {"active": "0"})
    online.refresh_from_db()
    signal.refresh_from_db()
    assert not online.is_active and signal.category == online
    assert online not in client_for(worker).get(reverse("signals:report")).context["form"].fields["category"].queryset
    post(client_for(administrator), reverse("signals:category_active", args=[online.pk]), {"active": "1"})
    online.refresh_from_db()
    assert online.is_active


def test_refused_delete_says_why(administrator, online, team_a, worker, client_for):
    make_signal(team_a, worker, category=online)
    response = client_for(administrator).post(reverse("signals:category_delete", args=[online.pk]), follow=True)
    assert "is in gebruik bij signalen en blijft daarom bestaan" in response.content.decode()


def test_an_unused_category_can_be_deleted(administrator, org, client_for):
    signal_categories_seed(org)
    typo = SignalCategory.objects.create(organisation=org, name="Gokkken", order=11)
    post(client_for(administrator), reverse("signals:category_delete", args=[typo.pk]))
    assert not SignalCategory.objects.filter(pk=typo.pk).exists()
    assert AuditEvent.objects.filter(actor=administrator, action="delete", object_id=str(typo.pk)).exists()


def test_the_last_category_in_use_stays_in_use(administrator, online, client_for):
    SignalCategory.objects.exclude(pk=online.pk).update(is_active=False)
    post(client_for(administrator), reverse("signals:category_active", args=[online.pk]), {"active": "0"})
    online.refresh_from_db()
    assert online.is_active


def test_navigation_links_the_settings_for_administrators_only(administrator, lead, officer, client_for):
    assert SETTINGS in client_for(administrator).get("/").content.decode()
    assert SETTINGS not in client_for(lead).get("/").content.decode()
    assert SETTINGS not in client_for(officer).get("/").content.decode()
