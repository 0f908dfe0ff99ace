"""Demo policy: communication and social-media policy, each team's norms and signal protocol, a post to review."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Platform, PlatformAccount
from policy.models import PolicyAcknowledgement, PolicyDocument, PolicyVersion, PolicyVersionEvent, PostReview

Kind = PolicyDocument.Kind
Status = PolicyVersion.Status

COMMUNICATION = """# Communicatiebeleid

Alles wat we naar buiten brengen, brengen we namens de organisatie. Daarom werken we met een vaste lijn.

## Uitgangspunten
- We communiceren open, eerlijk en in begrijpelijke taal.
- Persvragen gaan altijd naar de manager communicatie.
- We delen nooit gegevens waarmee een jongere herkenbaar is, zonder toestemming van de jongere
  (en onder de 16 jaar ook van een ouder).

## Sociale media
Sociale media vallen onder dit beleid. Het socialemediabeleid werkt dit uit voor het online jongerenwerk.
"""

SOCIAL_V1 = """# Socialemediabeleid

Iedereen is online auteur, zonder redactie ertussen. Een klein foutje kan grote gevolgen hebben.
Dit beleid geeft je een kader.

## Accounts
- Voor contact met jongeren werk je met een zakelijk persoonlijk account.
- Het organisatieaccount gebruiken we voor PR en algemene informatie.

## Hoe we online werken
- Sociale media zijn geen controlemiddel, maar een middel voor dialoog en interactie.
- Wat je online ziet, bespreek je 1-op-1 in de offline relatie.
"""

SOCIAL_V2 = """# Socialemediabeleid

Iedereen is online auteur, zonder redactie ertussen. Een klein foutje kan grote gevolgen hebben.
Dit beleid geeft je een kader en sluit aan op het communicatiebeleid.

## Accounts
- Voor contact met jongeren werk je met een zakelijk persoonlijk account, nooit met je privéaccount.
- Het organisatieaccount gebruiken we voor PR en algemene informatie.
- Wachtwoorden deel je niet en zet je niet in deze app.

## Hoe we online werken
- Sociale media zijn geen controlemiddel, maar een middel voor dialoog en interactie.
- Wat je online ziet, bespreek je 1-op-1 in de offline relatie.
  Stel vragen die het eigen inzicht van de jongere vergroten.
- Je registreert online contacten en tijd net als gewone contacten.

## Berichten van het organisatieaccount
Een bericht van het organisatieaccount leest altijd een collega mee voordat het online gaat,
zoals de communicatieafdeling van de politie dat doet.
"""

SOCIAL_V3 = (
    SOCIAL_V2
    + """
## Heftige signalen
Zie je iets heftigs, zoals een naaktfoto die rondgaat zonder toestemming?
Maak nooit een screenshot of foto van een minderjarige. Volg het signaalprotocol van je team.
"""
)

NORMS = """# Normen en waarden online – {team}

Online benaderen jongeren elkaar vooral positief en bekrachtigend.
Wijk je als professional van die norm af, dan verlies je je positie.

- We reageren positief en bekrachtigend, ook als we het ergens niet mee eens zijn.
- We zijn present: we reageren in het hier en nu, maar we controleren niet.
- We maken thema's bespreekbaar, normaliseren waar het kan en geven informatie.
- Twijfel je over een reactie? Leg hem eerst voor aan een collega.
"""

PROTOCOL = """# Signaalprotocol – {team}

## Wanneer is iets heftig?
- Een naaktfoto of -filmpje van een jongere dat zonder toestemming rondgaat.
- Bedreiging, afpersing (sextortion) of ernstig pesten.
- Uitingen over zelfbeschadiging of suïcide.

## Wat doe je?
1. Leg feitelijk vast wat je zag, zonder beelden en zonder volledige namen.
2. Overleg dezelfde dag met de aandachtsfunctionaris of de dienstdoende teamleider.
3. Bij direct gevaar bel je 112. Voor advies of een melding bel je Veilig Thuis: 0800-2000.
4. Bespreek het signaal in de eerstvolgende intervisie.
"""


def _document(org, team, title, kind, owner, **extra):
    document, _created = PolicyDocument.objects.update_or_create(
        organisation=org, team=team, title=title, defaults={"kind": kind, "owner": owner, **extra}
    )
    return document


def _version(document, number, body, summary, author, status, published_days_ago=None, **extra):
    published_at = timezone.now() - timedelta(days=published_days_ago) if published_days_ago is not None else None
    version, created = PolicyVersion.objects.get_or_create(
        document=document,
        number=number,
        defaults={"body": body, "change_summary": summary, "author": author, "status": status,
                  "published_at": published_at, "published_by": author if published_at else None, **extra},
    )  # fmt: skip
    if created:
        PolicyVersionEvent.objects.create(version=version, new_status=status, actor=author)
    return version


def _acknowledge(version, people, days_after=1):
    for person in people:
        PolicyAcknowledgement.objects.get_or_create(
            version=version, user=person, defaults={"at": version.published_at + timedelta(days=days_after)}
        )


def _post(org, team, author, reviewer):
    account = PlatformAccount.objects.filter(organisation=org, kind=PlatformAccount.Kind.ORGANISATION).first()
    if account is None:
        platform, _created = Platform.objects.get_or_create(
            organisation=None, slug="instagram", defaults={"name": "Instagram"}
        )
        account, _created = PlatformAccount.objects.get_or_create(
            organisation=org, platform=platform, handle="@jongerenwerkdemo",
            defaults={"team": team, "kind": PlatformAccount.Kind.ORGANISATION, "owner": reviewer,
                      "status": PlatformAccount.Status.ACTIVE},
        )  # fmt: skip
    post, created = PostReview.objects.get_or_create(
        account=account,
        author=author,
        status=PostReview.Status.SUBMITTED,
        defaults={"reviewer": reviewer, "planned_at": timezone.now() + timedelta(days=2),
                  "text": "Vrijdag is de inloop open tot 22:00. Kom langs voor een potje pingpong en een goed gesprek! "
                          "#jongerenwerk",
                  "checked_points": "Geen herkenbare jongeren in beeld; geen locatie van een jongere; toon positief."},
    )  # fmt: skip
    return post


def seed(demo):
    """Policy for the demo organisation; safe to run again."""
    org, users, teams = demo["organisation"], demo["users"], demo["teams"]
    manager = users["manager"]
    communication = _document(org, None, "Communicatiebeleid", Kind.COMMUNICATION, manager, review_interval_months=24)
    comm_v1 = _version(communication, 1, COMMUNICATION, "Eerste versie", manager, Status.PUBLISHED, 200)
    social = _document(org, None, "Socialemediabeleid", Kind.SOCIAL_MEDIA, manager, must_fit=communication,
                       fit_confirmed_version=comm_v1)  # fmt: skip
    v1 = _version(social, 1, SOCIAL_V1, "Eerste versie", manager, Status.SUPERSEDED, 120)
    v2 = _version(social, 2, SOCIAL_V2, "Privéaccounts, wachtwoorden, registratie en meelezen bij berichten toegevoegd",
                  manager, Status.PUBLISHED, 12)  # fmt: skip
    _version(social, 3, SOCIAL_V3, "Paragraaf over heftige signalen toegevoegd", manager, Status.DRAFT)
    PolicyDocument.objects.filter(pk=social.pk, next_review_on__isnull=True).update(
        next_review_on=timezone.localdate() + timedelta(days=25)
    )
    everyone = list(users.values())
    _acknowledge(v1, everyone)
    # Some people have not yet read version 2: they are asked when they log in.
    _acknowledge(v2, [manager, users["teamleider"], users["aandachtsfunctionaris"], users["teamleider-zuid"]])
    _acknowledge(comm_v1, everyone)
    leads = {teams[0].pk: users["teamleider"], teams[1].pk: users["teamleider-zuid"]}
    phones = {teams[0].pk: "06-11223344", teams[1].pk: "06-55667788"}
    for team in teams:
        lead = leads[team.pk]
        norms = _document(org, team, f"Normen en waarden online – {team.name}", Kind.NORMS_VALUES, lead)
        norms_v1 = _version(norms, 1, NORMS.format(team=team.name), "Eerste versie", lead, Status.PUBLISHED, 30)
        protocol = _document(org, team, f"Signaalprotocol – {team.name}", Kind.SIGNAL_PROTOCOL, lead)
        protocol_v1 = _version(protocol, 1, PROTOCOL.format(team=team.name), "Eerste versie", lead, Status.PUBLISHED,
                               30, on_call_lead=lead, on_call_phone=phones[team.pk])  # fmt: skip
        members = [user for user in everyone if user.memberships.filter(team=team).exists()]
        _acknowledge(norms_v1, members)
        _acknowledge(protocol_v1, [lead])
    _post(org, teams[0], users["jongerenwerker"], users["teamleider"])
    return demo
