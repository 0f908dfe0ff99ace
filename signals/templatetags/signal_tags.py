"""Signal tables and filter options built in Python: a page of the queue has some 70 rows and 40 options, and
rendering each cell or option as template nodes cost more than the whole rest of the page.

Escaping is `html.escape`, which is what Django's `escape` runs (without its lazy-string wrapper, a third of
the table's time).
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jongerenwerk.links import object_url_parts
from jongerenwerk.widgets import options_html
from signals.models import Signal
from signals.models.signal import URGENCY_ICON, Urgency, choice_label

register = template.Library()


def _urgency_badge(value):
    """Colour, icon and word together, never colour alone; a value that is not an urgency shows as normal."""
    known = value if value in URGENCY_ICON else Urgency.NORMAL
    return (
        f'<span class="badge urgency-badge urgency-badge-{escape(str(value))}"><i class="bi bi-{URGENCY_ICON[known]}" '
        f'aria-hidden="true"></i> {escape(str(Urgency(known).label))}</span>'
    )


def _deadline(row, now, late):
    if row.status == Signal.Status.REPORTED:
        due = timezone.localtime(row.triage_due_at).strftime("%d-%m %H:%M")
        if row.triage_due_at < now:
            alarm = '<i class="bi bi-alarm" aria-hidden="true"></i>'
            return f'<span class="text-danger fw-semibold">{alarm} {late}: {due}</span>'
        return f"<span>{due}</span>"
    day = row.step_due_on
    return f"{day.day:02d}-{day.month:02d}" if day else "—"


@register.simple_tag
def urgency_badge(urgency):
    """The badge of one urgency (a signal's, or a row of the figures)."""
    return mark_safe(_urgency_badge(urgency))


@register.simple_tag
def signal_table(rows):
    """A table of `SignalRow`s, a <tr> each: number (linked), urgency badge, category, status, handler, deadline."""
    head = "".join(
        f'<th scope="col">{escape(label)}</th>'
        for label in (_("Nr."), _("Urgentie"), _("Categorie"), _("Status"), _("Behandelaar"), _("Termijn"))
    )
    badges = {urgency: _urgency_badge(urgency) for urgency in {row.urgency for row in rows}}
    statuses = {status: escape(str(choice_label(Signal.Status, status))) for status in {row.status for row in rows}}
    # Escaped once per name: a page shows a handful of categories and handlers many times.
    names = {name: escape(name) for name in {row.category for row in rows} | {row.handler or "—" for row in rows}}
    late = escape(_("te laat"))
    now = timezone.now()
    prefix, suffix = object_url_parts("signals:detail")
    body = "".join(
        f'<tr class="urgency-{escape(row.urgency)}">'
        f'<td><a href="{prefix}{row.pk}{suffix}">#{row.pk}</a></td>'
        f"<td>{badges[row.urgency]}</td>"
        f"<td>{names[row.category]}</td>"
        f"<td>{statuses[row.status]}</td>"
        f"<td>{names[row.handler or '—']}</td>"
        f"<td>{_deadline(row, now, late)}</td></tr>\n"
        for row in rows
    )
    return mark_safe(
        f'<div class="table-responsive"><table class="table table-sm align-middle">\n  <thead><tr>{head}</tr></thead>'
        f"\n  <tbody>{body}</tbody>\n</table></div>\n"
    )


@register.simple_tag
def filter_options(choices, selected):
    """The <option>s of a filter: (value, label) pairs; the one whose value is `selected` (a GET string) is selected."""
    return mark_safe(options_html(choices, {escape(selected or "")}))
