"""The canary run: recognisable fake personal data goes into every form; none of it may reach an email or a log."""

import datetime
import io
import logging
import zipfile
from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Invitation, Membership, Platform, PlatformAccount
from accounts.services.outreach import (
    platform_account_reminders_schedule,
    platform_account_request,
    target_group_create,
)
from accounts.services.people import invitation_accept, invitation_create
from notifications.services import notifications_send_due
from policy.services import posts as post_services
from policy.services import reminders as policy_reminders
from policy.services.documents import version_create, version_submit
from policy.tests.factories import make_document
from privacy.records import signal_model
from registration.models import Contact, YoungPerson
from registration.services import reminders as registration_reminders
from registration.tests.factories import AgreementFactory, ContactFactory, make_goal
from tests.reliability.figures import record

NAME = "Canarypseudo Jansen"
HANDLE = "@canary_handle_x"
PHONE = "0612345678"
EMAIL = "canary.mail@example.net"
PASSWORD = "Canary-Secret-Pass-91!"
CANARIES = [NAME, "Canarypseudo", "canary_handle_x", PHONE, "06-12345678", EMAIL, PASSWORD]
TEXT = f"{NAME} ({HANDLE}, {PHONE}, {EMAIL}) vertelde over thuis"


def _fill_registration_forms(client, worker, team_a, platform, group_a):
    response = client.post(
        "/registratie/jongeren/nieuw/",
        {"team": team_a.pk, "pseudonym": NAME, "initials": "CJ", "birth_year": 2011, "target_group": group_a.pk,
         "handle_platform_1": platform.pk, "handle_1": HANDLE},
    )  # fmt: skip
    assert response.status_code == 302
    young_person = YoungPerson.objects.get(pseudonym=NAME)
    response = client.post(
        "/registratie/contact/nieuw/",
        {"platform": platform.pk, "duration_minutes": 40, "young_people_count": 1, "target_group": group_a.pk,
         "channel": "dm", "kind": "individual", "date": "2026-11-19", "impression": TEXT,
         "young_people": [young_person.pk], "follow_up": f"Bel {PHONE} terug", "follow_up_due": "2026-11-21"},
    )  # fmt: skip
    assert response.status_code == 302
    response = client.post(
        "/registratie/tijd/nieuw/",
        {"date": "2026-11-19", "duration_minutes": 45, "activity": "monitoring", "note": TEXT},
    )
    assert response.status_code == 302
    return young_person


def _fill_outreach_and_policy(worker, lead, manager, team_a):
    target_group_create(actor=lead, team=team_a, data={"name": "Canarygroep", "description": TEXT, "needs": TEXT})
    platform, _ = Platform.objects.get_or_create(organisation=None, slug="tiktok", defaults={"name": "TikTok"})
    platform_account_request(
        actor=worker, team=team_a, platform=platform, handle="jw.canary.noord",
        kind=PlatformAccount.Kind.PERSONAL_BUSINESS, target_groups=[], purpose=TEXT,
        working_hours=f"bel {PHONE}", credentials_location="Wachtwoordmanager, kluis A",
    )  # fmt: skip
    document = make_document(team_a.organisation, owner=manager, title="Socialemediabeleid")
    version = version_create(actor=manager, document=document, body=TEXT, change_summary=TEXT)
    version_submit(actor=manager, version=version)
    instagram, _ = Platform.objects.get_or_create(organisation=None, slug="instagram", defaults={"name": "Instagram"})
    account = PlatformAccount.objects.create(
        organisation=team_a.organisation, team=team_a, platform=instagram, handle="@jongerenwerk", owner=worker,
        kind=PlatformAccount.Kind.ORGANISATION, handle_normalised=instagram.normalise_handle("@jongerenwerk"),
        status=PlatformAccount.Status.ACTIVE,
    )  # fmt: skip
    post_services.post_submit(
        actor=worker, account=account, text=TEXT, reviewer=lead, planned_at=timezone.now() + timedelta(hours=20),
        checked_points=TEXT,
    )  # fmt: skip


def _fill_signals(worker, lead, team_a, platform):
    """Once the signals app is there: an acute signal about the canary, an intervision with notes and an action."""
    if signal_model() is None:
        return False
    from signals.services import intervision, signal

    signal.signal_categories_seed(team_a.organisation)
    category = (
        signal_model()
        ._meta.apps.get_model("signals", "SignalCategory")
        .objects.filter(organisation=team_a.organisation)
        .first()
    )
    reported = signal.signal_report(
        actor=worker, team=team_a, category=category, urgency="acute", facts=TEXT, interpretation=TEXT, source=TEXT,
        seen_at=timezone.now() - timedelta(hours=1), channel="dm", platform=platform,
        people=[(None, NAME, "about")], contacts=list(Contact.objects.filter(worker=worker)),
    )  # fmt: skip
    session = intervision.session_schedule(
        actor=lead, team=team_a, kind="consultation", starts_at=timezone.now() + timedelta(days=1, hours=2),
        duration_minutes=60, facilitator=lead, participants=[worker], place="Buurthuis", signals=[reported],
        topics=[TEXT[:200]],
    )  # fmt: skip
    for item in session.items.all():
        intervision.agenda_item_record(item=item, actor=lead, notes=TEXT, considerations=TEXT, course_of_action=TEXT)
    item = session.items.filter(signal=reported).first()
    intervision.action_add(item=item, actor=lead, description=TEXT[:300], owner=worker, due_on=timezone.localdate())
    return True


def _invite_and_accept(client, administrator, team_a):
    invitation_create(actor=administrator, team=team_a, email=EMAIL, role=Membership.Role.YOUTH_WORKER)
    invitation = Invitation.objects.get(email=EMAIL)
    invitation_accept(token=invitation.token, full_name=NAME, password=PASSWORD)
    client.logout()
    client.post("/account/login/", {"login": EMAIL, "password": PASSWORD + "x"})
    client.post("/account/login/", {"login": "someone@example.org", "password": PASSWORD})


def _run_every_reminder(manager, team_a, worker, platform):
    agreement = AgreementFactory(
        organisation=team_a.organisation, teams=[team_a], monthly_report=True, report_recipient=manager, hour_budget=1
    )
    make_goal(agreement)
    october = ContactFactory(
        team=team_a, worker=worker, platform=platform, date=datetime.date(2026, 10, 14), impression=TEXT,
        follow_up=TEXT[:200], duration_minutes=120,
    )  # fmt: skip
    october.young_people.add(*YoungPerson.objects.filter(pseudonym=NAME))
    registration_reminders.monthly_reports_send(datetime.date(2026, 11, 2))
    for moment in ["2026-11-20 13:00", "2026-11-21 08:00", "2026-11-23 10:00", "2026-12-04 09:00"]:
        with time_machine.travel(f"{moment} +01:00", tick=False):
            registration_reminders.reminders_nothing_logged()
            registration_reminders.reminders_weekly_budget()
            registration_reminders.reminders_agreement_budget()
            registration_reminders.reminders_follow_up()
            registration_reminders.reminders_month_to_approve()
            policy_reminders.acknowledgement_reminders_schedule()
            policy_reminders.review_waiting_reminders_schedule()
            policy_reminders.document_review_reminders_schedule()
            policy_reminders.post_reminders_schedule()
            platform_account_reminders_schedule()
            if signal_model() is not None:
                from signals.services.reminders import signal_reminders_schedule

                signal_reminders_schedule()
            notifications_send_due()


def _attachment_text(name, content):
    data = content if isinstance(content, bytes) else content.encode()
    if name.endswith(".pdf"):
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if name.endswith(".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(part).decode() for part in archive.namelist() if part.endswith(".xml"))
    return data.decode(errors="replace")


def _email_texts():
    texts = []
    for message in mail.outbox:
        texts += [message.subject, message.body]
        texts += [body for body, _type in getattr(message, "alternatives", [])]
        texts += [_attachment_text(name, content) for name, content, _type in message.attachments]
    return texts


def test_no_canary_in_any_email_or_log_line(
    client_for, worker, lead, manager, administrator, team_a, platform, group_a, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    caplog.set_level(logging.DEBUG)
    for name in ("celery", "celery.app.trace", "celery.worker", "django", "django.request", "django.security"):
        caplog.set_level(logging.DEBUG, logger=name)
    with django_capture_on_commit_callbacks(execute=True):
        client = client_for(worker)
        _fill_registration_forms(client, worker, team_a, platform, group_a)
        _fill_outreach_and_policy(worker, lead, manager, team_a)
        with_signals = _fill_signals(worker, lead, team_a, platform)
        _invite_and_accept(client, administrator, team_a)
        _run_every_reminder(manager, team_a, worker, platform)

    # The run did what it should, so the search below cannot pass vacuously.
    assert Contact.objects.filter(impression=TEXT).exists()
    assert len(mail.outbox) >= 5, [message.subject for message in mail.outbox]
    assert any(message.attachments for message in mail.outbox)
    assert any(EMAIL in message.to for message in mail.outbox)
    assert len(caplog.records) > 0
    assert with_signals
    if with_signals:
        subjects = " ".join(message.subject for message in mail.outbox)
        assert "cuut" in subjects or "signaal" in subjects.lower(), subjects

    logs = [caplog.text] + [f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records]
    found = [(canary, text[:300]) for canary in CANARIES for text in _email_texts() + logs if canary in text]
    record("canary.canaries", len(CANARIES))
    record("canary.emails", len(mail.outbox))
    record("canary.log_records", len(caplog.records))
    record("canary.occurrences", len(found))
    assert found == [], f"{len(found)} canary occurrences"
