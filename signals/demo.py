"""Demo data for signals and intervision: signals in every status, a session with minutes, open and overdue actions.

Pseudonyms only; the texts are made up. Safe to run again: nothing is added when team Noord already has signals.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Platform
from registration.models import YoungPerson
from signals.models import AgendaItem, FollowUpAction, IntervisionSession, Signal, SignalCategory
from signals.services import corrections, intervision
from signals.services import signal as services

Status = Signal.Status


def _category(org, name):
    return SignalCategory.objects.get(organisation=org, name=name)


def _platform(slug, name):
    return Platform.objects.get_or_create(organisation=None, slug=slug, defaults={"name": name})[0]


def _person(team, pseudonym, birth_year):
    return YoungPerson.objects.get_or_create(team=team, pseudonym=pseudonym, defaults={"birth_year": birth_year})[0]


def _report(demo, reporter, category, urgency, facts, interpretation, source, channel, platform, people, hours_ago):
    org, team = demo["organisation"], demo["teams"][0]
    return services.signal_report(
        actor=reporter,
        team=team,
        category=_category(org, category),
        urgency=urgency,
        facts=facts,
        interpretation=interpretation,
        source=source,
        seen_at=timezone.now() - timedelta(hours=hours_ago),
        channel=channel,
        platform=platform,
        people=[(p, "", role) for p, role in people],
    )


def _work_up_to_decision(signal, lead, handler, today):
    signal = services.signal_triage(
        signal=signal,
        actor=lead,
        category=signal.category,
        urgency=signal.urgency,
        handler=handler,
        step_due_on=today + timedelta(days=3),
    )
    services.signal_step_record(
        signal=signal,
        actor=handler,
        kind="map",
        happened_on=today,
        data={
            "facts": "Drie berichten in de klassengroep, tussen 21.00 en 23.00 uur.",
            "interpretation": "Het lijkt een groep tegen één jongere.",
            "sources": "Eigen waarneming, melding van vriendin.",
        },
    )
    services.signal_step_record(
        signal=signal,
        actor=handler,
        kind="consult",
        happened_on=today,
        data={"consulted_with": "safeguarding_officer", "advice": "Eerst een gesprek met de jongere, daarna wegen."},
    )
    services.signal_step_record(
        signal=signal,
        actor=handler,
        kind="talk",
        happened_on=today,
        data={"with_whom": "de jongere", "outcome": "Jongere voelt zich gesteund en wil hulp van de mentor."},
    )
    services.signal_weigh(
        signal=signal,
        actor=handler,
        happened_on=today,
        answers={1: True, 2: False, 3: True, 4: True, 5: True},
        explanations={
            1: "Herhaald gepest, online en op school.",
            2: "Geen acuut gevaar.",
            3: "Mentor en jongerenwerk samen.",
            4: "Jongere en ouder stemmen in.",
            5: "Berichten zijn gestopt na ingrijpen.",
        },
    )
    services.signal_decide(
        signal=signal,
        actor=handler,
        happened_on=today,
        data={
            "help_arranged": True,
            "help_what": "Gesprekken met de mentor, twee weken lang.",
            "help_by": "School",
            "close_with_monitoring": True,
            "monitoring_agreements": "Na vier weken checken of het rustig blijft.",
        },
    )
    signal.refresh_from_db()
    return signal


def seed(demo):
    """Add the signals part of the demo organisation."""
    org, noord = demo["organisation"], demo["teams"][0]
    users = demo["users"]
    worker, worker2 = users["jongerenwerker"], users["jongerenwerker2"]
    lead, officer = users["teamleider"], users["aandachtsfunctionaris"]
    services.signal_categories_seed(org)
    if Signal.objects.filter(team=noord).exists():
        return demo
    today = timezone.localdate()
    snap, insta, whatsapp = (
        _platform("snapchat", "Snapchat"),
        _platform("instagram", "Instagram"),
        _platform("whatsapp", "WhatsApp"),
    )
    vos, merel, kiki, dex = (
        _person(noord, "Vos", 2011),
        _person(noord, "Merel", 2010),
        _person(noord, "Kiki", 2012),
        _person(noord, "Dex", 2009),
    )

    # Reported, acute and untriaged: at the top of the queue.
    _report(
        demo,
        worker,
        "Sexting / naaktfoto gedeeld zonder toestemming",
        "acute",
        "Een vriendin vertelt dat een naaktfoto van een meisje uit groep 2 rondgaat in een Snapchat-groep.",
        "Het meisje weet het mogelijk nog niet.",
        "verteld door een vriendin",
        "group_chat",
        snap,
        [(merel, "about"), (dex, "sharer")],
        1,
    )
    # Triaged.
    triaged = _report(
        demo,
        worker2,
        "Online pesten",
        "high",
        "Onder een TikTok-filmpje staan tientallen scheldwoorden gericht aan één jongen.",
        "",
        "gezien onder een openbaar bericht",
        "comment",
        None,
        [(kiki, "about")],
        20,
    )
    services.signal_triage(
        signal=triaged,
        actor=lead,
        category=triaged.category,
        urgency="high",
        handler=worker2,
        step_due_on=today + timedelta(days=2),
    )
    # In progress, with an overdue step.
    progress = _report(
        demo,
        worker,
        "Zelfbeschadiging of suïcidale uitingen",
        "high",
        "In een story schrijft een jongere dat ze 'er klaar mee is'.",
        "Zorgelijk, maar onduidelijk.",
        "gezien in een story",
        "story",
        insta,
        [(vos, "about")],
        72,
    )
    progress = services.signal_triage(
        signal=progress,
        actor=officer,
        category=progress.category,
        urgency="high",
        handler=worker,
        step_due_on=today - timedelta(days=2),
    )
    services.signal_step_record(
        signal=progress,
        actor=worker,
        kind="map",
        happened_on=today - timedelta(days=2),
        data={"facts": "Twee stories in twee dagen met vergelijkbare tekst."},
    )
    # Decided and waiting for four-eyes approval (handled by the worker, approved by lead or officer).
    decided = _report(
        demo,
        worker2,
        "Online pesten",
        "normal",
        "Een jongere wordt buitengesloten uit de klassengroep en krijgt anonieme berichten.",
        "",
        "verteld door de jongere zelf",
        "dm",
        whatsapp,
        [(kiki, "about")],
        24 * 10,
    )
    decided = _work_up_to_decision(decided, lead, worker2, today)
    services.signal_close_request(signal=decided, actor=worker2)
    # Closed.
    closed = _report(
        demo,
        worker,
        "Discriminatie of haat",
        "normal",
        "In een openbare reactie worden jongeren uit de wijk uitgescholden om hun afkomst.",
        "",
        "gezien in een openbare reactie",
        "comment",
        insta,
        [],
        24 * 30,
    )
    closed = _work_up_to_decision(closed, officer, worker, today)
    services.signal_close_request(signal=closed, actor=worker)
    services.signal_close_approve(signal=closed, actor=lead)
    # Reopened.
    reopened = _report(
        demo,
        worker2,
        "Drugs",
        "normal",
        "In een groepschat wordt gevraagd wie 'wat' kan regelen voor het weekend.",
        "",
        "gezien in een groepschat",
        "group_chat",
        whatsapp,
        [(dex, "other")],
        24 * 40,
    )
    reopened = _work_up_to_decision(reopened, lead, worker2, today)
    services.signal_close_request(signal=reopened, actor=worker2)
    services.signal_close_approve(signal=reopened, actor=officer)
    services.signal_reopen(signal=reopened, actor=lead, reason="Nieuwe berichten in dezelfde groep.")
    reopened = corrections.signal_handler_change(
        signal=reopened, actor=lead, handler=worker, reason="Sam kent de groep beter."
    )
    corrections.signal_correct(
        signal=reopened,
        actor=lead,
        category=reopened.category,
        urgency="high",
        facts=reopened.facts,
        reason="Er wordt nu ook over verkopen gesproken.",
    )

    _session_with_minutes(noord, lead, [worker, worker2, officer], progress, today)
    return demo


def _session_with_minutes(team, lead, participants, signal, today):
    session = intervision.session_schedule(
        actor=lead,
        team=team,
        kind=IntervisionSession.Kind.INTERVISION,
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=90,
        place="Buurthuis De Schakel, kamer 2",
        facilitator=lead,
        participants=participants,
        signals=[signal],
        topics=["Bereikbaarheid in de avond"],
    )
    item = session.items.get(signal=signal)
    intervision.agenda_item_record(
        item=item,
        actor=lead,
        notes="Besproken wat de stories zeggen en wat de jongere eerder vertelde.",
        considerations="Geen acuut gevaar, wel zorgen. Ouders zijn niet op de hoogte.",
        course_of_action="Gesprek met de jongere deze week; de aandachtsfunctionaris denkt mee over de ouders.",
    )
    intervision.action_add(
        item=item,
        actor=lead,
        description="Gesprek met de jongere plannen",
        owner=participants[0],
        due_on=today - timedelta(days=1),
    )
    intervision.action_add(
        item=item,
        actor=lead,
        description="Advies vragen aan Veilig Thuis (anoniem)",
        owner=participants[2],
        due_on=today + timedelta(days=4),
    )
    other = AgendaItem.objects.get(session=session, topic="Bereikbaarheid in de avond")
    intervision.agenda_item_record(
        item=other,
        actor=lead,
        notes="Wie reageert na 22.00 uur?",
        considerations="",
        course_of_action="Na 22.00 uur alleen bij acute signalen reageren.",
    )
    action = intervision.action_add(
        item=other,
        actor=lead,
        description="Afspraak opnemen in het teamprotocol",
        owner=lead,
        due_on=today - timedelta(days=5),
    )
    intervision.action_complete(action=action, actor=lead, note="Opgenomen en gedeeld in het teamoverleg.")
    intervision.session_finalise(session=session, actor=lead)
    return FollowUpAction.objects.filter(agenda_item__session=session)
