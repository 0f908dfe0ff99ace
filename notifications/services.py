"""Scheduling and delivering notifications. Every reminder in every app goes through here."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Notification

logger = logging.getLogger(__name__)


def _target_fields(target):
    if target is None:
        return {"target_type": "", "target_id": 0}
    return {"target_type": target._meta.label_lower, "target_id": target.pk}


def notification_schedule(*, recipient, kind, target=None, link="", due_at=None, key=""):
    """Create the notification once; scheduling the same one again returns the existing row."""
    lookup = {"recipient": recipient, "kind": kind, "key": key, **_target_fields(target)}
    existing = Notification.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Notification.objects.create(**lookup, link=link, due_at=due_at or timezone.now())
    except IntegrityError:
        # Someone scheduled the same notification at the same moment: theirs stands.
        return Notification.objects.get(**lookup)


def notification_resolve(*, target, kind=None, recipient=None):
    """Mark notifications about this object as acted on (the work they asked for is done)."""
    rows = Notification.objects.filter(acted_at__isnull=True, **_target_fields(target))
    if kind is not None:
        rows = rows.filter(kind=kind)
    if recipient is not None:
        rows = rows.filter(recipient=recipient)
    return rows.update(acted_at=timezone.now())


def notification_mark_read(*, user, notification_ids=None):
    """Mark this person's visible notifications (or the given ones) as read."""
    rows = Notification.objects.for_user(user).visible_now().filter(read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=notification_ids)
    return rows.update(read_at=timezone.now())


def _email(notification):
    recipient = notification.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {"notification": notification, "url": settings.SITE_URL + (notification.link or "/meldingen/")}
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(notification.title)
        body = render_to_string("notifications/email.txt", context)
    # One notification is one message: if a worker dies after sending but before its commit, the copy
    # sent again carries the same Message-ID, so mail systems treat it as the same message.
    domain = urlsplit(settings.SITE_URL).hostname or "jongerenwerk.local"
    headers = {"Message-ID": f"<notification-{notification.pk}@{domain}>"}
    EmailMessage(subject, body, None, [recipient.email], headers=headers).send()


def notification_deliver(notification_id):
    """Send one due notification by email, exactly once.

    The conditional UPDATE claims the row; a second worker or a retry blocks on
    the row lock and then matches nothing. Its WHERE clause names only the row's
    own columns: a condition through a join (the recipient) would make Django
    write `id IN (subquery)`, which PostgreSQL does not re-check after the lock
    wait, so both workers would send. The email goes out inside the same
    transaction, so a worker killed before commit leaves the row unsent for
    the next run.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True, due_at__lte=now).update(
            sent_at=now
        )
        if claimed != 1:
            return False
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)
        if not notification.recipient.is_active:
            # A deactivated person gets no email; the claim is undone so reactivation still sends it.
            transaction.set_rollback(True)
            return False
        _email(notification)
    logger.info("notification sent id=%s kind=%s", notification.pk, notification.kind)
    return True


def notifications_send_due(limit=5000):
    """Deliver every notification that is due and not yet sent; returns how many went out."""
    due_ids = list(
        Notification.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now(), recipient__is_active=True)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in due_ids if notification_deliver(pk))
