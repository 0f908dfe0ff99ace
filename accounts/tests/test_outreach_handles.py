import pytest

from accounts.models import PlatformAccount
from accounts.services.outreach import looks_like_secret, platform_account_request
from accounts.tests.outreach_factories import make_account, make_target_group, platform
from jongerenwerk.errors import DomainError

pytestmark = pytest.mark.django_db


def test_catalogue_is_seeded_with_the_ten_platforms():
    from accounts.models import Platform

    names = set(Platform.objects.filter(organisation__isnull=True).values_list("name", flat=True))
    assert names == {
        "Instagram", "Snapchat", "TikTok", "WhatsApp", "Facebook", "X (Twitter)", "YouTube", "Discord", "Twitch",
        "LinkedIn",
    }  # fmt: skip
    assert all(Platform.objects.filter(organisation__isnull=True).values_list("handle_pattern", flat=True))


@pytest.mark.parametrize(
    ("slug", "typed", "normalised"),
    [
        ("instagram", "@Jongerenwerk.Noord", "jongerenwerk.noord"),
        ("instagram", "https://www.instagram.com/jongerenwerk.noord/", "jongerenwerk.noord"),
        ("instagram", "instagram.com/jongerenwerk.noord?igsh=abc", "jongerenwerk.noord"),
        ("tiktok", "https://www.tiktok.com/@jw.noord", "jw.noord"),
        ("snapchat", "https://www.snapchat.com/add/jw-noord", "jw-noord"),
        ("x", "https://twitter.com/JW_Noord", "jw_noord"),
        ("x", "x.com/jw_noord", "jw_noord"),
        ("whatsapp", "+31 6 1234 5678", "+31612345678"),
        ("whatsapp", "https://wa.me/31612345678", "31612345678"),
        ("linkedin", "https://www.linkedin.com/in/sam-de-vries/", "in/sam-de-vries"),
        ("youtube", "https://www.youtube.com/@JongerenwerkNoord", "jongerenwerknoord"),
    ],
)
def test_handles_are_normalised_from_at_sign_case_and_profile_url(slug, typed, normalised):
    chosen = platform(slug)
    assert chosen.normalise_handle(typed) == normalised
    assert chosen.handle_is_valid(normalised)


@pytest.mark.parametrize(
    ("slug", "handle"),
    [
        ("instagram", "naam met spaties!"),
        ("instagram", "a" * 31),
        ("x", "veel_te_lange_naam_voor_x"),
        ("whatsapp", "jongerenwerk"),
        ("snapchat", "9begintmetcijfer"),
        ("twitch", "abc"),
    ],
)
def test_invalid_handle_for_the_platform_is_refused_with_an_example(team_a, worker, slug, handle):
    with pytest.raises(DomainError) as refused:
        _request(worker, team_a, slug, handle)
    assert refused.value.field == "handle"
    assert platform(slug).handle_example in refused.value.message


def _request(actor, team, slug, handle, **extra):
    fields = {
        "kind": PlatformAccount.Kind.PERSONAL_BUSINESS,
        "target_groups": [],
        "purpose": "Contact met jongeren",
        "working_hours": "ma–vr 13–21",
        "credentials_location": "Wachtwoordmanager, kluis Team A",
    }
    fields.update(extra)
    return platform_account_request(actor=actor, team=team, platform=platform(slug), handle=handle, **fields)


@pytest.mark.parametrize("second", ["@JW.Noord", "https://instagram.com/jw.noord/", " jw.noord "])
def test_same_handle_twice_in_one_organisation_is_refused(team_a, team_b, worker, outsider, second):
    _request(worker, team_a, "instagram", "jw.noord")
    with pytest.raises(DomainError) as refused:
        _request(outsider, team_b, "instagram", second)
    assert refused.value.field == "handle"
    assert "staat al in het register" in refused.value.message
    assert PlatformAccount.objects.count() == 1


def test_same_handle_on_another_platform_or_organisation_is_fine(team_a, worker, other_team):
    from accounts.models import Membership
    from accounts.tests.factories import make_member

    _request(worker, team_a, "instagram", "jw.noord")
    _request(worker, team_a, "tiktok", "jw.noord")
    elsewhere = make_member(other_team, Membership.Role.YOUTH_WORKER)
    _request(elsewhere, other_team, "instagram", "jw.noord")
    assert PlatformAccount.objects.count() == 3


def test_archived_account_frees_its_handle(team_a, worker):
    make_account(team_a, worker, "instagram", "jw.noord", status=PlatformAccount.Status.ARCHIVED)
    account = _request(worker, team_a, "instagram", "@jw.noord")
    assert account.status == PlatformAccount.Status.REQUESTED


@pytest.mark.parametrize(
    "value",
    [
        "wachtwoord: Zomer2024!",
        "password=hunter22",
        "kluis Noord, Hunter2024!",
        "token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4",
        "Xk9#mP2$vL",
    ],
)
def test_values_that_look_like_a_secret_are_refused_with_an_explanation(team_a, worker, value):
    assert looks_like_secret(value)
    with pytest.raises(DomainError) as refused:
        _request(worker, team_a, "instagram", "jw.noord", credentials_location=value)
    assert refused.value.field == "credentials_location"
    assert "wáár" in refused.value.message
    assert not PlatformAccount.objects.exists()


@pytest.mark.parametrize(
    "value",
    [
        "Wachtwoordmanager, kluis Team Noord",
        "1Password, kluis Team-Noord",
        "Bitwarden collectie Jongerenwerk Zuid",
        "Telefoon in de kluis op kantoor",
        "",
    ],
)
def test_ordinary_location_references_are_accepted(value):
    assert not looks_like_secret(value)


def test_target_groups_of_another_team_are_refused(team_a, team_b, worker):
    other_group = make_target_group(team_b, "ouders")
    with pytest.raises(DomainError) as refused:
        _request(worker, team_a, "instagram", "jw.noord", target_groups=[other_group])
    assert refused.value.field == "target_groups"


def test_profile_url_is_stored_as_its_handle(team_a, worker):
    account = _request(worker, team_a, "instagram", "https://www.instagram.com/JW.Noord/")
    assert (account.handle, account.handle_normalised) == ("@jw.noord", "jw.noord")
    typed = _request(worker, team_a, "tiktok", "@JW.Noord")
    assert typed.handle == "@JW.Noord"
