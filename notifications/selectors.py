"""Reads of a person's own notifications."""

from notifications.models import Notification


def notification_list(user):
    """This person's notifications that are due, newest first."""
    return Notification.objects.for_user(user).visible_now().order_by("-due_at", "-pk")


def unread_count(user):
    """How many due notifications this person has not read yet (the bell)."""
    return Notification.objects.for_user(user).visible_now().unread().count()
