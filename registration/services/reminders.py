"""Reminders of contact registration and time, scheduled through the notifications app (each exactly once).

The notifications' unique key (recipient, kind, target, key) makes every run idempotent.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Team, User
from notifications.kinds import Kind
from notifications.services import notification_schedule
from registration import selectors
from registration.models import Contact, FunderAgreement, MonthApproval, TimeEntry
from registration.permissions import REGISTERING_ROLES

MONTH_APPROVAL_GRACE_DAYS = 3


def _workers():
    return Membership.objects.filter(role=Membership.Role.YOUTH_WORKER, user__is_active=True)


def _logged_worker_ids(start, end):
    contacts = Contact.objects.filter(date__range=(start, end)).values("worker_id").order_by()
    entries = TimeEntry.objects.filter(date__range=(start, end)).values("worker_id").order_by()
    return {row["worker_id"] for row in contacts.union(entries)}


def reminders_nothing_logged(today=None):
    """Thursday: this week so far; Monday: last week (and the team leads hear who logged nothing)."""
    today = today or timezone.localdate()
    if today.weekday() == 3:
        start, key = selectors.week_start(today), "thu"
    elif today.weekday() == 0:
        start, key = selectors.week_start(today) - datetime.timedelta(days=7), "mon"
    else:
        return 0
    end = start + datetime.timedelta(days=6)
    logged = _logged_worker_ids(start, min(end, today))
    silent = list(_workers().exclude(user_id__in=logged).select_related("user", "team"))
    link = reverse("registration:week")
    people = {m.user_id: m.user for m in silent}
    for user in people.values():
        notification_schedule(recipient=user, kind=Kind.NOTHING_LOGGED, link=link, key=f"{start:%G-W%V}-{key}")
    count = len(people)
    if key == "mon":
        count += _tell_leads(silent, start)
    return count


def _tell_leads(silent, start):
    team_ids = {m.team_id for m in silent}
    leads = Membership.objects.filter(team_id__in=team_ids, role=Membership.Role.TEAM_LEAD, user__is_active=True)
    count = 0
    for lead in leads.select_related("user", "team"):
        notification_schedule(
            recipient=lead.user,
            kind=Kind.TEAM_NOTHING_LOGGED,
            target=lead.team,
            link=reverse("registration:dashboard"),
            key=f"{start:%G-W%V}",
        )
        count += 1
    return count


def reminders_weekly_budget(today=None):
    """Tell each worker whose hours this week passed their weekly budget (once a week)."""
    today = today or timezone.localdate()
    start = selectors.week_start(today)
    members = list(
        Membership.objects.filter(role__in=REGISTERING_ROLES, user__is_active=True).select_related(
            "team__registration_budget"
        )
    )
    budgets = {}
    for m in members:
        team_budget = getattr(getattr(m.team, "registration_budget", None), "weekly_minutes", None)
        budgets.setdefault(m.user_id, {})[m.team_id] = (
            m.weekly_budget_minutes or team_budget or selectors.DEFAULT_WEEKLY_MINUTES
        )
    minutes = selectors.worker_minutes(list(budgets), start, start + datetime.timedelta(days=6))
    over = [uid for uid, total in minutes.items() if uid in budgets and total > sum(budgets[uid].values())]
    for user in User.objects.filter(pk__in=over):
        notification_schedule(
            recipient=user,
            kind=Kind.WEEKLY_BUDGET_EXCEEDED,
            link=reverse("registration:dashboard"),
            key=f"{start:%G-W%V}",
        )
    return len(over)


def reminders_agreement_budget(today=None):
    """Tell the organisation's managers when an agreement reaches 80 % and 100 % of its hours."""
    from registration.dashboards import agreement_progress

    count = 0
    organisation_ids = FunderAgreement.objects.values_list("organisation_id", flat=True).distinct()
    for organisation_id in organisation_ids:
        managers = list(
            User.objects.filter(
                organisation_id=organisation_id, is_active=True, memberships__role=Membership.Role.MANAGER
            ).distinct()
        )
        if not managers:
            continue
        for row in agreement_progress(managers[0]):
            for threshold, kind in ((80, Kind.AGREEMENT_BUDGET_80), (100, Kind.AGREEMENT_BUDGET_100)):
                if row["percent"] >= threshold:
                    for manager in managers:
                        notification_schedule(
                            recipient=manager,
                            kind=kind,
                            target=row["agreement"],
                            link=reverse("registration:dashboard"),
                        )
                        count += 1
    return count


def reminders_follow_up(today=None):
    """Remind the owner of a contact's follow-up action the day before it is due."""
    today = today or timezone.localdate()
    due = (
        Contact.objects.filter(follow_up_due__lte=today + datetime.timedelta(days=1), follow_up_done_at__isnull=True)
        .exclude(follow_up="")
        .select_related("worker")
    )
    count = 0
    for contact in due:
        notification_schedule(
            recipient=contact.worker,
            kind=Kind.CONTACT_FOLLOW_UP_DUE,
            target=contact,
            link=reverse("registration:contact_detail", args=[contact.pk]),
            key=contact.follow_up_due.isoformat(),
        )
        count += 1
    return count


def reminders_month_to_approve(today=None):
    """Three days into a month: the team lead of each team with an unapproved last month hears of it."""
    today = today or timezone.localdate()
    if today.day < MONTH_APPROVAL_GRACE_DAYS + 1:
        return 0
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    end = today.replace(day=1) - datetime.timedelta(days=1)
    active = set(Contact.objects.filter(date__range=(month, end)).values_list("team_id", flat=True).distinct())
    active |= set(TimeEntry.objects.filter(date__range=(month, end)).values_list("team_id", flat=True).distinct())
    approved = MonthApproval.objects.filter(month=month, status=MonthApproval.Status.APPROVED).values("team_id")
    teams = Team.objects.filter(pk__in=active).exclude(pk__in=approved)
    leads = Membership.objects.filter(team__in=teams, role=Membership.Role.TEAM_LEAD, user__is_active=True)
    count = 0
    for lead in leads.select_related("user", "team"):
        link = reverse("registration:month_detail", args=[lead.team_id, f"{month:%Y-%m}"])
        notification_schedule(
            recipient=lead.user, kind=Kind.MONTH_TO_APPROVE, target=lead.team, link=link, key=f"{month:%Y-%m}"
        )
        count += 1
    return count


def first_working_day(month_start):
    day = month_start
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def monthly_reports_due(today=None):
    """The agreements whose report for last month goes out today (the first working day), and that month."""
    today = today or timezone.localdate()
    if today != first_working_day(today.replace(day=1)):
        return [], None
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    ids = FunderAgreement.objects.filter(
        Q(monthly_report=True),
        report_recipient__isnull=False,
        starts_on__lt=today.replace(day=1),
        ends_on__gte=last_month,
    ).values_list("pk", flat=True)
    return list(ids), last_month


def monthly_report_send(*, agreement_id, month):
    """Email one agreement's report for a month, with the PDF and XLSX attached, exactly once.

    The delivery row is created in the same transaction as the email goes out: a second run (or a
    retry after a crash before commit) finds it, or blocks on it, and sends nothing.
    """
    from django.core.mail import EmailMessage
    from django.db import IntegrityError, transaction
    from django.utils import translation
    from django.utils.translation import gettext as _

    from audit.services import Action, audit_log
    from registration import exports, reports
    from registration.models import MonthlyReportDelivery

    agreement = FunderAgreement.objects.select_related("report_recipient", "organisation").get(pk=agreement_id)
    recipient = agreement.report_recipient
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    try:
        with transaction.atomic():
            MonthlyReportDelivery.objects.create(agreement=agreement, month=month)
            report_filter = reports.ReportFilter(
                start=month, end=end, team_ids=[t.pk for t in agreement.teams.all()], agreement=agreement
            )
            with translation.override(recipient.language or "nl"):
                result = reports.report_build(report_filter)
                pdf = exports.pdf_write(result, report_filter, agreement.organisation.name)
                with exports.xlsx_write(result, report_filter, agreement.organisation.name) as built:
                    xlsx = built.read()
                subject = _("[Jongerenwerk] Maandrapport %(agreement)s %(month)s") % {
                    "agreement": agreement.name,
                    "month": month.strftime("%m-%Y"),
                }
                body = _("In de bijlage staat het maandrapport voor de opdrachtgever, als PDF en als Excel-bestand.")
            message = EmailMessage(subject, body, None, [recipient.email])
            message.attach(f"maandrapport-{month:%Y-%m}.pdf", pdf, "application/pdf")
            message.attach(
                f"maandrapport-{month:%Y-%m}.xlsx",
                xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            reports.report_mark_exported(report_filter)
            audit_log(
                actor=None,
                action=Action.EXPORT,
                target=agreement,
                organisation=agreement.organisation_id,
                detail=f"monthly report {month:%Y-%m}",
            )
            message.send()
    except IntegrityError:
        return False
    return True


def monthly_reports_send(today=None):
    """Send every monthly report that is due today; returns how many went out."""
    ids, month = monthly_reports_due(today)
    return sum(1 for pk in ids if monthly_report_send(agreement_id=pk, month=month))
