"""What every page needs: the menu for this person's roles and the notification bell."""

from jongerenwerk.hooks import collect


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from notifications.selectors import unread_count

    return {
        "nav_items": sorted(collect("navigation", "nav_items", request), key=lambda item: item.order),
        "unread_notifications": unread_count(user),
    }
