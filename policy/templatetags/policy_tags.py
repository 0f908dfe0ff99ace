"""Rows of the completion report built in Python: a table of every version (or 50 people) per page."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_PUBLISHED = '<span class="badge text-bg-success"><i class="bi bi-check-circle" aria-hidden="true"></i> {}</span>'
_ARCHIVED = '<span class="badge text-bg-light border"><i class="bi bi-archive" aria-hidden="true"></i> {}</span>'
_DONE = '<i class="bi bi-check-circle text-success" aria-hidden="true"></i>'
_OPEN = '<i class="bi bi-hourglass-split text-warning" aria-hidden="true"></i>'
_EVERYONE = '<i class="bi bi-check-all text-success" aria-hidden="true"></i>'


@register.simple_tag
def completion_overview_rows(overview):
    """The overview's table rows: document and team, version and status, acknowledged, open, and the link."""
    organisation, everyone, who = escape(_("hele organisatie")), escape(_("iedereen")), escape(_("Wie wel, wie niet"))
    rows = []
    for item in overview:
        badge = (_PUBLISHED if item["published"] else _ARCHIVED).format(escape(item["status_label"]))
        scope = escape(item["team_name"]) if item["team_name"] else organisation
        still_open = f"{_OPEN} {item['open']}" if item["open"] else f"{_EVERYONE} {everyone}"
        rows.append(
            f'<tr><td>{escape(item["title"])} <span class="small text-body-secondary">· {scope}</span></td>'
            f"<td>{item['number']} {badge}</td>"
            f"<td>{_DONE} {item['done']} / {item['total']}</td>"
            f"<td>{still_open}</td>"
            f'<td><a href="{escape(item["url"])}">{who}</a></td></tr>'
        )
    return mark_safe("\n".join(rows))  # every value above is escaped or a number


@register.simple_tag
def completion_version_rows(rows):
    """One version's table rows: name, acknowledged on (or not yet), days outstanding."""
    acknowledged, not_acknowledged = escape(_("bevestigd")), escape(_("nog niet bevestigd"))
    html = []
    for row in rows:
        if row["acknowledged_at"]:
            day = escape(date_format(timezone.localtime(row["acknowledged_at"]), "j F Y"))
            status = (
                '<span class="text-success"><i class="bi bi-check-circle" aria-hidden="true"></i> '
                f"{acknowledged} {day}</span>"
            )
        else:
            status = (
                '<span class="text-danger-emphasis"><i class="bi bi-hourglass-split" aria-hidden="true"></i> '
                f"{not_acknowledged}</span>"
            )
        days = "–" if row["days_outstanding"] is None else row["days_outstanding"]
        html.append(f"<tr><td>{escape(row['name'])}</td><td>{status}</td><td>{days}</td></tr>")
    return mark_safe("\n".join(html))  # every value above is escaped or a number
