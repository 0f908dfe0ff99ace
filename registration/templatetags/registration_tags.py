from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(minutes):
    """Minutes as '1 u 30 min' (or '45 min')."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s u") % {"hours": hours}
    return _("%(hours)s u %(minutes)s min") % {"hours": hours, "minutes": rest}
